package ingest

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed"
)

// jitterDivisor sets the jitter: up to a tenth of the wait is added.
const jitterDivisor = 10

// Run is the scheduler of "tagfeed serve". It blocks until ctx is
// cancelled, so call it in its own goroutine; it returns nil once every
// read in flight has finished or been cancelled.
//
// Each feed is fetched right away (a conditional GET, so this is cheap),
// then whenever its status says: its interval plus jitter after a success,
// its backoff or the server's Retry-After after a failure. A feed that was
// failing when Run started and whose stored next fetch is still ahead waits
// for it, so restarting tagfeed does not hammer a server that asked for a
// pause. A feed that is gone is never fetched. Seed folders are rescanned
// right away and then every fetch.interval. Every read goes through Fetch,
// the same path as Round.
func (p *Pipeline) Run(ctx context.Context, sources []tagfeed.Source) error {
	var wg sync.WaitGroup
	var seeds []tagfeed.Source
	for _, src := range sources {
		if src.Kind == tagfeed.SourceSeed {
			seeds = append(seeds, src)
			continue
		}
		wg.Go(func() { p.follow(ctx, src) })
	}
	if len(seeds) > 0 {
		wg.Go(func() { p.rescan(ctx, seeds) })
	}
	wg.Wait()
	return nil
}

// follow fetches one feed on its schedule until ctx ends or the feed is gone.
func (p *Pipeline) follow(ctx context.Context, src tagfeed.Source) {
	due := p.Now()
	if src.Status.BackingOff(due) {
		due = src.Status.NextFetch
	}
	for !src.Status.Gone {
		if !p.sleepUntil(ctx, due) {
			return
		}
		res := p.Fetch(ctx, src)
		if ctx.Err() != nil {
			return
		}
		src = res.Source
		due = src.Status.NextFetch
		if now := p.Now(); !due.After(now) {
			due = now.Add(p.jitter(p.cfg.IntervalOf(src)))
		}
	}
	p.log.Warn("feed gone, no longer fetched", "source_id", src.ID, "url", src.URL)
}

// rescan reads the seed folders when the first of them is due, then
// every fetch.interval. A folder is due at once unless a read has set
// its next one: serve reads the folders before it listens, and Run then
// need not read them all again a moment later.
func (p *Pipeline) rescan(ctx context.Context, seeds []tagfeed.Source) {
	due := p.Now()
	if next := firstDue(seeds); next.After(due) {
		due = next
	}
	for p.sleepUntil(ctx, due) {
		for i, src := range seeds {
			res := p.Fetch(ctx, src)
			if ctx.Err() != nil {
				return
			}
			seeds[i] = res.Source
		}
		due = p.Now().Add(p.jitter(p.cfg.Fetch.Interval))
	}
}

// firstDue returns the earliest next read of the sources; the zero time
// if one of them has none.
func firstDue(sources []tagfeed.Source) time.Time {
	var first time.Time
	for i, src := range sources {
		next := src.Status.NextFetch
		if next.IsZero() {
			return time.Time{}
		}
		if i == 0 || next.Before(first) {
			first = next
		}
	}
	return first
}

// sleepUntil waits until t by p.Now's clock, or until ctx ends, and
// reports whether it is still running.
func (p *Pipeline) sleepUntil(ctx context.Context, t time.Time) bool {
	d := t.Sub(p.Now())
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

// jitter adds up to a tenth of d to d.
func (p *Pipeline) jitter(d time.Duration) time.Duration {
	return d + p.Jitter(d/jitterDivisor)
}

// randomJitter returns a random duration in [0, limit).
func randomJitter(limit time.Duration) time.Duration {
	if limit <= 0 {
		return 0
	}
	return rand.N(limit)
}
