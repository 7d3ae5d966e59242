package tagfeed

import (
	"context"
	"fmt"
	"time"
)

// StoryRef places an item in its story: the items, from any source, that
// report the same specific event.
type StoryRef struct {
	// ID is the story's id: the id of its first item. It is 0 until the
	// item is grouped.
	ID int64
	// Match is the item this one was found most like when it joined the
	// story, and Similarity how alike the two are, from 0 to 1. Match is 0
	// for the item that started the story.
	Match      int64
	Similarity float64
}

// StoryPlacement is where grouping puts one item.
type StoryPlacement struct {
	ItemID int64
	Story  StoryRef
}

// StoryPick says which item stands for its story when a listing shows
// each story once.
type StoryPick string

// The ways to pick the item that stands for a story.
const (
	// PickNone lists every item: stories are not folded.
	PickNone StoryPick = ""
	// PickEarliest shows the story's first report.
	PickEarliest StoryPick = "earliest"
	// PickRichest shows the report with the most text.
	PickRichest StoryPick = "richest"
)

// ParseStoryPick reads a pick's name as the config and URLs write it.
func ParseStoryPick(s string) (StoryPick, error) {
	switch p := StoryPick(s); p {
	case PickEarliest, PickRichest:
		return p, nil
	}
	return PickNone, fmt.Errorf("unknown story pick %q: want %q or %q", s, PickEarliest, PickRichest)
}

// StoryConfig controls how items are grouped into stories and shown.
type StoryConfig struct {
	// Window is how far apart in time two items may be and still report
	// the same event: their dates, or when first seen for undated items.
	Window time.Duration `yaml:"window"`
	// Threshold is the least similarity, 0 to 1, at which an item joins a
	// story.
	Threshold float64 `yaml:"threshold"`
	// Fold makes feeds and pages show each story once unless a request
	// says ?stories=0; without it they do so only for ?stories=1.
	Fold bool `yaml:"fold"`
	// Pick says which item stands for a folded story: "earliest" or
	// "richest".
	Pick StoryPick `yaml:"pick"`
}

// StoryGrouper puts the stored items that have no story yet into
// stories. story.Grouper implements it.
type StoryGrouper interface {
	// Group places every item without a story and returns how many.
	Group(ctx context.Context) (int, error)
}

// StoryLeader is implemented by stores that several processes share
// (pg.Store): one process at a time, the leader, groups every process's
// items, so that each item is read and compared once, not once in each
// process. Stores that one process writes at a time need not implement
// it.
type StoryLeader interface {
	// LeadStories reports whether this process leads grouping, and takes
	// the lead when no live process holds it. A leader keeps the lead
	// until it closes the store or its connection to the database ends.
	LeadStories(ctx context.Context) (bool, error)
}

// StoryStore is what grouping needs of a store. db.DB implements it.
type StoryStore interface {
	// UngroupedItems returns up to limit items that have no story yet, in
	// the order they were stored, with their ids, titles, dates and text:
	// Content holds the start of the content, or of the summary when
	// there is none.
	UngroupedItems(ctx context.Context, limit int) ([]Item, error)
	// GroupedItems returns up to limit items that have a story and an id
	// above afterID, in id order, read as UngroupedItems reads them, with
	// their story.
	GroupedItems(ctx context.Context, afterID int64, limit int) ([]Item, error)
	// LastItemID returns the highest item id stored, 0 when there is none.
	LastItemID(ctx context.Context) (int64, error)
	// SetStories records where grouping put items, in one transaction. An
	// item that another process has grouped meanwhile keeps its story.
	SetStories(ctx context.Context, placements []StoryPlacement) error
}

// validateStories checks the stories section.
func (c *Config) validateStories(errs *configErrors) {
	s := c.Stories
	if s.Window < time.Hour {
		errs.add(c.Errorf("stories.window", "must be at least 1h, got %v", s.Window))
	}
	if s.Threshold <= 0 || s.Threshold > 1 {
		errs.add(c.Errorf("stories.threshold", "must be above 0 and at most 1, got %v", s.Threshold))
	}
	if _, err := ParseStoryPick(string(s.Pick)); err != nil {
		errs.add(c.Errorf("stories.pick", "%v", err))
	}
}
