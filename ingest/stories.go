package ingest

import (
	"context"
	"log/slog"
	"sync"

	"github.com/tagfeed/tagfeed"
)

// grouping puts the items that reads stored into stories, and announces
// those reads' changes once their items have a story, so that a feed
// that shows each story once never shows a new item on its own first.
//
// A grouping pass reads every item without a story, so one pass serves
// every read that stored items before it began. A read that stores items
// while a pass runs therefore does not wait for it, nor run one of its
// own: it leaves its change to the next pass, which the read running the
// passes makes before it returns. In a round of many feeds the reads
// thus go on fetching while one of them groups, and the store answers
// one pass's queries for many reads' items.
type grouping struct {
	grouper  tagfeed.StoryGrouper
	announce func(Change)
	log      *slog.Logger

	mu      sync.Mutex
	pending []Change // the changes of reads whose items wait for a pass
	running bool     // a read is running passes
}

// add records a read's change, and groups and announces it before it
// returns unless another read is grouping, which then does so.
func (g *grouping) add(ctx context.Context, c Change) {
	g.run(ctx, &c)
}

// sweep runs a pass unless one is running: for the items that other
// processes stored, when this one leads grouping (tagfeed.StoryLeader).
func (g *grouping) sweep(ctx context.Context) {
	g.run(ctx, nil)
}

// run records c, if any, and runs passes until no change waits for one,
// unless a pass is running already.
func (g *grouping) run(ctx context.Context, c *Change) {
	g.mu.Lock()
	if c != nil {
		g.pending = append(g.pending, *c)
	}
	if g.running {
		g.mu.Unlock()
		return
	}
	g.running = true
	for first := true; first || len(g.pending) > 0; first = false {
		changes := g.pending
		g.pending = nil
		g.mu.Unlock()
		g.pass(ctx)
		for _, c := range changes {
			g.announce(c)
		}
		g.mu.Lock()
	}
	g.running = false
	g.mu.Unlock()
}

// pass groups the items without a story. A failure leaves them for the
// next pass; it is no source's fault.
func (g *grouping) pass(ctx context.Context) {
	if _, err := g.grouper.Group(ctx); err != nil && ctx.Err() == nil {
		g.log.Error("grouping stories failed; the items are grouped after the next read", "error", err.Error())
	}
}
