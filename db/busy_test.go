package db

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// openPair opens the same database file twice, as two processes would:
// a, and b whose own SQLite wait (busy_timeout) is cut to 20 ms, so that
// a hold longer than that tests what tagfeed does beyond SQLite's wait
// without the test waiting 10 s.
func openPair(t *testing.T) (a, b *DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "busy.db")
	for _, d := range []**DB{&a, &b} {
		var err error
		if *d, err = Open(context.Background(), path); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*d).Close() })
	}
	// The writer pool holds one connection, so the pragma stays set.
	if _, err := b.w.Exec(`PRAGMA busy_timeout = 20`); err != nil {
		t.Fatal(err)
	}
	return a, b
}

// bigBatch is a feed's worth of items at fetch.max_items, the most one
// save holds.
func bigBatch() []tagfeed.Item {
	items := make([]tagfeed.Item, 1000)
	for i := range items {
		key := fmt.Sprintf("big-%d", i)
		items[i] = item(key, "Chip makers expand in Vietnam "+key, "semiconductor")
		items[i].Content = "<p>" + strings.Repeat("A body about semiconductors and AI. ", 20) + "</p>"
	}
	return items
}

// TestWriteWaitsOutABigSave has one DB save a big feed, holding the write
// lock for 400 ms (20 times the other's SQLite wait) while a second DB on
// the same file saves a small one: the second save waits and succeeds,
// after the first commits, instead of failing with "database is locked".
func TestWriteWaitsOutABigSave(t *testing.T) {
	a, b := openPair(t)
	ctx := context.Background()
	big, small := mustSource(t, a, "https://big.example/rss"), mustSource(t, b, "https://cron.example/rss")

	holding := make(chan struct{})
	var once sync.Once
	slow := func(stored *tagfeed.StoredItem, it *tagfeed.Item, now time.Time) tagfeed.SaveDecision {
		once.Do(func() { close(holding); time.Sleep(400 * time.Millisecond) })
		return ingest.Decide(stored, it, now)
	}
	var bigErr error
	var bigDone time.Time
	var wg sync.WaitGroup
	wg.Go(func() {
		_, bigErr = a.SaveFetch(ctx, big, bigBatch(), slow)
		bigDone = time.Now()
	})
	<-holding
	counts, err := b.SaveFetch(ctx, small, benchBatch(0), ingest.Decide)
	smallDone := time.Now()
	wg.Wait()
	if bigErr != nil {
		t.Fatalf("big save: %v", bigErr)
	}
	if err != nil {
		t.Fatalf("save beside a big save: %v", err)
	}
	if counts.New != 20 || smallDone.Before(bigDone) {
		t.Errorf("small save: %+v, done %v after the big one; want 20 new, after it", counts, smallDone.Sub(bigDone))
	}
}

// TestWriteGivesUpAfterTheLimit holds the write lock longer than the
// other DB's limit: its write fails with "database is locked", saying how
// long it waited.
func TestWriteGivesUpAfterTheLimit(t *testing.T) {
	a, b := openPair(t)
	b.busyLimit = 200 * time.Millisecond
	ctx := context.Background()
	src := mustSource(t, b, "https://cron.example/rss")

	tx, err := a.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	start := time.Now()
	_, err = b.SaveFetch(ctx, src, benchBatch(0), ingest.Decide)
	waited := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "database is locked") || !strings.Contains(err.Error(), "still busy after") {
		t.Errorf("save while locked: %v; want database is locked, still busy after …", err)
	}
	if waited < 150*time.Millisecond || waited > 2*time.Second {
		t.Errorf("gave up after %v, want about the limit, 200 ms", waited)
	}
}
