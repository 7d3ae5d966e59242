package feeds_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

// entryIDs renders the items in format f and returns the ids a reader sees.
func entryIDs(t *testing.T, f feeds.Format, tp feeds.Topic, items []tagfeed.Item) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := feeds.Render(&buf, f, tp, items); err != nil {
		t.Fatal(err)
	}
	feed, err := gofeed.NewParser().Parse(&buf)
	if err != nil {
		t.Fatalf("gofeed %v: %v", f, err)
	}
	var ids []string
	for _, it := range feed.Items {
		ids = append(ids, it.GUID)
	}
	return ids
}

// TestEntryIDs checks the id rules: an absolute-URI GUID is kept; any other
// item gets a urn:uuid made from its source and key, the same whatever its
// row ids; a seed folder counts by its name, not its path; the same article
// from two sources with one GUID is listed once.
func TestEntryIDs(t *testing.T) {
	tp, _ := feeds.LookupTopic(testConfig(), feeds.AllTopic)
	items := testItems()
	want := entryIDs(t, feeds.Atom, tp, items)

	renumbered := testItems()
	renumbered[1].ID, renumbered[2].ID = 1000, 1001
	if got := entryIDs(t, feeds.Atom, tp, renumbered); !slices.Equal(got, want) {
		t.Errorf("ids changed with row ids: got %q, want %q", got, want)
	}

	for _, path := range []string{"./seeds/", "/srv/tagfeed/seeds", "../moved/seeds"} {
		respelled := testItems()
		respelled[1].SourceURL = path
		if got := entryIDs(t, feeds.Atom, tp, respelled); !slices.Equal(got, want) {
			t.Errorf("ids with the seed folder written %q: got %q, want %q", path, got, want)
		}
	}
	renamed := testItems()
	renamed[1].SourceURL = "other-seeds"
	if got := entryIDs(t, feeds.Atom, tp, renamed); got[0] != want[0] || got[1] == want[1] || got[2] != want[2] {
		t.Errorf("ids of items from a renamed seed folder: got %q, want only the seed's changed from %q", got, want)
	}

	dup := append(testItems(), testItems()[0])
	dup[3].SourceID, dup[3].ID, dup[3].SourceURL = 3, 99, testSources()[2].URL // the same GUID from another source
	if got := entryIDs(t, feeds.Atom, tp, dup); !slices.Equal(got, want) {
		t.Errorf("ids with a duplicate GUID: got %q, want %q", got, want)
	}
}
