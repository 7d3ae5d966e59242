package feeds

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Default and largest number of items in a served feed.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Server answers HTTP for the topic feeds, the OPML file, the index page
// and the health check. Timeouts belong to the http.Server that runs it.
type Server struct {
	// Now dates a feed when nothing in the store has a date: no item and
	// no fetch yet. It defaults to time.Now.
	Now func() time.Time

	cfg   *tagfeed.Config
	store tagfeed.Store
	log   *slog.Logger
}

// NewServer returns a server of the store's items, by the config's topics.
// A nil logger discards.
func NewServer(cfg *tagfeed.Config, store tagfeed.Store, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Server{Now: time.Now, cfg: cfg, store: store, log: logger}
}

func (s *Server) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Handler returns the server's routes:
//
//	GET /                         the index page (also /index.html)
//	GET /feeds/{topic}.{format}   a topic feed: topic is a tag or "all",
//	                              format rss, atom or json; ?limit=1..500
//	GET /feeds.opml               every topic feed, for subscribing at once
//	GET /healthz                  200 when the store answers
//
// HEAD works wherever GET does, and feeds, OPML and the index answer
// If-None-Match with 304 (ETag only; see serve).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /index.html", s.handleIndex)
	mux.HandleFunc("GET /feeds/{file}", s.handleFeed)
	mux.HandleFunc("GET /feeds.opml", s.handleOPML)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	return mux
}
