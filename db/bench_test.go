package db

import (
	"context"
	"fmt"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// benchBatch returns 20 short items whose keys start at from.
func benchBatch(from int) []tagfeed.Item {
	batch := make([]tagfeed.Item, 20)
	for i := range batch {
		key := fmt.Sprintf("item-%d", from+i)
		batch[i] = item(key, "Chip makers expand in Vietnam "+key, "semiconductor")
		batch[i].Content = "<p>A short body about semiconductors and AI, long enough to look like a feed summary.</p>"
	}
	return batch
}

// BenchmarkSaveFetch saves batches of 20 items: all new, or all unchanged
// (the common second round of a feed without conditional GET).
func BenchmarkSaveFetch(b *testing.B) {
	ctx := context.Background()
	b.Run("new", func(b *testing.B) {
		d, _ := MustOpen(b)
		src := mustSource(b, d, "https://example.org/rss")
		for i := 0; b.Loop(); i++ {
			if _, err := d.SaveFetch(ctx, src, benchBatch(20*i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*20)/b.Elapsed().Seconds(), "items/s")
	})
	b.Run("unchanged", func(b *testing.B) {
		d, _ := MustOpen(b)
		src := mustSource(b, d, "https://example.org/rss")
		batch := benchBatch(0)
		mustSave(b, d, src, batch...)
		for b.Loop() {
			if _, err := d.SaveFetch(ctx, src, batch); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*20)/b.Elapsed().Seconds(), "items/s")
	})
}

// BenchmarkRetag retags 100,000 short stored items with a trivial TagFunc
// that moves every tenth item from one tag to another on each pass, so
// every pass writes 10,000 items.
func BenchmarkRetag(b *testing.B) {
	ctx := context.Background()
	d, _ := MustOpen(b)
	const n = 100_000
	for i := 0; i < n; i += 1000 {
		src := mustSource(b, d, fmt.Sprintf("https://example.org/%d/rss", i/1000))
		var batch []tagfeed.Item
		for j := i; j < i+1000; j += 20 {
			batch = append(batch, benchBatch(j)...)
		}
		mustSave(b, d, src, batch...)
	}
	pass := 0
	fn := func(it *tagfeed.Item) []tagfeed.ItemTag {
		tag := "semiconductor"
		if it.ID%10 == int64(pass%10) {
			tag = "ai"
		}
		return []tagfeed.ItemTag{{Tag: tag, Score: 2, Matches: []tagfeed.Match{{Term: tag, Field: tagfeed.FieldTitle, Count: 1}}}}
	}
	for b.Loop() {
		pass++
		r, err := d.Retag(ctx, fn, tagfeed.RetagOptions{Examples: 3})
		if err != nil {
			b.Fatal(err)
		}
		if r.Items != n {
			b.Fatalf("retagged %d items, want %d", r.Items, n)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "items/s")
}
