package ingest_test

import (
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

func TestDecide(t *testing.T) {
	now := time.Date(2025, 11, 5, 8, 0, 0, 0, time.UTC)
	seen := now.Add(-48 * time.Hour)
	dated := now.Add(-72 * time.Hour)
	stored := func(sameContent, sameTags, sameNames bool) *tagfeed.StoredItem {
		return &tagfeed.StoredItem{Published: dated, FirstSeen: seen, SameContent: sameContent, SameTags: sameTags, SameTagNames: sameNames}
	}
	tests := []struct {
		name   string
		stored *tagfeed.StoredItem
		item   tagfeed.Item
		want   tagfeed.SaveDecision
	}{
		{"new, dated", nil, tagfeed.Item{Published: dated},
			tagfeed.SaveDecision{Outcome: tagfeed.New, Published: dated, Dated: true, Updated: dated}},
		{"new, undated: listed by when first seen", nil, tagfeed.Item{},
			tagfeed.SaveDecision{Outcome: tagfeed.New, Published: now, Updated: now}},
		{"new, from the future: clamped to now", nil, tagfeed.Item{Published: now.Add(30 * 24 * time.Hour)},
			tagfeed.SaveDecision{Outcome: tagfeed.New, Published: now, Dated: true, Updated: now}},
		{"new, modified later by its source", nil, tagfeed.Item{Published: dated, Modified: dated.Add(time.Hour)},
			tagfeed.SaveDecision{Outcome: tagfeed.New, Published: dated, Dated: true, Updated: dated.Add(time.Hour)}},
		{"same content and tags", stored(true, true, true), tagfeed.Item{Published: dated},
			tagfeed.SaveDecision{Outcome: tagfeed.Unchanged, Published: dated}},
		{"only scores differ", stored(true, false, true), tagfeed.Item{Published: dated},
			tagfeed.SaveDecision{Outcome: tagfeed.Rescored, Published: dated}},
		{"a tag gained", stored(true, false, false), tagfeed.Item{Published: dated},
			tagfeed.SaveDecision{Outcome: tagfeed.Retagged, Published: dated, Updated: now}},
		{"content changed", stored(false, true, true), tagfeed.Item{Published: dated.Add(time.Hour)},
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: dated.Add(time.Hour), Dated: true, Updated: now}},
		{"content changed, date in the future: clamped to first seen", stored(false, true, true), tagfeed.Item{Published: now},
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: seen, Dated: true, Updated: now}},
		{"content changed, date lost: keeps the last", stored(false, true, true), tagfeed.Item{},
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: dated, Updated: now}},
		{"content changed, source says when", stored(false, true, true), tagfeed.Item{Published: dated, Modified: now.Add(-time.Hour)},
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: dated, Dated: true, Updated: now.Add(-time.Hour)}},
		{"content changed, modified in the future: now", stored(false, true, true), tagfeed.Item{Published: dated, Modified: now.Add(time.Hour)},
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: dated, Dated: true, Updated: now}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ingest.Decide(tt.stored, &tt.item, now); got != tt.want {
				t.Errorf("Decide = %+v\nwant     %+v", got, tt.want)
			}
		})
	}
}
