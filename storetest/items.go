package storetest

import (
	"context"
	"reflect"
	"slices"
	"time"

	"github.com/tagfeed/tagfeed"
)

// testItemRoundTrip saves an item with every field set and reads it back
// as it was given, its tags explained.
func testItemRoundTrip(h *harness) {
	src, err := h.s.EnsureSource(context.Background(), tagfeed.SourceFeed, "https://a.example/rss", "Feed A")
	if err != nil {
		h.Fatal(err)
	}
	want := tagfeed.Item{
		Key: "guid-1", GUID: "guid-1", Link: "https://a.example/1",
		Title: "Trí tuệ nhân tạo", Summary: "<p>tóm tắt</p>", Content: "<p>nội dung</p>",
		Author: "Lan", Outlet: "Dân trí", Language: "vi",
		Enclosures: []tagfeed.Enclosure{{URL: "https://a.example/1.mp3", Type: "audio/mpeg", Length: 1234}},
		Published:  time.Date(2025, 2, 3, 4, 5, 6, 7_000_000, time.UTC),
		Tags: []tagfeed.ItemTag{
			{Tag: "ai", Score: 3.5, Threshold: 2, BodyWords: 120,
				Matches: []tagfeed.Match{
					{Term: "trí tuệ nhân tạo", Field: tagfeed.FieldTitle, Count: 1},
					{Term: "AI", Field: tagfeed.FieldContent, Count: 4},
				},
				Terms: []tagfeed.TermScore{
					{Term: "trí tuệ nhân tạo", Role: tagfeed.RoleStrong, Headline: 1, Points: 3},
					{Term: "AI", Role: tagfeed.RoleWeak, Body: 4, Note: tagfeed.NoteCapped, Points: 0.5},
				},
				Cancelled: []tagfeed.Cancel{{Term: "AI", Sense: "Ai Cập", Count: 1}},
			},
			{Tag: "nic", Score: 1, Matches: []tagfeed.Match{{Term: `\bNIC\b`, Field: tagfeed.FieldSummary, Count: 1}}},
		},
	}
	h.save(src, want)
	got := h.items(tagfeed.Selection{})
	if len(got) != 1 {
		h.Fatalf("%d items, want 1", len(got))
	}
	g := got[0]
	want.ID, want.SourceID, want.Updated, want.FirstSeen = g.ID, src.ID, want.Published, h.clock.Now()
	want.SourceTitle, want.SourceKind, want.SourceURL = "Feed A", tagfeed.SourceFeed, src.URL
	if g.ID == 0 || g.Key != want.Key || g.GUID != want.GUID || g.Link != want.Link || g.Title != want.Title ||
		g.Summary != want.Summary || g.Content != want.Content || g.Author != want.Author || g.Outlet != want.Outlet ||
		g.Language != want.Language || !slices.Equal(g.Enclosures, want.Enclosures) ||
		g.SourceID != want.SourceID || g.SourceTitle != want.SourceTitle || g.SourceKind != want.SourceKind || g.SourceURL != want.SourceURL ||
		!g.Published.Equal(want.Published) || !g.Updated.Equal(want.Updated) || !g.FirstSeen.Equal(want.FirstSeen) {
		h.Errorf("item = %+v\nwant   %+v", g, want)
	}
	if !tagfeed.SameTags(g.Tags, want.Tags) {
		h.Errorf("tags = %+v\nwant   %+v", g.Tags, want.Tags)
	}
	// Without Explained, the tags come with their names and scores.
	plain, err := h.s.Items(context.Background(), tagfeed.Selection{ID: g.ID})
	if err != nil || len(plain) != 1 || !reflect.DeepEqual(plain[0].TagNames(), []string{"ai", "nic"}) || plain[0].Tags[0].Score != 3.5 {
		h.Errorf("Items without explanations = %+v, %v", plain, err)
	}
}

