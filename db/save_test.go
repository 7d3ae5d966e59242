package db

import (
	"context"
	"errors"
	"github.com/tagfeed/tagfeed/ingest"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

func TestSaveFetchCounts(t *testing.T) {
	d, clock := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
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
		clock.Advance(time.Minute)
		got := mustSave(t, d, src, tt.items...)
		if got != tt.want {
			t.Errorf("%s: counts = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	items := mustItems(t, d, tagfeed.Selection{})
	if len(items) != 4 {
		t.Fatalf("stored %d items, want 4", len(items))
	}
	titles := map[string]string{}
	for _, it := range items {
		titles[it.Key] = it.Title
	}
	if titles["d"] != "D2" || titles["a"] != "A edited" {
		t.Errorf("titles = %v, want a: A edited, d: D2", titles)
	}
	checkInvariants(t, d)
}

func TestSaveFetchSecondIdenticalRoundWritesNoItem(t *testing.T) {
	d, clock := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	batch := []tagfeed.Item{item("a", "A", "ai", "nic"), item("b", "B", "energy"), item("c", "C")}
	src.Title, src.SiteURL = "Example", "https://example.org/"
	src.Status = tagfeed.FetchStatus{ETag: `"v1"`, HTTPStatus: 200, LastAttempt: clock.Now(), LastSuccess: clock.Now()}
	mustSave(t, d, src, batch...)
	before := mustItems(t, d, tagfeed.Selection{})

	clock.Advance(time.Hour)
	src.Status.LastAttempt = clock.Now()
	changes := totalChanges(t, d)
	got := mustSave(t, d, src, batch...)
	if want := (tagfeed.SaveCounts{Unchanged: 3}); got != want {
		t.Errorf("second round counts = %+v, want %+v", got, want)
	}
	// Only the fetch_state row and the count of fetches may be written;
	// the source row is unchanged, and so is the count of item changes.
	if n := totalChanges(t, d) - changes; n != 2 {
		t.Errorf("second round changed %d rows, want 2 (fetch_state and sources_version only)", n)
	}
	after := mustItems(t, d, tagfeed.Selection{})
	for i := range after {
		if !after[i].Updated.Equal(before[i].Updated) || !after[i].Published.Equal(before[i].Published) {
			t.Errorf("item %s: updated %v→%v, published %v→%v; want both unchanged", after[i].Key,
				before[i].Updated, after[i].Updated, before[i].Published, after[i].Published)
		}
	}
}

func TestSaveFetchPublished(t *testing.T) {
	d, clock := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	first := clock.Now()
	dated := time.Date(2024, 12, 24, 8, 30, 0, 0, time.UTC)

	undated := item("undated", "No date", "ai")
	withDate := item("dated", "Dated", "energy")
	withDate.Published = dated
	future := item("future", "From the future", "ai")
	future.Published = first.Add(30 * 24 * time.Hour)
	revised := item("revised", "Revised", "ai")
	revised.Published, revised.Modified = dated, dated.Add(48*time.Hour)
	mustSave(t, d, src, undated, withDate, future, revised)

	clock.Advance(2 * time.Hour)
	undated.Title = "No date, edited"
	redated := withDate
	redated.Published = dated.Add(time.Hour)
	revisedAgain := revised
	revisedAgain.Title, revisedAgain.Modified = "Revised again", first.Add(time.Hour)
	if counts := mustSave(t, d, src, undated, redated, future, revisedAgain); counts.Unchanged != 1 {
		t.Errorf("the second save gave %+v; want the future-dated item unchanged", counts)
	}

	clock.Advance(2 * time.Hour)
	lostDate := redated
	lostDate.Published = time.Time{}
	lostDate.Title = "Dated, then not"
	mustSave(t, d, src, undated, lostDate)

	got := map[string]tagfeed.Item{}
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		got[it.Key] = it
	}
	// An undated item keeps no date, and is listed by when it was first
	// seen; a dated item that loses its date keeps the last one it had; a
	// date in the future is clamped to when the item was first seen; a
	// version is dated when its source says it modified it.
	tests := []struct {
		key                              string
		wantPublished, wantSort, wantUpd time.Time
	}{
		{"undated", time.Time{}, first, first.Add(2 * time.Hour)},
		{"dated", dated.Add(time.Hour), dated.Add(time.Hour), first.Add(4 * time.Hour)},
		{"future", first, first, first},
		{"revised", dated, dated, first.Add(time.Hour)},
	}
	checkInvariants(t, d)
	for _, tt := range tests {
		it := got[tt.key]
		if !it.Published.Equal(tt.wantPublished) || !it.SortTime().Equal(tt.wantSort) || !it.FirstSeen.Equal(first) {
			t.Errorf("%s: published = %v, sorted at %v, first seen %v; want %v, %v, %v", tt.key,
				it.Published, it.SortTime(), it.FirstSeen, tt.wantPublished, tt.wantSort, first)
		}
		if !it.Updated.Equal(tt.wantUpd) {
			t.Errorf("%s: updated = %v, want %v", tt.key, it.Updated, tt.wantUpd)
		}
	}
}

func TestSaveFetchReplacesTags(t *testing.T) {
	d, clock := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	mustSave(t, d, src, item("a", "A", "ai", "nic"))

	clock.Advance(time.Hour)
	changed := item("a", "A", "energy", "nic")
	changed.Tags[1].Score = 7 // nic's score changes too
	if got := mustSave(t, d, src, changed); got.Updated != 1 {
		t.Fatalf("counts = %+v, want 1 updated", got)
	}
	items := mustItems(t, d, tagfeed.Selection{})
	if len(items) != 1 {
		t.Fatalf("%d items, want 1", len(items))
	}
	if !tagfeed.SameTags(items[0].Tags, changed.Tags) {
		t.Errorf("tags = %+v, want %+v", items[0].Tags, changed.Tags)
	}
	if want := clock.Now(); !items[0].Updated.Equal(want) {
		t.Errorf("updated = %v, want %v", items[0].Updated, want)
	}
	counts, err := d.TagCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts["ai"] != 0 || counts["energy"] != 1 || counts["nic"] != 1 {
		t.Errorf("tag counts = %v, want energy 1, nic 1, no ai", counts)
	}
	checkInvariants(t, d)
}

func TestSaveFetchErrors(t *testing.T) {
	d, _ := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	ctx := context.Background()

	_, err := d.SaveFetch(ctx, src, []tagfeed.Item{item("a", "A"), item("", "Keyless")}, ingest.Decide)
	if err == nil || !strings.Contains(err.Error(), "empty key") || !strings.HasPrefix(err.Error(), "db: save items for source") {
		t.Errorf("empty key: err = %v, want a db: … empty key error", err)
	}
	if c, _ := d.Counts(ctx); c.Items != 0 {
		t.Errorf("a rejected batch stored %d items, want 0", c.Items)
	}

	_, err = d.SaveFetch(ctx, tagfeed.Source{ID: 999}, []tagfeed.Item{item("a", "A")}, ingest.Decide)
	if !errors.Is(err, tagfeed.ErrNotFound) {
		t.Errorf("unknown source: err = %v, want ErrNotFound", err)
	}
}
