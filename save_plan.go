package tagfeed

import (
	"slices"
	"time"
)

// StoredVersion is what a store holds of an item that is read again: what
// a save compares the item read with.
type StoredVersion struct {
	Published, FirstSeen time.Time
	Hash                 string // the content hash (Item.Hash)
	Fingerprint          string
	Tags                 []TagRecord
}

// SavePlan is what storing an item writes, as the policy decided: the
// store carries it out.
type SavePlan struct {
	// Decision is the policy's: the outcome says whether the item is
	// inserted (New), rewritten (Updated), marked updated (Retagged) or
	// left as it is, and gives its dates.
	Decision SaveDecision
	// Fingerprint says to record the item's fingerprint on the stored
	// item: its file was touched but says the same, so that the next scan
	// skips it. (An update records it with the rest.)
	Fingerprint bool
	// ReplaceTags says to replace the stored tags with the item's, and
	// RedateTags to keep them but list them by TagsPublished, the date
	// the item is now listed by. A new item's tags are inserted with it.
	ReplaceTags, RedateTags bool
	TagsPublished           time.Time
}

// PlanSave decides by policy, at now, how to store p, given what is stored
// of it (nil when nothing is), and works out what that writes.
func PlanSave(p PendingItem, stored *StoredVersion, policy SavePolicy, now time.Time) SavePlan {
	var known *StoredItem
	if stored != nil {
		known = &StoredItem{Published: stored.Published, FirstSeen: stored.FirstSeen, SameContent: stored.Hash == p.Hash,
			SameTags: slices.Equal(stored.Tags, p.Tags), SameTagNames: SameTagNames(stored.Tags, p.Tags)}
	}
	v := policy(known, p.Item, now)
	plan := SavePlan{Decision: v, TagsPublished: v.Published}
	if stored == nil || v.Outcome == New {
		return plan
	}
	if v.Outcome == Rescored {
		// Only the tags' scores or explanations changed: the item keeps
		// its dates, and its tags the date they are listed by.
		plan.ReplaceTags, plan.TagsPublished = true, stored.Published
		return plan
	}
	plan.Fingerprint = p.Item.Fingerprint != stored.Fingerprint && v.Outcome != Updated
	switch {
	case v.Outcome == Unchanged:
	case !slices.Equal(stored.Tags, p.Tags):
		plan.ReplaceTags = true
	case v.Published.UnixMilli() != stored.Published.UnixMilli(): // as stores keep dates
		plan.RedateTags = true
	}
	return plan
}
