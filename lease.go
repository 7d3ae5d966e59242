package tagfeed

import (
	"context"
	"time"
)

// FeedLeaser shares the feeds among several fetching processes ("serve
// --role fetch"), so that no feed is fetched by two at once: a process
// leases the feeds it fetches, and a lease runs out on its own if its
// process dies. pg.Store implements it.
type FeedLeaser interface {
	// LeaseDue leases to owner, until now+ttl, up to n of the feeds
	// among ids that are due at now (their next fetch is not ahead), are
	// not gone, and hold no lease that runs beyond now. It returns them
	// with their state.
	LeaseDue(ctx context.Context, owner string, ids []int64, now time.Time, ttl time.Duration, n int) ([]Source, error)
	// Release ends owner's leases of the sources.
	Release(ctx context.Context, owner string, ids []int64) error
}
