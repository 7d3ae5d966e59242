package feeds

import (
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Default and largest number of items in a served feed or page.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Cache limits: how many answers, and how many bytes of them, are kept.
const (
	cacheAnswers = 512
	cacheBytes   = 64 << 20
)

// Server answers HTTP for the topic feeds, the pages, the OPML file and
// the health check. It keeps every answer it renders until the store's
// data version says the data behind it changed, so a warm request renders
// nothing and hashes nothing. Timeouts belong to the http.Server that runs
// it.
type Server struct {
	// Now dates a feed when nothing in the store has a date: no item and
	// no fetch yet. It defaults to time.Now.
	Now func() time.Time
	// VersionEvery is how often the store's data version is read at most;
	// a change made by another process shows within that time. It
	// defaults to a second.
	VersionEvery time.Duration
	// RenderEvery, when set, is how often an answer is rendered at most:
	// one rendered less than RenderEvery ago is served though its data
	// changed since, so that a fetch round, which changes the data many
	// times a second, does not have every feed rendered as often. Zero
	// renders on every change; serve uses ServeRenderEvery.
	RenderEvery time.Duration
	// RenderWait is how long a request whose answer is out of date waits
	// for the new version, which it renders, before it gets the version
	// before while the render goes on (an answer about a render late); the
	// requests that come during the render get the version before at once.
	// Zero waits for the render, as a test that has just changed the data
	// wants; serve uses ServeRenderWait.
	RenderWait time.Duration
	// Fold gives the forms search compares words in, to mark the words a
	// search found on its page; tagfeed uses tag.SearchForms. Nil compares
	// them lower-cased.
	Fold func(text string) (exact, bare string)
	// OnAnswer, if set, hears of each feed or page answered: from the
	// cache, or rendered. Metrics listen here.
	OnAnswer func(cached bool)
	// LastFetch, if set, tells when a source was last read, for the
	// health check; zero when none has been since the process started.
	LastFetch func() time.Time

	cfg   *tagfeed.Config
	store tagfeed.Store
	log   *slog.Logger

	cache    *responseCache
	version  atomic.Pointer[versionCheck]
	checking atomic.Bool
}

// ServeRenderWait is the RenderWait of "tagfeed serve": a feed polled
// during a fetch round, when its data changes every moment, is answered
// within about this time, however slow its render on a busy machine.
const ServeRenderWait = 20 * time.Millisecond

// ServeRenderEvery is the RenderEvery of "tagfeed serve": what a fetch
// stores shows within a second, as what another process stores does
// (VersionEvery).
const ServeRenderEvery = time.Second

// NewServer returns a server of the store's items, by the config's topics.
// A nil logger discards.
func NewServer(cfg *tagfeed.Config, store tagfeed.Store, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Server{Now: time.Now, cfg: cfg, store: store, log: logger,
		cache: newResponseCache(cacheAnswers, cacheBytes)}
}

func (s *Server) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Handler returns the server's routes:
//
//	GET /                          the index page (also /index.html)
//	GET /topics/{topic}            a topic's page; ?after= pages on, ?q= searches it
//	GET /items/{id}                an item's page
//	GET /search?q=                 the search page
//	GET /feeds/{topic}.{format}    a topic feed: topic is a tag, tags joined by
//	                               + (all of them) or , (any of them), or "all";
//	                               format rss, atom or json; ?limit=1..500; ?q=
//	GET /search.{format}?q=        a saved search as a feed
//	GET /feeds.opml                every topic feed, for subscribing at once
//	GET /static/style.css          the pages' stylesheet
//	GET /healthz                   200 when the store answers
//
// HEAD works wherever GET does. Every answer but the health check comes
// with an ETag and a Last-Modified, and a request that has it gets 304.
// Every answer carries the security headers (see SecurityHeaders).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /index.html", s.handleIndex)
	mux.HandleFunc("GET /topics/{topic}", s.handleTopicPage)
	mux.HandleFunc("GET /items/{id}", s.handleItemPage)
	mux.HandleFunc("GET /search", s.handleSearchPage)
	mux.HandleFunc("GET /feeds/{file}", s.handleFeed)
	for _, f := range Formats() {
		mux.HandleFunc("GET /search."+f.Ext(), s.handleSearchFeed)
	}
	mux.HandleFunc("GET /feeds.opml", s.handleOPML)
	mux.HandleFunc("GET /static/style.css", s.handleStyle)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	return SecurityHeaders(mux)
}

// Store returns the store the server answers from.
func (s *Server) Store() tagfeed.Store { return s.store }

// SetBaseURL sets the absolute URL feeds and OPML link to when the config
// gives none: where the server listens.
func (s *Server) SetBaseURL(u string) {
	if s.cfg.BaseURL == "" {
		s.cfg.BaseURL = strings.TrimRight(u, "/")
	}
}
