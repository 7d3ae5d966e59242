package tag

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// BenchmarkTag tags the seed articles, each as one item's content, and
// reports the throughput in MB/s of input text, and how many term hits and
// tags one pass over the seeds gives.
func BenchmarkTag(b *testing.B) {
	items, size := seedItems(b)
	cfg := loadConfig(b)
	for _, bc := range []struct {
		name  string
		rules map[string]tagfeed.TagRule
	}{
		{"default", cfg.Tags},
		{"terms=1000", generatedRules(b, 50, 20)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := New(bc.rules)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for i := range items {
					e.Tag(&items[i])
				}
			}
			hits, tags := 0, 0
			for i := range items {
				for _, t := range e.Tag(&items[i]) {
					tags++
					for _, m := range t.Matches {
						hits += m.Count
					}
				}
			}
			b.ReportMetric(float64(hits), "hits/op")
			b.ReportMetric(float64(tags), "tags/op")
		})
	}
}

// seedItems reads the seed articles as items whose content is the whole
// file, and returns them with their total size.
func seedItems(tb testing.TB) ([]tagfeed.Item, int) {
	tb.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seed files in ../seeds (err %v)", err)
	}
	var items []tagfeed.Item
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		items = append(items, tagfeed.Item{Key: filepath.Base(f), Content: string(data)})
		size += len(data)
	}
	return items, size
}

// generatedRules makes tags×terms terms over the given number of tags from
// the seeds' own words, shaped like real rules, whose terms are seldom
// function words: seven in ten are two or three words picked at random
// from the seeds' vocabulary less its 100 most frequent words (và, của,
// các, Việt, …), which seldom occur together; two in ten are one such
// word; one in ten is a phrase of two or three words found in the seeds
// (frequent phrases are likelier). One term in ten ends in *, one in ten is
// case-sensitive. The same arguments give the same rules.
func generatedRules(tb testing.TB, tags, terms int) map[string]tagfeed.TagRule {
	tb.Helper()
	items, _ := seedItems(tb)
	var text []string
	freq := make(map[string]int)
	for _, it := range items {
		for _, w := range strings.FieldsFunc(Normalize(it.Content), func(r rune) bool { return !isWordRune(r) }) {
			text = append(text, w)
			freq[w]++
		}
	}
	vocab := slices.Sorted(maps.Keys(freq))
	slices.SortStableFunc(vocab, func(a, b string) int { return freq[b] - freq[a] })
	vocab = vocab[100:]
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(n int) string {
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(words, " ")
	}
	rules := make(map[string]tagfeed.TagRule, tags)
	for t := range tags {
		var r tagfeed.TagRule
		for range terms {
			var term string
			switch k := rng.IntN(10); {
			case k < 7:
				term = pick(2 + rng.IntN(2))
			case k < 9:
				term = pick(1)
			default:
				n := 2 + rng.IntN(2)
				at := rng.IntN(len(text) - n)
				term = strings.Join(text[at:at+n], " ")
			}
			switch rng.IntN(10) {
			case 0:
				r.Keywords = append(r.Keywords, tagfeed.Term{Text: term + "*"})
			case 1:
				r.CaseSensitive = append(r.CaseSensitive, term)
			default:
				r.Keywords = append(r.Keywords, tagfeed.Term{Text: term})
			}
		}
		rules[fmt.Sprintf("t%02d", t)] = r
	}
	return rules
}

func loadConfig(tb testing.TB) *tagfeed.Config {
	tb.Helper()
	cfg, err := tagfeed.LoadConfig("../config.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}
