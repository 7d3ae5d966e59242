package tag_test

import (
	"context"
	"github.com/tagfeed/tagfeed/ingest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/tag"
)

// BenchmarkNews tags and retags the 8,000 real Vietnamese news articles of
// ../shared/vnnews with the shipped rules, each read as its first line
// (the headline) and the rest. "tag" reports the throughput of tagging
// alone; "retag" stores them in SQLite and reports items/s of retagging,
// database reads and writes included, alternating the shipped rules with
// the same rules less the energy tag so that each pass rewrites every item
// that has it.
func BenchmarkNews(b *testing.B) {
	items, size := newsItems(b)
	full, noEnergy := shippedAndNoEnergy(b)

	b.Run("tag", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for i := range items {
				full.Tag(&items[i])
			}
		}
		b.ReportMetric(float64(len(items)*b.N)/b.Elapsed().Seconds(), "items/s")
	})
	b.Run("retag", func(b *testing.B) {
		ctx := context.Background()
		store, err := db.Open(ctx, filepath.Join(b.TempDir(), "news.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { store.Close() })
		src, err := store.EnsureSource(ctx, tagfeed.SourceSeed, "vnnews", "")
		if err != nil {
			b.Fatal(err)
		}
		for i := range items {
			items[i].Tags = full.Tag(&items[i])
		}
		if _, err := store.SaveFetch(ctx, src, items, ingest.Decide); err != nil {
			b.Fatal(err)
		}
		engines := []*tag.Engine{noEnergy, full}
		pass, changed := 0, 0
		for b.Loop() {
			r, err := ingest.Retag(ctx, store, engines[pass%2].Tag, tagfeed.RetagOptions{Examples: 3})
			if err != nil {
				b.Fatal(err)
			}
			pass++
			changed += r.Changed
		}
		b.ReportMetric(float64(len(items)*b.N)/b.Elapsed().Seconds(), "items/s")
		b.ReportMetric(float64(changed)/float64(b.N), "changed/op")
	})
}

// newsItems reads the articles of ../shared/vnnews, or skips.
func newsItems(b *testing.B) ([]tagfeed.Item, int) {
	files, _ := filepath.Glob("../../shared/vnnews/articles/*.txt")
	if len(files) == 0 {
		b.Skip("the news articles are not here; they live in ../shared/vnnews beside the checkout")
	}
	items, size := make([]tagfeed.Item, 0, len(files)), 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		title, body, _ := strings.Cut(string(data), "\n")
		items = append(items, tagfeed.Item{Key: filepath.Base(f), Title: title, Content: body})
		size += len(data)
	}
	return items, size
}
