package tagfeed_test

import (
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestPlanSave checks what a save writes for each of the policy's
// outcomes, given what is stored of the item.
func TestPlanSave(t *testing.T) {
	day := time.Date(2024, 6, 26, 12, 0, 0, 0, time.UTC)
	ai := []tagfeed.TagRecord{{Tag: "ai", Score: 2}}
	energy := []tagfeed.TagRecord{{Tag: "energy", Score: 2}}
	stored := &tagfeed.StoredVersion{Published: day, FirstSeen: day, Hash: "h1", Fingerprint: "f1", Tags: ai}
	type want struct {
		fingerprint, replace, redate bool
		tagsPublished                time.Time
	}
	for _, tc := range []struct {
		name        string
		stored      *tagfeed.StoredVersion
		fingerprint string // the item's
		tags        []tagfeed.TagRecord
		decision    tagfeed.SaveDecision // what the policy says
		want        want
	}{
		{"new: inserted with its tags", nil, "f1", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.New, Published: day}, want{tagsPublished: day}},
		{"unchanged", stored, "f1", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.Unchanged, Published: day}, want{tagsPublished: day}},
		{"unchanged, its file touched", stored, "f2", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.Unchanged, Published: day}, want{fingerprint: true, tagsPublished: day}},
		{"retagged", stored, "f1", energy,
			tagfeed.SaveDecision{Outcome: tagfeed.Retagged, Published: day, Updated: day.Add(time.Hour)},
			want{replace: true, tagsPublished: day}},
		{"rescored: the tags keep the stored date", stored, "f2", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.Rescored, Published: day.Add(time.Hour)}, want{replace: true, tagsPublished: day}},
		{"updated: the fingerprint goes with the rest", stored, "f2", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: day, Updated: day}, want{tagsPublished: day}},
		{"updated to another date: the tags are listed by it", stored, "f1", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: day.Add(-time.Hour)},
			want{redate: true, tagsPublished: day.Add(-time.Hour)}},
		{"updated within the millisecond stores keep", stored, "f1", ai,
			tagfeed.SaveDecision{Outcome: tagfeed.Updated, Published: day.Add(time.Microsecond)},
			want{tagsPublished: day.Add(time.Microsecond)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			item := tagfeed.Item{Key: "k", Fingerprint: tc.fingerprint}
			p := tagfeed.PendingItem{Item: &item, Key: "k", Hash: "h1", Tags: tc.tags}
			var asked *tagfeed.StoredItem
			policy := func(known *tagfeed.StoredItem, _ *tagfeed.Item, _ time.Time) tagfeed.SaveDecision {
				asked = known
				return tc.decision
			}
			plan := tagfeed.PlanSave(p, tc.stored, policy, day)
			got := want{plan.Fingerprint, plan.ReplaceTags, plan.RedateTags, plan.TagsPublished}
			if got != tc.want || plan.Decision != tc.decision {
				t.Errorf("plan %+v, want %+v with the policy's decision", plan, tc.want)
			}
			if (asked == nil) != (tc.stored == nil) {
				t.Fatalf("the policy was told %+v of a stored item %+v", asked, tc.stored)
			}
			if asked != nil && (!asked.SameContent || asked.SameTags != (tc.tags[0].Tag == "ai") || asked.Published != day) {
				t.Errorf("the policy was told %+v", asked)
			}
		})
	}
}
