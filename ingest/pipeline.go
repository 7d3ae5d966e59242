// Package ingest is tagfeed's ingest pipeline: it reads each source with
// the reader of its kind (fetch for live feeds, seed for folders of
// articles), tags what it read, decides what is new, updated or rescored
// (Decide), stores it with the source's new state, and announces what
// changed to whoever subscribed. It owns these policies; the readers only
// read and the store only stores.
//
// Sharing the cores: a round is CPU-bound on a small machine, and it runs
// beside the HTTP server of "tagfeed serve". Go's scheduler lets a busy
// goroutine run for 10 ms before it preempts it, and takes goroutines
// woken by the network from its global queue only now and then, so a
// request could wait behind many such slices. The loops that do a round's
// work an item at a time (tagging here, the store's saves, story
// grouping) therefore yield the core after each item (runtime.Gosched),
// which costs well under a microsecond. In bench/load it halved the
// latency of the feeds polled during a round (p50 19-25 ms to 10 ms, p99
// 98-124 ms to 65-71 ms) and shortened the round itself. A round with no
// one to serve (the fetch benchmark) pays for it: about 7 to 12% longer.
package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Pipeline runs the ingest of a set of sources. Its exported fields may be
// replaced before first use, as tests do.
type Pipeline struct {
	// Now tells the time; time.Now by default.
	Now func() time.Time
	// Jitter returns a random duration in [0, limit), added to the wait
	// between two reads of a source so that they do not fire in lockstep.
	Jitter func(limit time.Duration) time.Duration

	cfg     *tagfeed.Config
	store   tagfeed.Store
	tagger  tagfeed.Tagger
	readers map[tagfeed.SourceKind]tagfeed.SourceReader
	log     *slog.Logger
	stories *grouping // nil leaves items out of stories
	// inflight bounds the reads under way, from the request to the save
	// (see inflightReads), so that parsed feeds waiting for the writer do
	// not pile up in memory however many feeds there are.
	inflight chan struct{}
	// articles and articleCache read items' pages for feeds with
	// fulltext: true; nil leaves items as their feeds give them.
	articles     tagfeed.ArticleReader
	articleCache tagfeed.ArticleStore

	mu          sync.Mutex
	subscribers []func(Change)
	observers   []func(Result)
	lastRead    atomic.Int64 // Unix nanoseconds of the last read's end; 0 before any
}

// Change is what one stored read of a source changed, as announced to
// subscribers.
type Change struct {
	Source tagfeed.Source
	Counts tagfeed.SaveCounts
}

// New returns a pipeline that reads sources of each kind with readers,
// tags with tagger (nil leaves items untagged) and stores in store.
func New(cfg *tagfeed.Config, store tagfeed.Store, tagger tagfeed.Tagger, readers map[tagfeed.SourceKind]tagfeed.SourceReader, logger *slog.Logger) *Pipeline {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Pipeline{Now: time.Now, Jitter: randomJitter, cfg: cfg, store: store, tagger: tagger, readers: readers, log: logger,
		inflight: make(chan struct{}, inflightReads(cfg))}
}

// GroupStories makes the reads that store new items put them into
// stories with g before they announce their changes (see grouping). Call
// it before the first read.
func (p *Pipeline) GroupStories(g tagfeed.StoryGrouper) {
	p.stories = &grouping{grouper: g, announce: p.announce, log: p.log}
}

// Subscribe calls fn after each read of a source that stored a new or
// changed item: the feed cache, metrics and later stages listen here. fn
// runs on the reading goroutine and must not block.
func (p *Pipeline) Subscribe(fn func(Change)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.subscribers = append(p.subscribers, fn)
}

