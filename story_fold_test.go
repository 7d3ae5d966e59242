package tagfeed

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// listing answers plain selections (Limit, After, InStories) from items
// held newest first, as a store's query would, and counts its reads.
type listing struct {
	items []Item
	reads int
}

func (l *listing) read(_ context.Context, sel Selection) ([]Item, error) {
	l.reads++
	var out []Item
	for _, it := range l.items {
		if sel.After != nil && !it.SortTime().Before(sel.After.Published) {
			continue
		}
		if sel.InStories != nil && !slices.Contains(sel.InStories, it.Story.ID) {
			continue
		}
		out = append(out, it)
		if sel.Limit > 0 && len(out) == sel.Limit {
			break
		}
	}
	return out, nil
}

// TestFoldStoriesReadsOn folds a listing whose newest items all report
// one story, more of them than the first read's margin: the page still
// gets its stories, by reading on.
func TestFoldStoriesReadsOn(t *testing.T) {
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	var l listing
	for i := 1; i <= 40; i++ {
		story := int64(1) // the 3 × foldMargin newest report one story
		if i > 3*foldMargin {
			story = int64(i)
		}
		l.items = append(l.items, Item{ID: int64(i), Key: fmt.Sprint(i), Story: StoryRef{ID: story},
			Published: start.Add(-time.Duration(i) * time.Hour)})
	}
	got, err := FoldStories(context.Background(), Selection{Stories: PickEarliest, Limit: 3}, l.read)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, it := range got {
		keys = append(keys, fmt.Sprintf("%s+%d", it.Key, len(it.Others)))
	}
	if want := []string{"30+29", "31+0", "32+0"}; !slices.Equal(keys, want) {
		t.Errorf("stories %v, want %v (key of the pick + how many others)", keys, want)
	}
	if l.reads < 3 {
		t.Errorf("%d reads: want the listing read on past its first page, then the stories' members", l.reads)
	}
}
