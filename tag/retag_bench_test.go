package tag_test

import (
	"context"
	"fmt"
	"github.com/tagfeed/tagfeed/ingest"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/tag"
)

// BenchmarkRetag retags 100,000 items stored in a real SQLite database with
// the shipped rules, reporting items/s including the database writes.
// "unchanged" applies the rules the items were tagged with, so nothing is
// written; "changed" alternates the shipped rules with the same rules less
// the energy tag, so each pass rewrites every item that has that tag.
func BenchmarkRetag(b *testing.B) {
	full, noEnergy := shippedAndNoEnergy(b)

	for _, bc := range []struct {
		name    string
		engines []*tag.Engine
	}{
		{"unchanged", []*tag.Engine{full}},
		{"changed", []*tag.Engine{noEnergy, full}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			store := filledStore(b, full, 100_000)
			changed, pass := 0, 0
			for b.Loop() {
				e := bc.engines[pass%len(bc.engines)]
				pass++
				r, err := ingest.Retag(ctx, store, e.Tag, tagfeed.RetagOptions{Examples: 3})
				if err != nil {
					b.Fatal(err)
				}
				if r.Items != 100_000 {
					b.Fatalf("retagged %d items, want 100000", r.Items)
				}
				changed += r.Changed
			}
			b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "items/s")
			b.ReportMetric(float64(changed)/float64(b.N), "changed/op")
		})
	}
}

// shippedAndNoEnergy compiles the shipped rules, and the same rules less
// the energy tag, so that retagging alternately with each changes items.
func shippedAndNoEnergy(b *testing.B) (full, noEnergy *tag.Engine) {
	cfg, err := tagfeed.LoadConfig("../config.yaml")
	if err != nil {
		b.Fatal(err)
	}
	less := maps.Clone(cfg.Tags)
	delete(less, "energy")
	return mustEngine(b, cfg.Tags), mustEngine(b, less)
}

func mustEngine(tb testing.TB, rules map[string]tagfeed.TagRule) *tag.Engine {
	tb.Helper()
	e, err := tag.New(rules)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// filledStore opens a database in a temporary folder and stores n items
// (a multiple of 1,000), 1,000 per source, tagged by e. Each item is made
// of sentences of the seed articles: one as its title, three as its
// summary.
func filledStore(b *testing.B, e *tag.Engine, n int) *db.DB {
	b.Helper()
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(b.TempDir(), "retag.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	sentences := seedSentences(b)
	rng := rand.New(rand.NewPCG(5, 6))
	pick := func() string { return sentences[rng.IntN(len(sentences))] }
	for i := 0; i < n; i += 1000 {
		src, err := store.EnsureSource(ctx, tagfeed.SourceFeed, fmt.Sprintf("https://example.org/%d/rss", i/1000), "")
		if err != nil {
			b.Fatal(err)
		}
		batch := make([]tagfeed.Item, 1000)
		for j := range batch {
			it := &batch[j]
			it.Key = fmt.Sprintf("item-%d", i+j)
			it.Title = pick()
			it.Summary = "<p>" + pick() + " " + pick() + " " + pick() + "</p>"
			it.Tags = e.Tag(it)
		}
		if _, err := store.SaveFetch(ctx, src, batch, ingest.Decide); err != nil {
			b.Fatal(err)
		}
	}
	return store
}

// seedSentences splits the seed articles into sentences.
func seedSentences(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seed files in ../seeds (err %v)", err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for s := range strings.SplitSeq(tag.Normalize(string(data)), ". ") {
			if len(s) > 20 {
				out = append(out, s+".")
			}
		}
	}
	return out
}
