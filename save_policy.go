package tagfeed

import "time"

// An Outcome is what storing an item read from its source does.
type Outcome uint8

const (
	// Unchanged: the item is stored as it was read; nothing is written.
	Unchanged Outcome = iota
	// New: the item was not stored; it is inserted.
	New
	// Updated: its content changed; it is rewritten as a new version.
	Updated
	// Retagged: its content is the same but it gained or lost a tag;
	// readers see it as updated.
	Retagged
	// Rescored: only its tags' scores or explanations changed; they are
	// rewritten, and readers see no change.
	Rescored
)

// StoredItem is what a store holds of an item that is read again,
// compared with the item read.
type StoredItem struct {
	Published time.Time // the date it is listed by
	FirstSeen time.Time
	// SameContent, SameTags and SameTagNames compare the stored item
	// with the one read: its content hash; its tags with their scores
	// and explanations; its tags' names alone.
	SameContent, SameTags, SameTagNames bool
}

// SaveDecision says how to store an item read: what it changes, and its dates.
type SaveDecision struct {
	Outcome Outcome
	// Published is the date to store and list the item by; Dated says
	// whether its source gave it, or it is when the item was first seen.
	Published time.Time
	Dated     bool
	// Updated dates the version stored: when it was made.
	Updated time.Time
}

// A SavePolicy decides how to store an item read from its source at
// now, given what is stored of it (nil when nothing is). The ingest
// pipeline owns the policy; stores apply it.
type SavePolicy func(stored *StoredItem, item *Item, now time.Time) SaveDecision
