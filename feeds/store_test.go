package feeds_test

import (
	"context"
	"github.com/tagfeed/tagfeed/ingest"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/feeds"
)

// storeNow is the store's clock: when it stores items, and the date of
// items that came without one.
var storeNow = time.Date(2024, 7, 2, 0, 0, 0, 0, time.UTC) // never changed

// openStore opens a real SQLite store in a temporary folder, closed when
// the test ends.
func openStore(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "tagfeed.db"))
	if err != nil {
		t.Fatalf("db.Open: %v", err)
	}
	d.Now = func() time.Time { return storeNow }
	t.Cleanup(func() { d.Close() })
	return d
}

// fillStore saves the test sources, with their fetch status, and the test
// items, source by source, in the given order of sources.
func fillStore(t testing.TB, d *db.DB, order ...int) {
	t.Helper()
	ctx := context.Background()
	sources := testSources()
	if order == nil {
		order = []int{0, 1, 2}
	}
	for _, i := range order {
		s := sources[i]
		src, err := d.EnsureSource(ctx, s.Kind, s.URL, s.Title)
		if err != nil {
			t.Fatalf("EnsureSource(%s): %v", s.URL, err)
		}
		src.SiteURL, src.Status = s.SiteURL, s.Status
		var items []tagfeed.Item
		for _, it := range testItems() {
			if it.SourceID == s.ID {
				it.ID, it.SourceID = 0, src.ID
				items = append(items, it)
			}
		}
		if _, err := d.SaveFetch(ctx, src, items, ingest.Decide); err != nil {
			t.Fatalf("SaveFetch(%s, ingest.Decide): %v", s.URL, err)
		}
	}
}

// newTestServer serves a filled store over loopback HTTP.
func newTestServer(t *testing.T) (*httptest.Server, *db.DB) {
	t.Helper()
	ts, srv := newTestServerOf(t)
	return ts, srv.Store().(*db.DB)
}

// newTestServerOf serves a filled store over loopback HTTP, and returns
// the feeds server too. Its clock is the store's, and every request sees
// the last change to the store.
func newTestServerOf(t *testing.T) (*httptest.Server, *feeds.Server) {
	t.Helper()
	d := openStore(t)
	fillStore(t, d)
	srv := feeds.NewServer(testConfig(), d, nil)
	srv.Now = func() time.Time { return storeNow }
	srv.VersionEvery = time.Nanosecond
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, srv
}

// TestEntryIDsSurviveRebuild stores the same items in two databases, in a
// different order so that their row ids differ, and wants the same ids.
func TestEntryIDsSurviveRebuild(t *testing.T) {
	ids := func(order ...int) []string {
		d := openStore(t)
		fillStore(t, d, order...)
		ctx := context.Background()
		items, err := d.Items(ctx, tagfeed.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		tp, _ := feeds.LookupTopic(testConfig(), feeds.AllTopic)
		var got []string
		for _, f := range feeds.Formats() {
			got = append(got, entryIDs(t, f, tp, items)...)
		}
		return got
	}
	first, rebuilt := ids(0, 1, 2), ids(2, 1, 0)
	if len(first) != 9 || !slices.Equal(first, rebuilt) {
		t.Errorf("entry ids after a rebuild:\ngot  %q\nwant %q", rebuilt, first)
	}
}

// storeAIItem stores a new item tagged ai, with the title, from a source
// of its own named by key, as a fetch would.
func storeAIItem(t *testing.T, d *db.DB, key, title string) tagfeed.Item {
	t.Helper()
	ctx := context.Background()
	src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/"+key, "")
	if err != nil {
		t.Fatal(err)
	}
	it := tagfeed.Item{Key: key, Link: "https://example.org/" + key + "-item", Title: title, Tags: tags("ai")}
	if _, err := d.SaveFetch(ctx, src, []tagfeed.Item{it}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	return it
}
