package tag

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestScanHalves checks that scanning a long text as two halves at once
// finds exactly what one pass from the start finds, with matches across
// the split and patterns as long as the warm-up.
func TestScanHalves(t *testing.T) {
	words := []string{"chip", "bán", "dẫn", "chất", "a", "ai", "năng", "lượng", "-", ",", "“", "x"}
	var patterns []pattern
	for i, p := range []string{"chip", "bán dẫn", "chất bán dẫn", "ai", "năng lượng", "a a a a a a a a", ", a", "“ai"} {
		var fm forms
		fm.build(p, false, false)
		patterns = append(patterns, pattern{text: fm.f, value: int32(i)})
	}
	a := newAutomaton(patterns)
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 200 {
		var b strings.Builder
		for range 40 + n*7 {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		var fm forms
		fm.build(b.String(), false, false)
		got, _ := a.scan(fm.f, nil, nil)
		if want := scanOnce(a, fm.f); !slices.Equal(got, want) {
			t.Fatalf("text %q:\nhalves %v\nonce   %v", fm.f, got, want)
		}
	}
}

// scanOnce is automaton.scan without the halves.
func scanOnce(a *automaton, text []byte) []rawMatch {
	var ms []rawMatch
	s := a.start
	for i, b := range text {
		if s = a.trans[s+int32(a.class[b])]; s >= a.matchFrom {
			ms = append(ms, rawMatch{end: i + 1, state: s})
		}
	}
	return ms
}
