package db

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/tag"
)

// saveInOrder stores the items one save each, so that their ids follow
// the order given, a day apart, the first the oldest.
func saveInOrder(t *testing.T, d *DB, items ...tagfeed.Item) {
	t.Helper()
	src := mustSource(t, d, "https://a.example/rss")
	for i, it := range items {
		it.Published = time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC)
		mustSave(t, d, src, it)
	}
}

// TestSearchRanksOnlyTheNewestMatches wants a search that finds more items
// than the cap to rank only those stored last, the best of them first;
// the items the selection's filters leave out not to count towards the
// cap; and the count to be of every match.
func TestSearchRanksOnlyTheNewestMatches(t *testing.T) {
	d, _ := MustOpen(t)
	mk := func(key, title string, tags ...string) tagfeed.Item {
		it := item(key, title, tags...)
		it.Content = "<p>Một bài về chip.</p>"
		return it
	}
	saveInOrder(t, d,
		mk("k1", "Chip chip chip", "ai"), // the best match, stored first
		mk("k2", "Second", "ai"),
		mk("k3", "Third"),
		mk("k4", "Fourth"),
		mk("k5", "Fifth"),
	)
	ctx := context.Background()
	tests := []struct {
		name string
		cap  int
		sel  tagfeed.Selection
		want []string
	}{
		{"under the cap, every match, best first", 10, tagfeed.Selection{Search: "chip"}, []string{"k1", "k5", "k4", "k3", "k2"}},
		{"over the cap, the newest three", 3, tagfeed.Selection{Search: "chip"}, []string{"k5", "k4", "k3"}},
		{"a page of them", 3, tagfeed.Selection{Search: "chip", Limit: 2}, []string{"k5", "k4"}},
		{"the cap counts only what the tag keeps", 3, tagfeed.Selection{Search: "chip", AllTags: []string{"ai"}}, []string{"k1", "k2"}},
	}
	for _, tt := range tests {
		d.searchCap = tt.cap
		if got := keys(mustItems(t, d, tt.sel)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %s with a cap of %d finds %v, want %v", tt.name, tt.sel, tt.cap, got, tt.want)
		}
	}
	d.searchCap = 3
	if n, err := d.Count(ctx, tagfeed.Selection{Search: "chip"}); err != nil || n != 5 {
		t.Errorf("Count over the cap = %d, %v; want every match, 5", n, err)
	}
}

// TestSearchPagesAcrossPasses pages through a query typed without
// diacritics whose first pages hold only items with the words as typed:
// pages read the second pass only when the first runs out, and together
// they are the whole ranking.
func TestSearchPagesAcrossPasses(t *testing.T) {
	d, err := OpenWith(context.Background(), filepath.Join(t.TempDir(), "t.db"),
		Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	saveInOrder(t, d,
		item("marked1", "Ngành bán dẫn"),
		item("typed1", "Cong nghiep ban dan"),
		item("marked2", "Bán dẫn và chip"),
		item("typed2", "Ban dan, typed on a phone"),
		item("typed3", "Nganh ban dan"),
	)
	whole := keys(mustItems(t, d, tagfeed.Selection{Search: "ban dan"}))
	if len(whole) != 5 || !strings.HasPrefix(whole[0], "typed") || !strings.HasPrefix(whole[2], "typed") ||
		!strings.HasPrefix(whole[3], "marked") {
		t.Fatalf(`"ban dan" finds %v, want the three typed as the query first, then the two with diacritics`, whole)
	}
	for _, size := range []int{1, 2, 3} {
		var paged []string
		for off := 0; off < 6; off += size {
			paged = append(paged, keys(mustItems(t, d, tagfeed.Selection{Search: "ban dan", Limit: size, Offset: off}))...)
		}
		if !slices.Equal(paged, whole) {
			t.Errorf("pages of %d: %v, want %v", size, paged, whole)
		}
	}
}
