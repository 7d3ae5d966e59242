package tag

import (
	"bytes"
	"cmp"
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

// TestExactDivision checks the division of premultiplied states by every
// stride an automaton can have.
func TestExactDivision(t *testing.T) {
	for stride := int32(3); stride <= 256; stride++ {
		a := &automaton{stride: stride}
		a.setInverse()
		for _, id := range []int32{0, 1, 2, 7, 1000, 65535, 1 << 20} {
			if got := int32(uint32(id*stride) >> a.shift * a.inverse); got != id {
				t.Fatalf("stride %d: %d / %d = %d, want %d", stride, id*stride, stride, got, id)
			}
		}
	}
}

// TestHitsAgainstReference compares the hits the automaton finds with those
// of a plain search for each term on its own, with the shipped and the
// generated rules, over the seeds and over shuffled snippets of them.
func TestHitsAgainstReference(t *testing.T) {
	items, _ := seedItems(t)
	texts := []string{}
	for _, it := range items {
		texts = append(texts, it.Content)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	all := strings.Join(texts, " ")
	for range 50 {
		var b strings.Builder
		for range 20 {
			at := rng.IntN(len(all) - 40)
			b.WriteString(all[at : at+1+rng.IntN(40)])
		}
		texts = append(texts, strings.ToValidUTF8(b.String(), "\uFFFD"))
	}
	for name, e := range map[string]*Engine{"shipped": shippedEngine(t), "generated": mustNew(t, generatedRules(t, 50, 20))} {
		for i, text := range texts {
			if got, want := engineHits(e, text), referenceHits(e, text); !slices.Equal(got, want) {
				t.Errorf("%s rules, text %d: automaton found %d hits, plain search %d\n%v\n%v", name, i, len(got), len(want), got, want)
			}
		}
	}
}

// engineHits returns the hits the engine finds in text as content, sorted.
func engineHits(e *Engine, text string) []hit {
	sc := &scratch{agendaFound: make([]bool, len(e.entries))}
	sc.fm.build(text, true, false)
	sc.raw, sc.later = e.plain.scan(sc.fm.f, nil, nil)
	e.collect(sc, e.plain, 0, fieldContent, sc.fm.f, sc.fm.c)
	for i := range sc.hits {
		sc.hits[i].agenda = false // the reference does not look for agenda lists
	}
	slices.SortFunc(sc.hits, byEntryAndPlace)
	return sc.hits
}

// referenceHits finds each term of e in text as content with bytes.Index,
// checking word boundaries rune by rune.
func referenceHits(e *Engine, text string) []hit {
	var fm, term forms
	fm.build(text, true, false)
	f, c := fm.f, fm.c
	var hits []hit
	for id, en := range e.entries {
		if en.regex || en.tag == noTag || e.rules[en.tag].fold {
			continue
		}
		body, _ := strings.CutSuffix(e.texts[id].term, "*")
		term.build(body, false, false)
		pat, exact := term.f, term.c
		for from := 0; ; {
			k := bytes.Index(f[from:], pat)
			if k < 0 {
				break
			}
			start, end := from+k, from+k+len(pat)
			from = start + 1
			if wordAt(pat) && wordBefore(f[:start]) {
				continue
			}
			if en.star {
				for end < len(f) && wordAt(f[end:]) {
					_, n := decodeRune(f[end:])
					end += n
				}
			} else if wordBefore(pat) && wordAt(f[end:]) {
				continue
			}
			if en.exact && !sameCase(c[start:start+len(pat)], exact) ||
				en.symbols && !sameSymbols(c[start:start+len(pat)], exact) {
				continue
			}
			hits = append(hits, hit{tag: en.tag, entry: int32(id), rank: en.rank, role: en.role, field: fieldContent, start: int32(start), end: int32(end)})
		}
	}
	slices.SortFunc(hits, byEntryAndPlace)
	return hits
}

func byEntryAndPlace(a, b hit) int {
	return cmp.Or(cmp.Compare(a.entry, b.entry), cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
}
