package ingest

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed"
)

// leasePoll is how often RunLeased asks for due feeds when it has room.
const leasePoll = time.Second

// LeaseTTL is how long a feed stays leased to the process fetching it:
// long enough for a whole fetch and its save, after which a dead
// process's feeds go to another.
func LeaseTTL(cfg *tagfeed.Config) time.Duration {
	return max(time.Minute, 3*cfg.Fetch.Timeout)
}

// RunLeased is the scheduler of "tagfeed serve --role fetch", for
// several such processes on one database. It rescans the seed folders as
// Run does, and fetches the feeds among sources that leaser leases to
// owner. It leases as many due feeds as it has reads free: every second,
// and as soon as a read ends when more feeds may be due (the last lease
// took all the room there was). It fetches each through Fetch, the path
// every read takes, and releases it once its new state is saved. Every
// second it also runs a story grouping pass, which groups the other
// processes' new items when this process leads grouping. It blocks until
// ctx is cancelled and the reads in flight have ended.
func (p *Pipeline) RunLeased(ctx context.Context, sources []tagfeed.Source, leaser tagfeed.FeedLeaser, owner string) error {
	var wg sync.WaitGroup
	var seeds []tagfeed.Source
	var ids []int64
	for _, src := range sources {
		if src.Kind == tagfeed.SourceSeed {
			seeds = append(seeds, src)
		} else {
			ids = append(ids, src.ID)
		}
	}
	if len(seeds) > 0 {
		wg.Go(func() { p.rescan(ctx, seeds) })
	}
	defer wg.Wait()
	ttl := LeaseTTL(p.cfg)
	free := make(chan struct{}, cap(p.inflight)) // a token per read that may start
	for range cap(free) {
		free <- struct{}{}
	}
	ticker := time.NewTicker(leasePoll)
	defer ticker.Stop()
	ended := make(chan struct{}, 1) // a read ended: lease again at once
	for {
		n := len(free)
		leased, err := leaser.LeaseDue(ctx, owner, ids, p.Now(), ttl, n)
		if err != nil && ctx.Err() == nil {
			p.log.Warn("leasing feeds failed", "owner", owner, "error", err.Error())
		}
		for _, src := range leased {
			<-free
			wg.Go(func() {
				defer func() {
					free <- struct{}{}
					select {
					case ended <- struct{}{}:
					default:
					}
				}()
				p.Fetch(ctx, src)
				p.release(ctx, leaser, owner, src)
			})
		}
		// When the room ran out before the due feeds may have, a read that
		// ends leases the next at once; otherwise wait for the next second.
		var refill <-chan struct{}
		if n == 0 || len(leased) == n {
			refill = ended
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			// The process leading grouping groups the items the others
			// stored, however few reads of its own store any.
			if p.stories != nil {
				wg.Go(func() { p.stories.sweep(ctx) })
			}
		case <-refill:
		}
	}
}

// release ends the lease of a feed fetched, even when ctx has ended: a
// lease left behind would keep the feed from other processes until it
// runs out.
func (p *Pipeline) release(ctx context.Context, leaser tagfeed.FeedLeaser, owner string, src tagfeed.Source) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := leaser.Release(ctx, owner, []int64{src.ID}); err != nil {
		p.log.Warn("releasing a feed failed; its lease runs out on its own", slog.String("url", src.URL), slog.String("error", err.Error()))
	}
}
