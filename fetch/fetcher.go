// Package fetch reads tagfeed's sources: live RSS, Atom and JSON feeds over
// HTTP, and folders of seed articles. It parses and normalizes their items,
// tags them, and saves them with each source's fetch state, either one
// round at a time (Round) or on each feed's own schedule (Run).
//
// The work is split by job: client.go makes the requests, parse.go and
// adapt.go turn a document into items without touching the network or the
// database, feed.go is the one code path that fetches a source, and
// schedule.go and run.go decide when.
package fetch

import (
	"log/slog"
	"net/http"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// Fetcher fetches sources and saves what they hold. Its exported fields
// may be replaced before first use, as tests do.
type Fetcher struct {
	// Client makes the requests; NewClient builds the default one.
	Client *http.Client
	// Now tells the time of a fetch; time.Now by default.
	Now func() time.Time
	// Jitter returns a random duration in [0, limit), added to every wait
	// so that feeds do not fire in lockstep.
	Jitter func(limit time.Duration) time.Duration

	cfg    *tagfeed.Config
	store  tagfeed.Store
	tagger tagfeed.Tagger
	log    *slog.Logger
	feeds  map[string]tagfeed.FeedConfig // by URL
	slots  chan struct{}                 // one per fetch allowed at once
	hosts  *hostLimiter
}

// New returns a Fetcher for the feeds and limits in cfg, saving to store
// and tagging with tagger. Zero limits in cfg.Fetch take Default's values.
func New(cfg *tagfeed.Config, store tagfeed.Store, tagger tagfeed.Tagger, logger *slog.Logger) *Fetcher {
	c := *cfg
	fillDefaults(&c.Fetch)
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	f := &Fetcher{
		Client: NewClient(c.Fetch),
		Now:    time.Now,
		Jitter: randomJitter,
		cfg:    &c,
		store:  store,
		tagger: tagger,
		log:    logger,
		feeds:  make(map[string]tagfeed.FeedConfig, len(c.Feeds)),
		slots:  make(chan struct{}, c.Fetch.Concurrency),
		hosts:  newHostLimiter(c.Fetch.PerHost),
	}
	for _, fc := range c.Feeds {
		f.feeds[fc.URL] = fc
	}
	return f
}

// fillDefaults gives the limits left at zero their default values.
// MaxRedirects stays as it is: zero means no redirects.
func fillDefaults(fc *tagfeed.FetchConfig) {
	def := tagfeed.Default().Fetch
	if fc.Interval <= 0 {
		fc.Interval = def.Interval
	}
	if fc.Timeout <= 0 {
		fc.Timeout = def.Timeout
	}
	if fc.Concurrency <= 0 {
		fc.Concurrency = def.Concurrency
	}
	if fc.PerHost <= 0 {
		fc.PerHost = def.PerHost
	}
	if fc.MaxBodyBytes <= 0 {
		fc.MaxBodyBytes = def.MaxBodyBytes
	}
}

// configuredTitle returns the title the config gives the source, if any.
func (f *Fetcher) configuredTitle(src tagfeed.Source) string {
	return f.feeds[src.URL].Title
}
