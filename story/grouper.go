package story

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/tagfeed/tagfeed"
)

// batch is how many items a Grouper reads and records at once.
const batch = 500

// Grouper puts the items a store holds without a story into stories, as
// they come: each joins the story of the most alike recent item, or
// starts one. It keeps the recent items' features in an Index, loaded
// from the store on first use, so that a new item is grouped without a
// rescan. It is safe for concurrent use; calls run one at a time.
type Grouper struct {
	store tagfeed.StoryStore

	mu     sync.Mutex
	index  *Index
	loaded bool
	lastID int64 // the highest id of a grouped item loaded
}

// NewGrouper returns a grouper for the items of store, grouped by cfg.
// normalize reads text as the tagger does (tag.Normalize).
func NewGrouper(store tagfeed.StoryStore, cfg tagfeed.StoryConfig, normalize func(string) string) *Grouper {
	return &Grouper{store: store, index: NewIndex(cfg, 0, normalize)}
}

// Group places every item without a story, and returns how many it
// placed. Items that another process grouped meanwhile are read into the
// index first, so that the two processes' stories agree. When the store
// is shared by processes that take turns to lead grouping
// (tagfeed.StoryLeader), a process that does not lead places nothing:
// the leader places its items.
func (g *Grouper) Group(ctx context.Context) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if leader, ok := g.store.(tagfeed.StoryLeader); ok {
		lead, err := leader.LeadStories(ctx)
		if err != nil || !lead {
			return 0, err
		}
	}
	if err := g.catchUp(ctx); err != nil {
		return 0, fmt.Errorf("story: %w", err)
	}
	placed := 0
	for {
		items, err := g.store.UngroupedItems(ctx, batch)
		if err != nil {
			return placed, fmt.Errorf("story: %w", err)
		}
		if len(items) == 0 {
			return placed, nil
		}
		ps := make([]tagfeed.StoryPlacement, len(items))
		for i := range items {
			ps[i] = tagfeed.StoryPlacement{ItemID: items[i].ID, Story: g.index.Place(&items[i])}
			g.lastID = max(g.lastID, items[i].ID) // catchUp need not read it back
			// Let the requests waiting for a core run between items, as
			// the ingest pipeline's other item loops do (see package ingest).
			runtime.Gosched()
		}
		if err := g.store.SetStories(ctx, ps); err != nil {
			return placed, fmt.Errorf("story: %w", err)
		}
		placed += len(items)
		if len(items) < batch {
			return placed, nil
		}
	}
}

// catchUp reads into the index the grouped items it does not hold: on
// first use the most recent ones it can hold, then those grouped since.
func (g *Grouper) catchUp(ctx context.Context) error {
	if !g.loaded {
		last, err := g.store.LastItemID(ctx)
		if err != nil {
			return err
		}
		g.lastID = max(0, last-int64(2*g.index.capacity))
		g.loaded = true
	}
	for {
		items, err := g.store.GroupedItems(ctx, g.lastID, batch)
		if err != nil {
			return err
		}
		for i := range items {
			g.index.Add(&items[i])
			g.lastID = max(g.lastID, items[i].ID)
		}
		if len(items) < batch {
			return nil
		}
	}
}
