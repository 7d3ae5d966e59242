package db

import (
	"context"
	"fmt"
	"github.com/tagfeed/tagfeed/ingest"
	"sync"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// TestConcurrentSaveFetch saves overlapping batches from 50 goroutines at
// once, while readers query, and checks that no call fails (no "database is
// locked") and that no item is stored twice.
func TestConcurrentSaveFetch(t *testing.T) {
	d, _ := MustOpen(t)
	ctx := context.Background()
	srcs := []tagfeed.Source{mustSource(t, d, "https://a.example/rss"), mustSource(t, d, "https://b.example/rss")}
	const workers, keys = 50, 40

	var wg sync.WaitGroup
	errs := make(chan error, 2*workers)
	for w := range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			// Each worker saves a window of 20 keys that overlaps its neighbours'.
			var batch []tagfeed.Item
			for k := range 20 {
				key := fmt.Sprintf("k%02d", (w+k)%keys)
				batch = append(batch, item(key, "Title "+key, "ai"))
			}
			src := srcs[w%len(srcs)]
			src.Status.HTTPStatus = 200
			if _, err := d.SaveFetch(ctx, src, batch, ingest.Decide); err != nil {
				errs <- fmt.Errorf("worker %d: %w", w, err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := d.Items(ctx, tagfeed.Selection{AllTags: []string{"ai"}, Limit: 50}); err != nil {
				errs <- fmt.Errorf("reader %d: %w", w, err)
			}
			if _, err := d.Sources(ctx); err != nil {
				errs <- fmt.Errorf("reader %d: %w", w, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	c, err := d.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := RowCounts{Sources: 2, Items: 2 * keys, ItemTags: 2 * keys}
	if c != want {
		t.Errorf("counts = %+v, want %+v", c, want)
	}
	checkInvariants(t, d)
	seen := map[string]bool{}
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		id := fmt.Sprint(it.SourceID, "/", it.Key)
		if seen[id] {
			t.Errorf("item %s stored twice", id)
		}
		seen[id] = true
	}
}
