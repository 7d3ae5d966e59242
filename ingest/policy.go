package ingest

import (
	"time"

	"github.com/tagfeed/tagfeed"
)

// Decide is the pipeline's policy for storing an item read from its
// source (a tagfeed.SavePolicy):
//
//   - A new item is dated by its source, but never after now, when it is
//     first seen, so that a date in the future cannot keep it on top of
//     every listing; an undated one is listed by when it was first seen.
//     Its version is dated when its source says it modified it, else by
//     its date.
//   - An item whose content changed is a new version, dated when its
//     source says it modified it, else now. Its date follows its source's,
//     never after it was first seen; an item that loses its date keeps the
//     last one it had.
//   - An item whose content is the same but which gained or lost a tag is
//     updated now: readers see it again.
//   - An item whose tags only score or explain differently keeps its dates:
//     the explanations are rewritten, and readers see no change.
//   - Anything else is unchanged.
//
// Comparisons use the item's hash, which keeps its source's date, so
// reading a future-dated item again changes nothing.
func Decide(stored *tagfeed.StoredItem, it *tagfeed.Item, now time.Time) tagfeed.SaveDecision {
	dated := !it.Published.IsZero()
	if stored == nil {
		published := clampedDate(it.Published, now)
		return tagfeed.SaveDecision{Outcome: tagfeed.New, Published: published, Dated: dated,
			Updated: versionDate(it, published, published, now)}
	}
	keep := tagfeed.SaveDecision{Published: stored.Published}
	switch {
	case stored.SameContent && stored.SameTags:
		keep.Outcome = tagfeed.Unchanged
	case stored.SameContent && stored.SameTagNames:
		keep.Outcome = tagfeed.Rescored
	case stored.SameContent:
		keep.Outcome, keep.Updated = tagfeed.Retagged, now
	default:
		keep.Outcome, keep.Dated = tagfeed.Updated, dated
		if dated {
			keep.Published = clampedDate(it.Published, stored.FirstSeen)
		}
		keep.Updated = versionDate(it, now, keep.Published, now)
	}
	return keep
}

// clampedDate returns the date to store for an item first seen at
// firstSeen: its source's, but never after firstSeen; firstSeen when the
// source gave none.
func clampedDate(published, firstSeen time.Time) time.Time {
	if published.IsZero() || published.After(firstSeen) {
		return firstSeen
	}
	return published
}

// versionDate returns when the version of an item being stored was made:
// when its source says it modified it, if it says, never before the
// item's date nor after now; otherwise fallback.
func versionDate(it *tagfeed.Item, fallback, published, now time.Time) time.Time {
	if it.Modified.IsZero() {
		return fallback
	}
	m := it.Modified
	if m.After(now) {
		m = now
	}
	if m.Before(published) {
		m = published
	}
	return m
}
