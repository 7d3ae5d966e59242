package db

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// TestSaveFetchSecondIdenticalRoundWritesNoItem checks in SQLite's own
// count of changed rows what the conformance suite checks through the
// store (IdenticalRoundChangesNothing): a read that changed nothing
// writes only its source's fetch state.
func TestSaveFetchSecondIdenticalRoundWritesNoItem(t *testing.T) {
	d, clock := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	batch := []tagfeed.Item{item("a", "A", "ai", "nic"), item("b", "B", "energy"), item("c", "C")}
	src.Title, src.SiteURL = "Example", "https://example.org/"
	src.Status = tagfeed.FetchStatus{ETag: `"v1"`, HTTPStatus: 200, LastAttempt: clock.Now(), LastSuccess: clock.Now()}
	mustSave(t, d, src, batch...)

	clock.Advance(time.Hour)
	src.Status.LastAttempt = clock.Now()
	changes := totalChanges(t, d)
	if got, want := mustSave(t, d, src, batch...), (tagfeed.SaveCounts{Unchanged: 3}); got != want {
		t.Errorf("second round counts = %+v, want %+v", got, want)
	}
	// Only the fetch_state row and the count of fetches may be written;
	// the source row is unchanged, and so is the count of item changes.
	if n := totalChanges(t, d) - changes; n != 2 {
		t.Errorf("second round changed %d rows, want 2 (fetch_state and sources_version only)", n)
	}
}

// TestSaveFetchErrors checks that a save's error says which store and
// what it was doing; the conformance suite (SaveErrors) checks the rest.
func TestSaveFetchErrors(t *testing.T) {
	d, _ := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	_, err := d.SaveFetch(context.Background(), src, []tagfeed.Item{item("a", "A"), item("", "Keyless")}, ingest.Decide)
	if err == nil || !strings.Contains(err.Error(), "empty key") || !strings.HasPrefix(err.Error(), "db: save items for source") {
		t.Errorf("empty key: err = %v, want a db: … empty key error", err)
	}
}
