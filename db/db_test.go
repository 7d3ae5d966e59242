package db

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/storetest"

	"github.com/tagfeed/tagfeed"
)

// testClock is a settable clock for DB.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// MustOpen opens a new database in a temporary folder, closed when the test
// ends, with a clock that starts at 2025-03-01 09:00 UTC and moves only when
// told.
func MustOpen(tb testing.TB) (*DB, *testClock) {
	tb.Helper()
	d, err := Open(context.Background(), filepath.Join(tb.TempDir(), "tagfeed.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := d.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	clock := &testClock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	d.Now = clock.Now
	return d, clock
}

// mustSource creates a feed source with the given URL.
func mustSource(tb testing.TB, d *DB, url string) tagfeed.Source {
	tb.Helper()
	src, err := d.EnsureSource(context.Background(), tagfeed.SourceFeed, url, "")
	if err != nil {
		tb.Fatalf("EnsureSource: %v", err)
	}
	return src
}

// mustSave saves items and fails the test on error.
func mustSave(tb testing.TB, d *DB, src tagfeed.Source, items ...tagfeed.Item) tagfeed.SaveCounts {
	tb.Helper()
	c, err := d.SaveFetch(context.Background(), src, items, ingest.Decide)
	if err != nil {
		tb.Fatalf("SaveFetch: %v", err)
	}
	return c
}

// mustItems reads items, with their tags explained, and fails the test on
// error.
func mustItems(tb testing.TB, d *DB, q tagfeed.Selection) []tagfeed.Item {
	tb.Helper()
	q.Explained = true
	items, err := d.Items(context.Background(), q)
	if err != nil {
		tb.Fatalf("Items(%+v): %v", q, err)
	}
	return items
}

// item makes an item with a key, a title and the named tags, each with one
// title match.
func item(key, title string, tags ...string) tagfeed.Item {
	it := tagfeed.Item{Key: key, GUID: key, Title: title, Summary: "summary of " + title}
	for _, t := range tags {
		it.Tags = append(it.Tags, tagfeed.ItemTag{Tag: t, Score: 2, Matches: []tagfeed.Match{
			{Term: t, Field: tagfeed.FieldTitle, Count: 1},
		}})
	}
	return it
}

// totalChanges returns how many rows the writer connection has changed
// since it opened.
func totalChanges(tb testing.TB, d *DB) int {
	tb.Helper()
	var n int
	if err := d.w.QueryRow(`SELECT total_changes()`).Scan(&n); err != nil {
		tb.Fatalf("total_changes: %v", err)
	}
	return n
}

// checkInvariants fails the test if what the database keeps twice has
// drifted (see storetest.CheckInvariants: the copy of each item's
// published time in item_tags, and the item counts per tag and per source
// that triggers keep), or an item is missing from the search index.
func checkInvariants(tb testing.TB, d *DB) {
	tb.Helper()
	count := func(query string) (n int, err error) {
		err = d.r.QueryRow(query).Scan(&n)
		return n, err
	}
	storetest.CheckInvariants(tb, count, storetest.Invariant{What: "items are missing from the search index",
		Query: `SELECT count(*) FROM items WHERE id NOT IN (SELECT rowid FROM search_exact) OR id NOT IN (SELECT rowid FROM search_bare)`})
}
