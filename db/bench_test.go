package db

import (
	"context"
	"fmt"
	"github.com/tagfeed/tagfeed/ingest"
	"sync/atomic"
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

// reportItems reports the throughput in items per second.
func reportItems(b *testing.B, perOp int) {
	b.ReportMetric(float64(b.N*perOp)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkSaveFetch saves batches of 20 items: all new; all unchanged (a
// feed without conditional GET, fetched again); all edited; and all new from
// many goroutines at once, each with its own source, as a fetch round does.
func BenchmarkSaveFetch(b *testing.B) {
	ctx := context.Background()
	b.Run("new", func(b *testing.B) {
		d, _ := MustOpen(b)
		src := mustSource(b, d, "https://example.org/rss")
		for i := 0; b.Loop(); i++ {
			if _, err := d.SaveFetch(ctx, src, benchBatch(20*i), ingest.Decide); err != nil {
				b.Fatal(err)
			}
		}
		reportItems(b, 20)
	})
	b.Run("unchanged", func(b *testing.B) {
		d, _ := MustOpen(b)
		src := mustSource(b, d, "https://example.org/rss")
		batch := benchBatch(0)
		mustSave(b, d, src, batch...)
		for b.Loop() {
			if _, err := d.SaveFetch(ctx, src, batch, ingest.Decide); err != nil {
				b.Fatal(err)
			}
		}
		reportItems(b, 20)
	})
	b.Run("edited", func(b *testing.B) {
		d, _ := MustOpen(b)
		src := mustSource(b, d, "https://example.org/rss")
		batch := benchBatch(0)
		for i := 0; b.Loop(); i++ {
			for j := range batch {
				batch[j].Title = fmt.Sprintf("Edition %d of item %d", i, j)
			}
			if _, err := d.SaveFetch(ctx, src, batch, ingest.Decide); err != nil {
				b.Fatal(err)
			}
		}
		reportItems(b, 20)
	})
	b.Run("parallel", func(b *testing.B) {
		d, _ := MustOpen(b)
		var next atomic.Int64
		b.SetParallelism(16) // 32 goroutines on 2 cores, like fetch.concurrency 32
		b.RunParallel(func(pb *testing.PB) {
			src := mustSource(b, d, fmt.Sprintf("https://s%d.example/rss", next.Add(1)))
			for i := 0; pb.Next(); i++ {
				if _, err := d.SaveFetch(ctx, src, benchBatch(20*i), ingest.Decide); err != nil {
					b.Error(err)
					return
				}
			}
		})
		reportItems(b, 20)
	})
}

// fillItems stores n short items (n a multiple of 1,000), 1,000 per source,
// each tagged semiconductor, every third also ai.
func fillItems(b *testing.B, d *DB, n int) {
	b.Helper()
	for i := 0; i < n; i += 1000 {
		src := mustSource(b, d, fmt.Sprintf("https://example.org/%d/rss", i/1000))
		var batch []tagfeed.Item
		for j := i; j < i+1000; j += 20 {
			batch = append(batch, benchBatch(j)...)
		}
		for j := range batch {
			if (i+j)%3 == 0 {
				batch[j].Tags = append(batch[j].Tags, tagfeed.ItemTag{Tag: "ai", Score: 1})
			}
		}
		mustSave(b, d, src, batch...)
	}
}

// BenchmarkRetag retags 100,000 short stored items with a trivial TagFunc
// that gives every item one tag, moving a different tenth of them to another
// tag on each pass: a pass writes about 20,000 items (the first more, as it
// also drops the ai tag the items were stored with). The tag package has its
// own BenchmarkRetag with the real rules.
func BenchmarkRetag(b *testing.B) {
	ctx := context.Background()
	d, _ := MustOpen(b)
	const n = 100_000
	fillItems(b, d, n)
	pass := 0
	fn := func(it *tagfeed.Item) []tagfeed.ItemTag {
		tag := "semiconductor"
		if it.ID%10 == int64(pass%10) {
			tag = "energy"
		}
		return []tagfeed.ItemTag{{Tag: tag, Score: 2, Matches: []tagfeed.Match{{Term: tag, Field: tagfeed.FieldTitle, Count: 1}}}}
	}
	changed := 0
	for b.Loop() {
		pass++
		r, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{Examples: 3})
		if err != nil {
			b.Fatal(err)
		}
		if r.Items != n {
			b.Fatalf("retagged %d items, want %d", r.Items, n)
		}
		changed += r.Changed
	}
	reportItems(b, n)
	b.ReportMetric(float64(changed)/float64(b.N), "changed/op")
}

// BenchmarkItems reads a page of 50 items, with tags, from 100,000: what
// serving a topic feed costs. It also lists the 100 sources with their item
// counts, and counts the tags, as the index page does.
func BenchmarkItems(b *testing.B) {
	ctx := context.Background()
	d, _ := MustOpen(b)
	fillItems(b, d, 100_000)
	b.Run("sources", func(b *testing.B) {
		for b.Loop() {
			if srcs, err := d.Sources(ctx); err != nil || len(srcs) != 100 {
				b.Fatalf("Sources: %d, %v", len(srcs), err)
			}
		}
	})
	b.Run("tag-counts", func(b *testing.B) {
		for b.Loop() {
			if counts, err := d.TagCounts(ctx); err != nil || len(counts) != 2 {
				b.Fatalf("TagCounts: %v, %v", counts, err)
			}
		}
	})
	for _, q := range []tagfeed.Selection{{Limit: 50}, {AllTags: []string{"ai"}, Limit: 50}, {AllTags: []string{"ai"}, SourceID: 50, Limit: 50}} {
		b.Run(fmt.Sprintf("tags=%v/source=%d", q.AllTags, q.SourceID), func(b *testing.B) {
			for b.Loop() {
				items, err := d.Items(ctx, q)
				if err != nil || len(items) != 50 {
					b.Fatalf("Items: %d items, %v", len(items), err)
				}
			}
		})
	}
}
