package tag

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestDeterministic checks that tagging depends only on the rules and the
// item: not on the order of the rules' map, nor on what the engine tagged
// before (its scratch memory is reused).
func TestDeterministic(t *testing.T) {
	items, _ := seedItems(t)
	items = append(items, tagfeed.Item{Title: "AI và chip", Content: "<p>EVN, NIC</p>"}, tagfeed.Item{})
	a, b := shippedEngine(t), shippedEngine(t)
	first := make([][]tagfeed.ItemTag, len(items))
	for i := range items {
		first[i] = a.Tag(&items[i])
	}
	for round := range 3 {
		for i := len(items) - 1; i >= 0; i-- {
			for name, e := range map[string]*Engine{"same engine": a, "new engine": b} {
				if got := e.Tag(&items[i]); !tagfeed.SameTags(got, first[i]) {
					t.Errorf("round %d, %s, item %d: %+v, first time %+v", round, name, i, got, first[i])
				}
			}
		}
	}
	if got := a.Tag(&tagfeed.Item{}); got != nil {
		t.Errorf("empty item: %+v, want nil", got)
	}
}

// TestNoRules checks that an engine without rules tags nothing.
func TestNoRules(t *testing.T) {
	e := mustNew(t, nil)
	if got := e.TagText("AI", "bán dẫn"); got != nil {
		t.Errorf("tags %+v, want none", got)
	}
	if e.RulesHash() == shippedEngine(t).RulesHash() {
		t.Error("no rules hash like the shipped rules")
	}
}

// TestResultsOwned checks that a caller may change what Tag returned
// without changing later results.
func TestResultsOwned(t *testing.T) {
	e := shippedEngine(t)
	item := tagfeed.Item{Content: "bán dẫn và AI"}
	got := e.Tag(&item)
	want := e.Tag(&item)
	got[0].Matches[0].Term = "changed"
	got[0].Matches = append(got[0].Matches, tagfeed.Match{Term: "x"})
	if again := e.Tag(&item); !tagfeed.SameTags(again, want) {
		t.Errorf("after changing a result: %+v, want %+v", again, want)
	}
}

// TestConcurrent tags the same items from many goroutines at once; run
// with -race. Every result must equal the one-goroutine result.
func TestConcurrent(t *testing.T) {
	e := shippedEngine(t)
	items, _ := seedItems(t)
	want := make([][]tagfeed.ItemTag, len(items))
	for i := range items {
		want[i] = e.Tag(&items[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 8 {
		wg.Go(func() {
			for n := range 20 {
				i := (g + n) % len(items)
				if got := e.Tag(&items[i]); !tagfeed.SameTags(got, want[i]) {
					select {
					case errs <- items[i].Key:
					default:
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for key := range errs {
		t.Errorf("%s: concurrent result differs from the serial one", key)
	}
}

// TestHugeInput tags a field of four megabytes full of what could go
// wrong: invalid UTF-8, lone combining marks, unclosed markup, and terms.
// Energy, found only after the first paragraph, is lost in so long a body.
func TestHugeInput(t *testing.T) {
	e := shippedEngine(t)
	chunk := "bán dẫn \xff\xfe \u0301\u0323 <b AI &#99999999; &bogus <p>chip</p> Hoà_thuỷ_điện "
	body := strings.Repeat(chunk, 4<<20/len(chunk))
	got := tagNames(e.TagText("", body))
	if want := []string{"semiconductor"}; !slices.Equal(got, want) {
		t.Errorf("tags %v, want %v", got, want)
	}
	checkTags(t, e, e.TagText("", body))
}

// TestLinearTime tags megabytes of markup that would take quadratic time to
// a naive stripper or matcher; each must finish in far less than that. A
// quadratic pass over a megabyte takes minutes; the bound of a minute
// leaves room for the race detector on a loaded machine, where one input
// took 6.2 s (and 0.1 to 0.2 s alone, without it).
func TestLinearTime(t *testing.T) {
	e := shippedEngine(t)
	const size = 1 << 20
	for name, body := range map[string]string{
		"tag starts, no >":         strings.Repeat("<a", size/2),
		"tag starts, > at the end": strings.Repeat("<a", size/2) + ">",
		"less-thans, > at the end": strings.Repeat("< ", size/2) + ">",
		"unclosed comment":         "<!--" + strings.Repeat("AI ", size/3),
		"unclosed scripts":         strings.Repeat("<script>x", size/9),
		"ampersands":               strings.Repeat("&amp", size/4),
		"one long word":            "chip" + strings.Repeat("s", size),
		"many hits":                strings.Repeat("AI ", size/3),
	} {
		start := time.Now()
		e.TagText(body, body)
		if d := time.Since(start); d > time.Minute {
			t.Errorf("%s: %v for %d bytes", name, d, len(body))
		}
	}
}
