package fetch_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/fetch"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/seed"
)

// t0 is when the tests' clocks start.
var t0 = time.Date(2025, 11, 5, 8, 0, 0, 0, time.UTC)

// clock is a time source the tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// openStore opens a real SQLite store in the test's temporary folder, on
// the given clock.
func openStore(t testing.TB, clk *clock) *db.DB {
	t.Helper()
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "tagfeed.db"))
	if err != nil {
		t.Fatal(err)
	}
	if clk != nil {
		store.Now = clk.Now
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// testConfig is the default config with a short timeout.
func testConfig() *tagfeed.Config {
	cfg := tagfeed.Default()
	cfg.Fetch.Timeout = 2 * time.Second
	return &cfg
}

// newFetcher returns the fetcher in the pipeline, on clk without jitter, tagging with
// titleTagger.
func newFetcher(cfg *tagfeed.Config, store tagfeed.Store, clk *clock) *harness {
	return newPipeline(cfg, store, titleTagger{}, clk)
}

// newPipeline is newFetcher with a tagger of the caller's.
func newPipeline(cfg *tagfeed.Config, store tagfeed.Store, tagger tagfeed.Tagger, clk *clock) *harness {
	f := fetch.New(cfg)
	seeds := &seed.Reader{Path: cfg.Path, Interval: cfg.Fetch.Interval}
	if store != nil {
		seeds.Fingerprints = store.Fingerprints
	}
	p := ingest.New(cfg, store, tagger, map[tagfeed.SourceKind]tagfeed.SourceReader{
		tagfeed.SourceFeed: f, tagfeed.SourceSeed: seeds,
	}, nil)
	h := &harness{Pipeline: p, Fetcher: f, seeds: seeds}
	h.setClock(clk)
	return h
}

// harness is the fetcher in the ingest pipeline, as tagfeed runs it: the
// pipeline tags and stores what the fetcher reads.
type harness struct {
	*ingest.Pipeline
	Fetcher *fetch.Fetcher
	seeds   *seed.Reader
}

// setClock makes the pipeline and its readers tell the time by clk (the
// real time when clk is nil), with no jitter.
func (h *harness) setClock(clk *clock) {
	now := time.Now
	if clk != nil {
		now = clk.Now
	}
	noJitter := func(time.Duration) time.Duration { return 0 }
	h.Pipeline.Now, h.Pipeline.Jitter = now, noJitter
	h.Fetcher.Now, h.Fetcher.Jitter = now, noJitter
	h.seeds.Now = now
}

// titleTagger tags an item "ai" when its title says AI: enough to see
// that tags reach the store, without depending on the tag package.
type titleTagger struct{}

func (titleTagger) Tag(it *tagfeed.Item) []tagfeed.ItemTag {
	if strings.Contains(it.Title, "AI") {
		return []tagfeed.ItemTag{{Tag: "ai", Score: 1, Matches: []tagfeed.Match{{Term: "AI", Field: tagfeed.FieldTitle, Count: 1}}}}
	}
	return nil
}

func (titleTagger) RulesHash() string { return "title-tagger" }

// ensureFeeds creates a feed source for each URL and returns them.
func ensureFeeds(t testing.TB, store tagfeed.Store, urls ...string) []tagfeed.Source {
	t.Helper()
	srcs := make([]tagfeed.Source, len(urls))
	for i, u := range urls {
		src, err := store.EnsureSource(context.Background(), tagfeed.SourceFeed, u, "")
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = src
	}
	return srcs
}

// stored returns the stored source with the URL and its items.
func stored(t testing.TB, store tagfeed.Store, url string) (tagfeed.Source, []tagfeed.Item) {
	t.Helper()
	ctx := context.Background()
	srcs, err := store.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.URL == url {
			items, err := store.Items(ctx, tagfeed.Selection{SourceID: s.ID})
			if err != nil {
				t.Fatal(err)
			}
			return s, items
		}
	}
	t.Fatalf("no stored source %s", url)
	return tagfeed.Source{}, nil
}

// fixture returns a file of testdata/feeds.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// feedServer is a loopback HTTP server that counts the requests per path
// and keeps the last of each.
type feedServer struct {
	*httptest.Server
	mux *http.ServeMux

	mu   sync.Mutex
	hits map[string]int
	// last is the last request for each path. Only the last is kept, so
	// that the server of BenchmarkRound, asked 40,000 times at 20,000
	// feeds, does not hold 17 MB of requests that the peak RSS it reports
	// would count as the fetcher's.
	last map[string]*http.Request
}

func newFeedServer(t testing.TB) *feedServer {
	s := &feedServer{mux: http.NewServeMux(), hits: make(map[string]int), last: make(map[string]*http.Request)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.last[r.URL.Path] = r.Clone(context.Background())
		s.mu.Unlock()
		s.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// Hits returns how many requests asked for path.
func (s *feedServer) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// LastRequest returns the last request for path.
func (s *feedServer) LastRequest(path string) *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last[path]
}

// document is a feed body that a conditionalHandler serves; it can be
// replaced while the server runs.
type document struct {
	mu          sync.Mutex
	body        []byte
	contentType string
}

func (d *document) Set(body []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.body = body
}

// ServeHTTP serves the document with an ETag (a hash of the body) and a
// Last-Modified, answering 304 when the client already has it.
func (d *document) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	body, ctype := d.body, d.contentType
	d.mu.Unlock()
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))[:18] + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Tue, 04 Nov 2025 10:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

// serveDocument serves body at path with ETag support.
func (s *feedServer) serveDocument(path string, body []byte, contentType string) *document {
	d := &document{body: body, contentType: contentType}
	s.mux.Handle(path, d)
	return d
}

// feedConfig configures a feed with its own interval.
func feedConfig(url string, interval time.Duration) tagfeed.FeedConfig {
	return tagfeed.FeedConfig{URL: url, Interval: interval}
}
