package fetch

import (
	"context"
	"sync"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// Run is the scheduler of "tagfeed serve". It blocks until ctx is
// cancelled, so call it in its own goroutine; it returns nil once every
// fetch in flight has finished or been cancelled.
//
// Each feed is fetched right away (a conditional GET, so this is cheap),
// then whenever its status says: its interval plus jitter after a success,
// its backoff or the server's Retry-After after a failure. A feed that was
// failing when Run started and whose stored next fetch is still ahead waits
// for it, so restarting tagfeed does not hammer a server that asked for a
// pause. A feed that is gone is never fetched. Seed folders are rescanned
// right away and then every fetch.interval. Every fetch goes through Fetch,
// the same path as Round, within the same limits.
func (f *Fetcher) Run(ctx context.Context, sources []tagfeed.Source) error {
	var wg sync.WaitGroup
	var seeds []tagfeed.Source
	for _, src := range sources {
		if src.Kind == tagfeed.SourceSeed {
			seeds = append(seeds, src)
			continue
		}
		wg.Go(func() { f.follow(ctx, src) })
	}
	if len(seeds) > 0 {
		wg.Go(func() { f.rescan(ctx, seeds) })
	}
	wg.Wait()
	return nil
}

// follow fetches one feed on its schedule until ctx ends or the feed is gone.
func (f *Fetcher) follow(ctx context.Context, src tagfeed.Source) {
	due := f.Now()
	if src.Status.BackingOff(due) {
		due = src.Status.NextFetch
	}
	for !src.Status.Gone {
		if !f.sleepUntil(ctx, due) {
			return
		}
		res := f.Fetch(ctx, src)
		if ctx.Err() != nil {
			return
		}
		src = res.Source
		due = src.Status.NextFetch
		if now := f.Now(); !due.After(now) {
			due = now.Add(f.jitter(f.interval(src)))
		}
	}
	f.log.Warn("feed gone, no longer fetched", "source_id", src.ID, "url", src.URL)
}

// rescan reads the seed folders right away, then every fetch.interval.
func (f *Fetcher) rescan(ctx context.Context, seeds []tagfeed.Source) {
	for {
		for i, src := range seeds {
			res := f.Fetch(ctx, src)
			if ctx.Err() != nil {
				return
			}
			seeds[i] = res.Source
		}
		if !f.sleepUntil(ctx, f.Now().Add(f.jitter(f.cfg.Fetch.Interval))) {
			return
		}
	}
}

// sleepUntil waits until t by f.Now's clock, or until ctx ends, and
// reports whether it is still running.
func (f *Fetcher) sleepUntil(ctx context.Context, t time.Time) bool {
	d := t.Sub(f.Now())
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
