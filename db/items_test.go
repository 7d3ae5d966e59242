package db

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// seedItems stores, across two sources, items published a day apart:
// k0 is the oldest and k5 the newest. k2 and k3 share a date, so the id
// breaks the tie (k3, stored later, comes first).
func seedItems(t *testing.T, d *DB) (a, b tagfeed.Source) {
	t.Helper()
	a = mustSource(t, d, "https://a.example/rss")
	b, err := d.EnsureSource(context.Background(), tagfeed.SourceSeed, "seeds", "Seed articles")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(key string, days int, tags ...string) tagfeed.Item {
		it := item(key, "Title "+key, tags...)
		it.Published = day.AddDate(0, 0, days)
		return it
	}
	mustSave(t, d, a, mk("k0", 0, "ai"), mk("k2", 2, "ai", "energy"), mk("k4", 4))
	mustSave(t, d, b, mk("k1", 1, "energy"), mk("k3", 2, "ai"), mk("k5", 5, "nic", "ai"))
	return a, b
}

func keys(items []tagfeed.Item) []string {
	var ks []string
	for _, it := range items {
		ks = append(ks, it.Key)
	}
	return ks
}

func TestItemsOrderAndFilters(t *testing.T) {
	d, _ := MustOpen(t)
	a, b := seedItems(t, d)
	tests := []struct {
		name string
		q    tagfeed.Selection
		want []string
	}{
		{"all newest first", tagfeed.Selection{}, []string{"k5", "k4", "k3", "k2", "k1", "k0"}},
		{"limit", tagfeed.Selection{Limit: 2}, []string{"k5", "k4"}},
		{"tag", tagfeed.Selection{AllTags: []string{"ai"}}, []string{"k5", "k3", "k2", "k0"}},
		{"tag and limit", tagfeed.Selection{AllTags: []string{"ai"}, Limit: 3}, []string{"k5", "k3", "k2"}},
		{"source", tagfeed.Selection{SourceID: a.ID}, []string{"k4", "k2", "k0"}},
		{"tag and source", tagfeed.Selection{AllTags: []string{"ai"}, SourceID: b.ID}, []string{"k5", "k3"}},
		{"unknown tag", tagfeed.Selection{AllTags: []string{"nope"}}, nil},
		{"unknown source", tagfeed.Selection{SourceID: 999}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(mustItems(t, d, tt.q)); !slices.Equal(got, tt.want) {
				t.Errorf("keys = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestItemsRoundTrip(t *testing.T) {
	d, _ := MustOpen(t)
	src, err := d.EnsureSource(context.Background(), tagfeed.SourceFeed, "https://a.example/rss", "Feed A")
	if err != nil {
		t.Fatal(err)
	}
	want := tagfeed.Item{
		Key: "guid-1", GUID: "guid-1", Link: "https://a.example/1",
		Title: "Trí tuệ nhân tạo", Summary: "<p>tóm tắt</p>", Content: "<p>nội dung</p>",
		Author: "Lan", Outlet: "Dân trí",
		Published: time.Date(2025, 2, 3, 4, 5, 6, 7_000_000, time.UTC),
		Tags: []tagfeed.ItemTag{
			{Tag: "ai", Score: 3, Matches: []tagfeed.Match{
				{Term: "trí tuệ nhân tạo", Field: tagfeed.FieldTitle, Count: 1},
				{Term: "AI", Field: tagfeed.FieldContent, Count: 4},
			}},
			{Tag: "nic", Score: 1, Matches: []tagfeed.Match{{Term: `\bNIC\b`, Field: tagfeed.FieldSummary, Count: 1}}},
		},
	}
	mustSave(t, d, src, want)
	got := mustItems(t, d, tagfeed.Selection{})
	if len(got) != 1 {
		t.Fatalf("%d items, want 1", len(got))
	}
	// A new item is dated by its source: updated starts as published.
	want.ID, want.SourceID, want.SourceTitle, want.Updated = got[0].ID, src.ID, "Feed A", want.Published
	g := got[0]
	if g.ID == 0 || g.Key != want.Key || g.GUID != want.GUID || g.Link != want.Link || g.Title != want.Title ||
		g.Summary != want.Summary || g.Content != want.Content || g.Author != want.Author || g.Outlet != want.Outlet ||
		g.SourceID != want.SourceID || g.SourceTitle != want.SourceTitle ||
		!g.Published.Equal(want.Published) || !g.Updated.Equal(want.Updated) {
		t.Errorf("item = %+v\nwant   %+v", g, want)
	}
	if !tagfeed.SameTags(g.Tags, want.Tags) {
		t.Errorf("tags = %+v\nwant   %+v", g.Tags, want.Tags)
	}
}

func TestTagCounts(t *testing.T) {
	d, _ := MustOpen(t)
	seedItems(t, d)
	got, err := d.TagCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"ai": 4, "energy": 2, "nic": 1}
	if len(got) != len(want) {
		t.Errorf("TagCounts = %v, want %v", got, want)
	}
	for tag, n := range want {
		if got[tag] != n {
			t.Errorf("TagCounts[%s] = %d, want %d", tag, got[tag], n)
		}
	}
}