// testFingerprints reads the fingerprints of a source's items, for those
// that have one.
func testFingerprints(h *harness) {
	a, b := h.source("https://a.example/rss"), h.source("https://b.example/rss")
	one, two := item("one.txt", "One"), item("two.txt", "Two")
	one.Fingerprint = "12:1700000000:abc"
	h.save(a, one, two)
	other := item("three.txt", "Three")
	other.Fingerprint = "other"
	h.save(b, other)
	got, err := h.s.Fingerprints(context.Background(), a.ID)
	if err != nil || !reflect.DeepEqual(got, map[string]string{"one.txt": one.Fingerprint}) {
		h.Errorf("Fingerprints = %v, %v; want one.txt's only", got, err)
	}
	// A file touched but unchanged is remembered as it is now.
	one.Fingerprint = "12:1800000000:abc"
	if c := h.save(a, one); c.Unchanged != 1 {
		h.Errorf("touched file: %+v, want unchanged", c)
	}
	if got, _ := h.s.Fingerprints(context.Background(), a.ID); got["one.txt"] != one.Fingerprint {
		h.Errorf("fingerprint after a touch = %q, want %q", got["one.txt"], one.Fingerprint)
	}
}

// fill stores, across two sources, items published a day apart: k0 is
// the oldest and k5 the newest. k2 and k3 share a date, so the id breaks
// the tie (k3, stored later, comes first).
func (h *harness) fill() (a, b tagfeed.Source, day time.Time) {
	h.Helper()
	a = h.source("https://a.example/rss")
	b, err := h.s.EnsureSource(context.Background(), tagfeed.SourceSeed, "seeds", "Seed articles")
	if err != nil {
		h.Fatal(err)
	}
	day = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(key string, days int, tags ...string) tagfeed.Item {
		it := item(key, "Title "+key, tags...)
		it.Published = day.AddDate(0, 0, days)
		return it
	}
	h.save(a, mk("k0", 0, "ai"), mk("k2", 2, "ai", "energy"), mk("k4", 4))
	h.save(b, mk("k1", 1, "energy"), mk("k3", 2, "ai"), mk("k5", 5, "nic", "ai"))
	return a, b, day
}

