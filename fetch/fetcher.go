// Package fetch reads live RSS, Atom and JSON feeds over HTTP: politely
// (conditional GET, backoff, per-host limits) and safely (timeouts, size
// limits, sanitized HTML). A Fetcher is the ingest pipeline's reader of
// feeds: it turns a feed into normalized, untagged items and the feed's new
// fetch state, and stores nothing itself.
//
// The work is split by job: client.go makes the requests, parse.go and
// adapt.go turn a document into items without touching the network,
// feed.go is the one code path that fetches a feed, and schedule.go
// decides when it is fetched next.
package fetch

import (
	"net/http"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// Fetcher fetches feeds. Its exported fields may be replaced before first
// use, as tests do.
type Fetcher struct {
	// Client makes the requests; NewClient builds the default one.
	Client *http.Client
	// Pages makes the requests for items' pages (ReadArticle); NewClient
	// builds the default one. It is not Client, so that a page never
	// rides a connection opened to a feed's host that the operator
	// trusts with a private address.
	Pages *http.Client
	// Now tells the time of a fetch; time.Now by default.
	Now func() time.Time
	// Jitter returns a random duration in [0, limit), added to every wait
	// so that feeds do not fire in lockstep.
	Jitter func(limit time.Duration) time.Duration

	cfg   *tagfeed.Config
	feeds map[string]tagfeed.FeedConfig // by URL
	slots chan struct{}                 // one per fetch allowed at once
	hosts *hostLimiter
}

// New returns a Fetcher for the feeds and limits in cfg. Zero limits in
// cfg.Fetch take Default's values.
func New(cfg *tagfeed.Config) *Fetcher {
	c := *cfg
	fillDefaults(&c.Fetch)
	f := &Fetcher{
		Client: NewClient(c.Fetch, nil),
		Pages:  NewClient(c.Fetch, nil),
		Now:    time.Now,
		Jitter: randomJitter,
		cfg:    &c,
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
	if fc.MaxItems <= 0 {
		fc.MaxItems = def.MaxItems
	}
	if fc.MaxBodyBytes <= 0 {
		fc.MaxBodyBytes = def.MaxBodyBytes
	}
}

// configuredTitle returns the title the config gives the source, if any.
func (f *Fetcher) configuredTitle(src tagfeed.Source) string {
	return f.feeds[src.URL].Title
}