// LastRead returns when the pipeline last finished reading a source;
// zero before any.
func (p *Pipeline) LastRead() time.Time {
	if n := p.lastRead.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Observe calls fn after every read of a source, whatever its outcome:
// metrics listen here. fn runs on the reading goroutine and must not
// block.
func (p *Pipeline) Observe(fn func(Result)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.observers = append(p.observers, fn)
}

// Fetch reads one source once, now, and stores what it read: the one code
// path that Round and Run share. A source without an id is first ensured
// in the store.
//
// Items are tagged and stored a batch at a time as the reader hands them
// over; the last batch is stored in the same transaction as the source's
// new state, so that a feed's validators never move on without its items.
// When that transaction fails, the reader records the failure in the
// source's state and the items come again with the next read.
func (p *Pipeline) Fetch(ctx context.Context, src tagfeed.Source) (res Result) {
	defer func() {
		// A bug that one source's bytes set off is that source's error,
		// not the end of the process and of every other source's fetch.
		if r := recover(); r != nil {
			res = p.panicked(ctx, src, r)
		}
		p.lastRead.Store(p.Now().UnixNano())
		p.mu.Lock()
		observers := p.observers
		p.mu.Unlock()
		for _, fn := range observers {
			fn(res)
		}
	}()
	return p.fetch(ctx, src)
}

// panicked records a panic while reading or storing src as its error,
// logs it with its stack, and returns the result.
func (p *Pipeline) panicked(ctx context.Context, src tagfeed.Source, r any) Result {
	err := fmt.Errorf("%s: internal error: %v", describe(src), r)
	p.log.Error("panic while fetching a source", "source_id", src.ID, "url", src.URL, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	res := Result{Source: src, Err: err}
	if reader, ok := p.readers[src.Kind]; ok && src.ID != 0 {
		res.Source = reader.Failed(src, err)
		if _, saveErr := p.store.SaveFetch(ctx, res.Source, nil, Decide); saveErr != nil {
			res.Err = fmt.Errorf("%w; and its state: %v", err, saveErr)
		}
	}
	return res
}

// savesQueued is how many reads, beyond those the network allows, may be
// past their fetch: parsing, or parsed and waiting for the writer. A
// few keep both cores and the writer busy; more only hold their items in
// memory until the writer takes them.
const savesQueued = 16

// inflightReads is how many reads may be under way at once: as many as
// fetch.concurrency lets fetch, and as many more, up to savesQueued; so
// never more than twice fetch.concurrency, as it was before savesQueued.
// With twice fetch.concurrency, 5,000 feeds at concurrency 64 peaked at
// 136-142 MiB, and their first round took 13.3-17.3 s, median 14.8
// (BenchmarkRound); with this, 125-129 MiB and 12.3-18.4 s, median 13.2,
// in six runs each, alternating; 1,000 feeds at concurrency 32 took as
// long (2.2-2.7 s against 2.3-3.0 s).
func inflightReads(cfg *tagfeed.Config) int {
	n := max(1, cfg.Fetch.Concurrency)
	return n + min(n, savesQueued)
}

// fetch is Fetch without the recovery.
func (p *Pipeline) fetch(ctx context.Context, src tagfeed.Source) Result {
	select {
	case p.inflight <- struct{}{}:
		defer func() { <-p.inflight }()
	case <-ctx.Done():
		return Result{Source: src, Err: fmt.Errorf("%s: %w", describe(src), ctx.Err())}
	}
	start := time.Now()
	if src.ID == 0 {
		ensured, err := p.store.EnsureSource(ctx, src.Kind, src.URL, p.configuredTitle(src))
		if err != nil {
			return Result{Source: src, Err: fmt.Errorf("%s: %w", describe(src), err)}
		}
		src = ensured
	}
	reader, ok := p.readers[src.Kind]
	if !ok {
		return Result{Source: src, Err: fmt.Errorf("%s: no reader for sources of kind %q", describe(src), src.Kind)}
	}
	var counts tagfeed.SaveCounts
	var held []tagfeed.Item // the last batch, stored with the source's state
	pages := p.pagesFor(src)
	save := func(batch []tagfeed.Item) error {
		if held != nil {
			c, err := p.store.SaveItems(ctx, src.ID, held, Decide)
			counts = counts.Add(c)
			if err != nil {
				return err
			}
		}
		if err := pages.read(ctx, batch); err != nil {
			return err
		}
		held = p.tag(batch, src.ID)
		return nil
	}
	rd := reader.Read(ctx, src, save)
	if rd.Err == nil {
		pages.warn(&rd.Source.Status)
	}
	res := Result{Source: rd.Source, Items: rd.Items, Skipped: rd.Skipped, NotModified: rd.NotModified,
		MovedTo: rd.MovedTo, Problems: rd.Problems, Err: rd.Err}
	if rd.Err != nil {
		held = nil // a read that failed part way keeps what it stored
	}
	if ctx.Err() == nil || rd.Err == nil {
		c, err := p.store.SaveFetch(ctx, res.Source, held, Decide)
		counts = counts.Add(c)
		if err != nil && rd.Err == nil {
			res.Err = fmt.Errorf("%s: save: %w", describe(src), err)
			res.Source = reader.Failed(src, res.Err)
			if _, err := p.store.SaveFetch(ctx, res.Source, nil, Decide); err != nil {
				res.Err = fmt.Errorf("%w; and its state: %v", res.Err, err)
			}
		} else if err != nil {
			res.Err = fmt.Errorf("%w; save its state: %v", res.Err, err)
		}
	}
	counts.Unchanged += rd.Skipped
	res.Counts, res.Took = counts, time.Since(start)
	p.logResult(res)
	change := Change{Source: res.Source, Counts: res.Counts}
	switch {
	case res.Counts.New > 0 && p.stories != nil:
		p.stories.add(ctx, change)
	case res.Counts.New+res.Counts.Updated > 0:
		p.announce(change)
	}
	return res
}

// describe names a source in an error: "fetch URL" for a feed, as the
// fetcher's own errors do, "seed folder F" for a folder.
func describe(src tagfeed.Source) string {
	if src.Kind == tagfeed.SourceSeed {
		return "seed folder " + src.URL
	}
	return "fetch " + src.Location()
}

// tag sets the source and the tags of each item.
func (p *Pipeline) tag(items []tagfeed.Item, sourceID int64) []tagfeed.Item {
	for i := range items {
		items[i].SourceID = sourceID
		if p.tagger != nil {
			items[i].Tags = p.tagger.Tag(&items[i])
			runtime.Gosched() // share the cores; see the package doc
		}
	}
	return items
}

// announce tells the subscribers what a read changed.
func (p *Pipeline) announce(c Change) {
	p.mu.Lock()
	subs := p.subscribers
	p.mu.Unlock()
	for _, fn := range subs {
		fn(c)
	}
}

// configuredTitle returns the title the config gives the source, if any.
func (p *Pipeline) configuredTitle(src tagfeed.Source) string {
	for _, f := range p.cfg.Feeds {
		if f.URL == src.URL {
			return f.Title
		}
	}
	return ""
}

// logResult logs what a read did.
func (p *Pipeline) logResult(res Result) {
	attrs := []any{"source_id", res.Source.ID, "url", res.Source.URL, "outcome", res.Outcome(), "took_ms", res.Took.Milliseconds()}
	if res.Err != nil {
		p.log.Warn("fetch failed", append(attrs, "error", res.Err.Error(), "next_fetch", res.Source.Status.NextFetch)...)
		return
	}
	p.log.Info("fetched", append(attrs, "new", res.Counts.New, "updated", res.Counts.Updated, "not_modified", res.NotModified)...)
}
