package storetest

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// testSaveCounts saves rounds of a feed: what each round counts as new,
// updated and unchanged, and what is stored in the end.
func testSaveCounts(h *harness) {
	src := h.source("https://example.org/rss")
	tests := []struct {
		name  string
		items []tagfeed.Item
		want  tagfeed.SaveCounts
	}{
		{"first fetch inserts", []tagfeed.Item{item("a", "A", "ai"), item("b", "B")}, tagfeed.SaveCounts{New: 2}},
		{"same items are unchanged", []tagfeed.Item{item("a", "A", "ai"), item("b", "B")}, tagfeed.SaveCounts{Unchanged: 2}},
		{"edited title updates", []tagfeed.Item{item("a", "A edited", "ai"), item("b", "B")}, tagfeed.SaveCounts{Updated: 1, Unchanged: 1}},
		{"new tag updates", []tagfeed.Item{item("a", "A edited", "ai"), item("b", "B", "energy")}, tagfeed.SaveCounts{Updated: 1, Unchanged: 1}},
		{"mixed", []tagfeed.Item{item("c", "C"), item("a", "A edited", "ai", "nic"), item("b", "B", "energy")},
			tagfeed.SaveCounts{New: 1, Updated: 1, Unchanged: 1}},
		{"duplicate keys in one batch: last wins", []tagfeed.Item{item("d", "D1"), item("d", "D2")}, tagfeed.SaveCounts{New: 1}},
		{"empty batch", nil, tagfeed.SaveCounts{}},
	}
	for _, tt := range tests {
		h.clock.Advance(time.Minute)
		if got := h.save(src, tt.items...); got != tt.want {
			h.Errorf("%s: counts = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	got := h.byKey()
	if len(got) != 4 || got["d"].Title != "D2" || got["a"].Title != "A edited" {
		h.Errorf("stored %v, want 4 items, a: A edited, d: D2", keys(h.items(tagfeed.Selection{})))
	}
	if a := got["a"]; strings.Join(a.TagNames(), ",") != "ai,nic" {
		h.Errorf("a's tags = %v, want [ai nic]", a.TagNames())
	}
	h.checkCounts()
}

// testIdenticalRound saves the same read twice: the second changes no
// item and no date, and moves only the sources' counter.
func testIdenticalRound(h *harness) {
	src := h.source("https://example.org/rss")
	batch := []tagfeed.Item{item("a", "A", "ai", "nic"), item("b", "B", "energy"), item("c", "C")}
	src.Title, src.SiteURL = "Example", "https://example.org/"
	src.Status = tagfeed.FetchStatus{ETag: `"v1"`, HTTPStatus: 200, LastAttempt: h.clock.Now(), LastSuccess: h.clock.Now()}
	h.save(src, batch...)
	before, v0 := h.items(tagfeed.Selection{}), h.version()

	h.clock.Advance(time.Hour)
	src.Status.LastAttempt = h.clock.Now()
	if got, want := h.save(src, batch...), (tagfeed.SaveCounts{Unchanged: 3}); got != want {
		h.Errorf("second round counts = %+v, want %+v", got, want)
	}
	after, v1 := h.items(tagfeed.Selection{}), h.version()
	for i := range after {
		if !after[i].Updated.Equal(before[i].Updated) || !after[i].Published.Equal(before[i].Published) {
			h.Errorf("item %s: updated %v→%v, published %v→%v; want both unchanged", after[i].Key,
				before[i].Updated, after[i].Updated, before[i].Published, after[i].Published)
		}
	}
	if v1.Items != v0.Items || v1.Sources <= v0.Sources {
		h.Errorf("data version %+v → %+v: want the items' counter still, the sources' moved on", v0, v1)
	}
}

// testDates saves items with and without dates, from the future, and
// revised, and reads back the dates the policy gave them.
func testDates(h *harness) {
	src := h.source("https://example.org/rss")
	first := h.clock.Now()
	dated := time.Date(2024, 12, 24, 8, 30, 0, 0, time.UTC)

	undated := item("undated", "No date", "ai")
	withDate := item("dated", "Dated", "energy")
	withDate.Published = dated
	future := item("future", "From the future", "ai")
	future.Published = first.Add(30 * 24 * time.Hour)
	revised := item("revised", "Revised", "ai")
	revised.Published, revised.Modified = dated, dated.Add(48*time.Hour)
	h.save(src, undated, withDate, future, revised)

	h.clock.Advance(2 * time.Hour)
	undated.Title = "No date, edited"
	redated := withDate
	redated.Published = dated.Add(time.Hour)
	revisedAgain := revised
	revisedAgain.Title, revisedAgain.Modified = "Revised again", first.Add(time.Hour)
	if counts := h.save(src, undated, redated, future, revisedAgain); counts.Unchanged != 1 {
		h.Errorf("the second save gave %+v; want the future-dated item unchanged", counts)
	}

	h.clock.Advance(2 * time.Hour)
	lostDate := redated
	lostDate.Published = time.Time{}
	lostDate.Title = "Dated, then not"
	h.save(src, undated, lostDate)

	got := h.byKey()
	tests := []struct {
		key                        string
		published, sorted, updated time.Time
	}{
		{"undated", time.Time{}, first, first.Add(2 * time.Hour)},                       // no date: listed by when first seen
		{"dated", dated.Add(time.Hour), dated.Add(time.Hour), first.Add(4 * time.Hour)}, // keeps the last date it had
		{"future", first, first, first},                                                 // clamped to when first seen
		{"revised", dated, dated, first.Add(time.Hour)},                                 // the version dated by its source
	}
	for _, tt := range tests {
		it := got[tt.key]
		if !it.Published.Equal(tt.published) || !it.SortTime().Equal(tt.sorted) || !it.FirstSeen.Equal(first) {
			h.Errorf("%s: published %v, sorted at %v, first seen %v; want %v, %v, %v", tt.key,
				it.Published, it.SortTime(), it.FirstSeen, tt.published, tt.sorted, first)
		}
		if !it.Updated.Equal(tt.updated) {
			h.Errorf("%s: updated %v, want %v", tt.key, it.Updated, tt.updated)
		}
	}
	// A listing by date puts the undated item at when it was first seen.
	if ks := keys(h.items(tagfeed.Selection{Since: first, Until: first.Add(time.Minute)})); strings.Join(ks, ",") != "future,undated" {
		h.Errorf("items dated at the first save: %v, want [future undated]", ks)
	}
	h.checkCounts()
}

// testReplacedTags changes an item's tags: it is updated, and the tag
// counts follow.
func testReplacedTags(h *harness) {
	src := h.source("https://example.org/rss")
	h.save(src, item("a", "A", "ai", "nic"))
	h.clock.Advance(time.Hour)
	changed := item("a", "A", "energy", "nic")
	changed.Tags[1].Score = 7
	if got := h.save(src, changed); got.Updated != 1 {
		h.Fatalf("counts = %+v, want 1 updated", got)
	}
	got := h.items(tagfeed.Selection{})
	if len(got) != 1 || !tagfeed.SameTags(got[0].Tags, changed.Tags) || !got[0].Updated.Equal(h.clock.Now()) {
		h.Errorf("items = %+v; want one with the new tags, updated now", got)
	}
	counts, err := h.s.TagCounts(context.Background())
	if err != nil {
		h.Fatal(err)
	}
	if counts["ai"] != 0 || counts["energy"] != 1 || counts["nic"] != 1 {
		h.Errorf("tag counts = %v, want energy 1, nic 1, no ai", counts)
	}
	h.checkCounts()
}

// rescored returns tags with their scores and explanations changed, as a
// new synonym in the rules would change them.
func rescored(tags []tagfeed.ItemTag) []tagfeed.ItemTag {
	out := make([]tagfeed.ItemTag, len(tags))
	for i, t := range tags {
		t.Score++
		t.Matches = append(t.Matches[:len(t.Matches):len(t.Matches)], tagfeed.Match{Term: "synonym", Field: tagfeed.FieldSummary, Count: 1})
		out[i] = t
	}
	return out
}

// testRescoring saves an item whose tags only score differently: the
// explanations are rewritten, the item keeps its updated time.
func testRescoring(h *harness) {
	src := h.source("https://example.org/rss")
	stored := item("1", "ai news", "ai")
	h.save(src, stored)
	before := h.items(tagfeed.Selection{})[0]
	h.clock.Advance(time.Hour)
	again := stored
	again.Tags = rescored(stored.Tags)
	if counts := h.save(src, again); counts != (tagfeed.SaveCounts{Unchanged: 1}) {
		h.Errorf("counts = %+v, want the item unchanged", counts)
	}
	after := h.items(tagfeed.Selection{})[0]
	if !after.Updated.Equal(before.Updated) || !tagfeed.SameTags(after.Tags, again.Tags) {
		h.Errorf("updated %v (want %v), tags %+v (want %+v)", after.Updated, before.Updated, after.Tags, again.Tags)
	}
	h.checkCounts()
}

// testSaveErrors saves what cannot be saved: nothing is stored.
func testSaveErrors(h *harness) {
	ctx := context.Background()
	src := h.source("https://example.org/rss")
	_, err := h.s.SaveFetch(ctx, src, []tagfeed.Item{item("a", "A"), item("", "Keyless")}, ingest.Decide)
	if err == nil || !strings.Contains(err.Error(), "empty key") {
		h.Errorf("empty key: err = %v, want one that says so", err)
	}
	if n := h.count(tagfeed.Selection{}); n != 0 {
		h.Errorf("a rejected batch stored %d items, want 0", n)
	}
	if _, err := h.s.SaveFetch(ctx, tagfeed.Source{ID: 999}, []tagfeed.Item{item("a", "A")}, ingest.Decide); !errors.Is(err, tagfeed.ErrNotFound) {
		h.Errorf("SaveFetch to an unknown source: err = %v, want ErrNotFound", err)
	}
	if _, err := h.s.SaveItems(ctx, 999, []tagfeed.Item{item("a", "A")}, ingest.Decide); !errors.Is(err, tagfeed.ErrNotFound) {
		h.Errorf("SaveItems to an unknown source: err = %v, want ErrNotFound", err)
	}
	// SaveItems stores items and leaves the source's state as it is.
	if c, err := h.s.SaveItems(ctx, src.ID, []tagfeed.Item{item("b", "B")}, ingest.Decide); err != nil || c.New != 1 {
		h.Errorf("SaveItems = %+v, %v; want 1 new", c, err)
	}
	if got, err := h.s.Source(ctx, src.ID); err != nil || got.Status != (tagfeed.FetchStatus{}) || got.ItemCount != 1 {
		h.Errorf("after SaveItems the source is %+v, %v; want its status untouched and 1 item", got, err)
	}
}

// testOddKeys saves keys that JSON or SQL could mangle: each is found
// again on the next read, neither duplicated nor refused. A key that is
// not valid UTF-8 is stored with each bad sequence made U+FFFD; a NUL may
// be too.
func testOddKeys(h *harness) {
	src := h.source("https://example.org/rss")
	odd := []string{
		"plain", "https://example.org/a?b=1&c=\"2\"#frag", "Việt Nam – chíp bán dẫn",
		"bad \xff\xfe utf-8", "nul \x00 inside", "quote ' and \\ backslash", "   spaces   ",
		strings.Repeat("long", 2000), "[\"json\", 1]", "%_ like wildcards",
	}
	var batch []tagfeed.Item
	for _, k := range odd {
		batch = append(batch, item(k, "Title", "ai"))
	}
	for round, want := range []tagfeed.SaveCounts{{New: len(odd)}, {Unchanged: len(odd)}} {
		if got := h.save(src, batch...); got != want {
			h.Errorf("round %d: counts %+v, want %+v", round+1, got, want)
		}
	}
	stored := h.byKey()
	if len(stored) != len(odd) {
		h.Errorf("%d items stored, want %d", len(stored), len(odd))
	}
	for _, k := range odd {
		want := strings.ToValidUTF8(k, "\uFFFD")
		if _, ok := stored[want]; !ok && stored[strings.ReplaceAll(want, "\x00", "\uFFFD")].Key == "" {
			h.Errorf("key %q not stored as %q", k, want)
		}
	}
}
