package db

import (
	"context"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// TestSaveIndexesInOneSegment saves a feed of 20 new items, then edits
// them all: each save adds one segment to the search index (a leaf and
// the index's own records, a few rows of each table's _data), not one
// per item, and search still finds every item by its new text.
func TestSaveIndexesInOneSegment(t *testing.T) {
	d, _ := MustOpen(t)
	ctx := context.Background()
	src := mustSource(t, d, "https://a.example/rss")
	rows := func() int {
		var n int
		if err := d.w.QueryRow(`SELECT (SELECT count(*) FROM search_exact_data) + (SELECT count(*) FROM search_bare_data)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	batch := benchBatch(0)
	for _, edit := range []string{"", " (edited)"} {
		for i := range batch {
			batch[i].Title += edit
		}
		before := rows()
		if _, err := d.SaveFetch(ctx, src, batch, ingest.Decide); err != nil {
			t.Fatal(err)
		}
		if grew := rows() - before; grew > 6 {
			t.Errorf("saving 20 items%s added %d rows to the search index's data, want at most 6: a segment per item", edit, grew)
		}
	}
	found, err := d.Items(ctx, tagfeed.Selection{Search: "edited", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 20 {
		t.Errorf("search for the edit finds %d items, want 20", len(found))
	}
}