// testSelection reads the one shape of query: tags all of and any of, a
// source, a window of dates, one item, a limit.
func testSelection(h *harness) {
	a, b, day := h.fill()
	ids := map[string]int64{}
	for _, it := range h.items(tagfeed.Selection{}) {
		ids[it.Key] = it.ID
	}
	tests := []struct {
		name string
		sel  tagfeed.Selection
		want []string
	}{
		{"all newest first", tagfeed.Selection{}, []string{"k5", "k4", "k3", "k2", "k1", "k0"}},
		{"limit", tagfeed.Selection{Limit: 2}, []string{"k5", "k4"}},
		{"tag", tagfeed.Selection{AllTags: []string{"ai"}}, []string{"k5", "k3", "k2", "k0"}},
		{"tag and limit", tagfeed.Selection{AllTags: []string{"ai"}, Limit: 3}, []string{"k5", "k3", "k2"}},
		{"all of two tags", tagfeed.Selection{AllTags: []string{"ai", "energy"}}, []string{"k2"}},
		{"any of two tags", tagfeed.Selection{AnyTags: []string{"nic", "energy"}}, []string{"k5", "k2", "k1"}},
		{"all of and any of", tagfeed.Selection{AllTags: []string{"ai"}, AnyTags: []string{"nic", "energy"}}, []string{"k5", "k2"}},
		{"source", tagfeed.Selection{SourceID: a.ID}, []string{"k4", "k2", "k0"}},
		{"tag and source", tagfeed.Selection{AllTags: []string{"ai"}, SourceID: b.ID}, []string{"k5", "k3"}},
		{"window", tagfeed.Selection{Since: day.AddDate(0, 0, 1), Until: day.AddDate(0, 0, 4)}, []string{"k3", "k2", "k1"}},
		{"tag and window", tagfeed.Selection{AllTags: []string{"ai"}, Since: day.AddDate(0, 0, 2)}, []string{"k5", "k3", "k2"}},
		{"one item", tagfeed.Selection{ID: ids["k2"]}, []string{"k2"}},
		{"unknown tag", tagfeed.Selection{AllTags: []string{"nope"}}, nil},
		{"unknown source", tagfeed.Selection{SourceID: 999}, nil},
	}
	for _, tt := range tests {
		if got := keys(h.items(tt.sel)); !slices.Equal(got, tt.want) {
			h.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		if n := h.count(tt.sel); tt.sel.Limit == 0 && n != len(tt.want) {
			h.Errorf("%s: Count = %d, want %d", tt.name, n, len(tt.want))
		}
	}
}

// testCursor pages through listings with a cursor: every item once, in
// order.
func testCursor(h *harness) {
	h.fill()
	for _, sel := range []tagfeed.Selection{{Limit: 2}, {AllTags: []string{"ai"}, Limit: 1}, {AnyTags: []string{"ai", "energy"}, Limit: 4}} {
		whole := sel
		whole.Limit = 0
		want := keys(h.items(whole))
		var got []string
		for page := 0; page < 10; page++ {
			items := h.items(sel)
			got = append(got, keys(items)...)
			if len(items) < sel.Limit {
				break
			}
			sel.After = tagfeed.ListingCursor(&items[len(items)-1])
		}
		if !slices.Equal(got, want) {
			h.Errorf("paging %s: %v, want %v", whole, got, want)
		}
	}
}

// testCounts counts items: all, by tag, with the counts kept and without.
func testCounts(h *harness) {
	a, _, _ := h.fill()
	tests := []struct {
		sel  tagfeed.Selection
		want int
	}{
		{tagfeed.Selection{}, 6},
		{tagfeed.Selection{AllTags: []string{"ai"}}, 4},
		{tagfeed.Selection{AllTags: []string{"ai"}, Limit: 1}, 4},
		{tagfeed.Selection{AllTags: []string{"ai", "nic"}}, 1},
		{tagfeed.Selection{AnyTags: []string{"nic", "energy"}}, 3},
		{tagfeed.Selection{SourceID: a.ID}, 3},
		{tagfeed.Selection{AllTags: []string{"nope"}}, 0},
	}
	for _, tt := range tests {
		if n := h.count(tt.sel); n != tt.want {
			h.Errorf("Count(%s) = %d, want %d", tt.sel, n, tt.want)
		}
	}
	got, err := h.s.TagCounts(context.Background())
	if want := map[string]int{"ai": 4, "energy": 2, "nic": 1}; err != nil || !reflect.DeepEqual(got, want) {
		h.Errorf("TagCounts = %v, %v; want %v", got, err, want)
	}
	h.checkCounts()
}

// testDailyCounts counts items per UTC day.
func testDailyCounts(h *harness) {
	_, _, day := h.fill()
	end := day.AddDate(0, 0, 5).Add(23 * time.Hour) // late on k5's day
	tests := []struct {
		sel  tagfeed.Selection
		days int
		want []int
	}{
		{tagfeed.Selection{}, 7, []int{0, 1, 1, 2, 0, 1, 1}},
		{tagfeed.Selection{AllTags: []string{"ai"}}, 4, []int{2, 0, 0, 1}},
		{tagfeed.Selection{AllTags: []string{"ai"}, Limit: 1}, 4, []int{2, 0, 0, 1}},
		{tagfeed.Selection{}, 0, []int{}},
	}
	for _, tt := range tests {
		got, err := h.s.DailyCounts(context.Background(), tt.sel, tt.days, end)
		if err != nil || !slices.Equal(got, tt.want) {
			h.Errorf("DailyCounts(%s, %d) = %v, %v; want %v", tt.sel, tt.days, got, err, tt.want)
		}
	}
}
