package tagfeed

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Selection says which stored items to read: the one shape of query that
// every feed and page asks the store. Its filters all hold at once. Items
// come back newest first (by publication date, then by id), or, with a
// search, the best matches first.
type Selection struct {
	AllTags []string // items that have every one of these tags
	AnyTags []string // items that have at least one of these tags
	// Search is a full-text query in the syntax of ParseSearch; "" for
	// none.
	Search   string
	SourceID int64     // items from this source; 0 for every source
	ID       int64     // the one item with this id; 0 for any
	Since    time.Time // items published at or after this; zero for no bound
	Until    time.Time // items published before this; zero for no bound
	Limit    int       // at most this many; 0 for no limit
	// After continues a listing newest first: only items that come after
	// this one. It does not apply to a search, whose order is by match.
	After *Cursor
	// Offset skips this many items of a search's results.
	Offset int
	// Explained asks for each tag's explanation too: what matched and each
	// term's points. Feeds show only the tags' names.
	Explained bool
	// Stories, unless PickNone, lists each story once: the item it picks
	// stands for its story, in the place of the story's first item in the
	// listing, with the story's other selected items in its Others. Limit
	// and After then count stories.
	Stories StoryPick
	// InStories selects the items of these stories only.
	InStories []int64
}

// Cursor marks a place in a listing newest first: the last item seen, by
// its SortTime and its id.
type Cursor struct {
	Published time.Time
	ID        int64
}

// CursorOf returns the cursor after the item.
func CursorOf(it *Item) *Cursor {
	return &Cursor{Published: it.SortTime(), ID: it.ID}
}

// ListingCursor returns the cursor after an item of a listing, which for
// a listing of stories is after the newest item of its story.
func ListingCursor(it *Item) *Cursor {
	c := CursorOf(it)
	for i := range it.Others {
		o := CursorOf(&it.Others[i])
		if o.Published.After(c.Published) || o.Published.Equal(c.Published) && o.ID > c.ID {
			c = o
		}
	}
	return c
}

// OneTag returns the tags of a selection of one tag: none for "", which
// selects every item.
func OneTag(tag string) []string {
	if tag == "" {
		return nil
	}
	return []string{tag}
}

// Tags returns every tag the selection names.
func (s Selection) Tags() []string {
	return slices.Concat(s.AllTags, s.AnyTags)
}

// String describes the selection for error messages.
func (s Selection) String() string {
	var parts []string
	if len(s.AllTags) > 0 {
		parts = append(parts, "tags "+strings.Join(s.AllTags, "+"))
	}
	if len(s.AnyTags) > 0 {
		parts = append(parts, "any of "+strings.Join(s.AnyTags, ","))
	}
	if s.Search != "" {
		parts = append(parts, fmt.Sprintf("search %q", s.Search))
	}
	if s.SourceID != 0 {
		parts = append(parts, fmt.Sprintf("source %d", s.SourceID))
	}
	if len(parts) == 0 {
		return "every item"
	}
	return strings.Join(parts, ", ")
}
