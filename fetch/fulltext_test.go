package fetch_test

import (
	"context"
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
	"github.com/tagfeed/tagfeed/fetch"
	"github.com/tagfeed/tagfeed/tag"
)

// article is an item of the summary-only feed of an articleSite.
type article struct {
	guid, title, summary, link string
}

// articleSite is a loopback server with a summary-only RSS feed at /feed,
// served without validators so that every fetch reads it, whose items
// link to pages on the same server.
type articleSite struct {
	*feedServer
	mu    sync.Mutex
	items []article
}

func newArticleSite(t testing.TB) *articleSite {
	s := &articleSite{feedServer: newFeedServer(t)}
	s.mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin ngắn</title><link>`+s.URL+`/</link>`)
		for _, it := range s.items {
			fmt.Fprintf(w, "<item><guid>%s</guid><title>%s</title><link>%s</link><description>%s</description></item>", it.guid, it.title, it.link, it.summary)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	return s
}

// SetItems replaces the feed's items.
func (s *articleSite) SetItems(items ...article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = items
}

// page returns the item of the site's feed whose link is the page at path.
func (s *articleSite) page(n int, path string) article {
	return article{guid: fmt.Sprintf("tin-%d", n), title: "Đoàn doanh nghiệp Mỹ thăm Hà Nội",
		summary: "Đoàn doanh nghiệp Hoa Kỳ làm việc tại Hà Nội.", link: s.URL + path}
}

// articlePage returns testdata/pages/ban-dan.html, a news page about
// semiconductors whose feed item's title and summary do not say so.
func articlePage(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pages", "ban-dan.html"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fullTextHarness is the pipeline with the site's feed configured with
// fulltext: true, tagging semiconductor for two strong terms, storing in
// a real SQLite file and reading pages through the fetcher.
func fullTextHarness(t testing.TB, site *articleSite, edit func(*tagfeed.Config)) (*harness, tagfeed.Store, []tagfeed.Source, *clock) {
	t.Helper()
	cfg := testConfig()
	cfg.Fetch.AllowPrivate = true // the test's pages are on loopback
	cfg.Feeds = []tagfeed.FeedConfig{{URL: site.URL + "/feed", FullText: true}}
	cfg.Tags = map[string]tagfeed.TagRule{"semiconductor": {Keywords: tagfeed.Terms("bán dẫn", "vi mạch")}}
	if edit != nil {
		edit(cfg)
	}
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		t.Fatal(err)
	}
	clk := newClock()
	store := openStore(t, clk)
	h := newPipeline(cfg, store, engine, clk)
	h.ReadFullText(h.Fetcher, store)
	return h, store, ensureFeeds(t, store, site.URL+"/feed"), clk
}

// TestFullTextIsStoredAndTagged reads a summary-only feed whose items
// link to news pages: each item's content is its page's main text, and
// the item is tagged from it, which its title and summary alone are not.
func TestFullTextIsStoredAndTagged(t *testing.T) {
	site := newArticleSite(t)
	site.serveDocument("/a/1", articlePage(t), "text/html; charset=utf-8")
	site.serveDocument("/a/2", articlePage(t), "text/html; charset=utf-8")
	site.SetItems(site.page(1, "/a/1"), site.page(2, "/a/2"))
	h, store, srcs, _ := fullTextHarness(t, site, nil)

	res := h.Round(context.Background(), srcs)[0]
	if res.Err != nil || res.Counts.New != 2 {
		t.Fatalf("round: %+v, %v; want 2 new items", res.Counts, res.Err)
	}
	src, items := stored(t, store, site.URL+"/feed")
	if src.Status.Warning != "" {
		t.Errorf("warning %q, want none", src.Status.Warning)
	}
	for _, it := range items {
		if !strings.Contains(it.Content, "năm mươi nghìn kỹ sư bán dẫn") || strings.Contains(it.Content, "Quảng cáo") {
			t.Errorf("%s: content %q, want the page's article without its furniture", it.Link, it.Content)
		}
		if !strings.Contains(it.Summary, "Đoàn doanh nghiệp Hoa Kỳ làm việc tại Hà Nội.") || strings.Contains(it.Summary, "bán dẫn") {
			t.Errorf("%s: summary %q, want the feed's", it.Link, it.Summary)
		}
		if !it.HasTag("semiconductor") {
			t.Errorf("%s: tags %v, want semiconductor, from the page's text", it.Link, it.TagNames())
		}
	}
	if ua := site.LastRequest("/a/1").Header.Get("User-Agent"); ua != tagfeed.UserAgent {
		t.Errorf("page requested with User-Agent %q, want %q", ua, tagfeed.UserAgent)
	}

	// Without fulltext the same items are not tagged: the summary is too thin.
	engine, _ := tag.New(map[string]tagfeed.TagRule{"semiconductor": {Keywords: tagfeed.Terms("bán dẫn", "vi mạch")}})
	thin := tagfeed.Item{Title: items[0].Title, Summary: items[0].Summary}
	if tags := engine.Tag(&thin); len(tags) != 0 {
		t.Errorf("the feed's own text is tagged %v; the test needs it untagged", tags)
	}
}

// TestFullTextCache reads a feed three times: a page is fetched again
// only when its item changes in the feed, and then conditionally.
func TestFullTextCache(t *testing.T) {
	site := newArticleSite(t)
	site.serveDocument("/a/1", articlePage(t), "text/html; charset=utf-8")
	site.serveDocument("/a/2", articlePage(t), "text/html; charset=utf-8")
	site.serveDocument("/a/3", articlePage(t), "text/html; charset=utf-8")
	one, two := site.page(1, "/a/1"), site.page(2, "/a/2")
	site.SetItems(one, two)
	h, store, srcs, _ := fullTextHarness(t, site, nil)
	ctx := context.Background()

	first := h.Round(ctx, srcs)[0]
	if first.Err != nil || first.Counts.New != 2 {
		t.Fatalf("first round: %+v, %v", first.Counts, first.Err)
	}
	again := h.Round(ctx, []tagfeed.Source{first.Source})[0]
	if again.Err != nil || again.Counts != (tagfeed.SaveCounts{Unchanged: 2}) {
		t.Errorf("unchanged feed: %+v, %v; want both items unchanged", again.Counts, again.Err)
	}
	if site.Hits("/feed") != 2 || site.Hits("/a/1") != 1 || site.Hits("/a/2") != 1 {
		t.Errorf("hits: feed %d, pages %d and %d; want the feed read twice and each page once",
			site.Hits("/feed"), site.Hits("/a/1"), site.Hits("/a/2"))
	}

	two.summary = "Đoàn doanh nghiệp Hoa Kỳ làm việc tại Hà Nội và Bắc Ninh."
	site.SetItems(one, two, site.page(3, "/a/3"))
	third := h.Round(ctx, []tagfeed.Source{again.Source})[0]
	if third.Err != nil || third.Counts != (tagfeed.SaveCounts{New: 1, Updated: 1, Unchanged: 1}) {
		t.Errorf("changed feed: %+v, %v; want one new, one updated, one unchanged", third.Counts, third.Err)
	}
	if site.Hits("/a/1") != 1 || site.Hits("/a/2") != 2 || site.Hits("/a/3") != 1 {
		t.Errorf("page hits %d, %d, %d; want 1, 2, 1: only the changed and the new item's pages fetched",
			site.Hits("/a/1"), site.Hits("/a/2"), site.Hits("/a/3"))
	}
	if inm := site.LastRequest("/a/2").Header.Get("If-None-Match"); inm == "" {
		t.Error("the changed item's page was fetched without If-None-Match; want a conditional GET")
	}
	_, items := stored(t, store, site.URL+"/feed")
	for _, it := range items {
		if !strings.Contains(it.Content, "năm mươi nghìn kỹ sư bán dẫn") {
			t.Errorf("%s: content %q, want the page's text (from the cache after a 304)", it.Link, it.Content)
		}
	}
}

// TestFullTextFailures serves pages that cannot be read: each is a
// warning on the feed, which succeeds, and its item keeps the feed's
// summary. A failed page is not fetched again while its item is
// unchanged, until a day has passed.
func TestFullTextFailures(t *testing.T) {
	const limit = 4096
	tests := []struct {
		name    string
		handler http.HandlerFunc
		warning string
	}{
		{"a page over fetch.max_body_bytes", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><article><p>" + strings.Repeat("bán dẫn ", limit) + "</p></article></body></html>"))
		}, "exceeds 4096 bytes"},
		{"a page that is not HTML", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7 bán dẫn"))
		}, `not an HTML page (Content-Type "application/pdf")`},
		{"a missing page", http.NotFound, "404 Not Found"},
		{"a page without an article", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><nav><a href=/>Trang chủ</a></nav></body></html>"))
		}, "no main text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newArticleSite(t)
			site.mux.HandleFunc("/a/1", tt.handler)
			site.SetItems(site.page(1, "/a/1"))
			h, store, srcs, clk := fullTextHarness(t, site, func(cfg *tagfeed.Config) { cfg.Fetch.MaxBodyBytes = limit })
			ctx := context.Background()

			res := h.Round(ctx, srcs)[0]
			src, items := stored(t, store, site.URL+"/feed")
			if res.Err != nil || src.Status.Failing() || len(items) != 1 {
				t.Fatalf("round: %v, status %+v, %d items; want the feed read", res.Err, src.Status, len(items))
			}
			if w := src.Status.Warning; !strings.Contains(w, "full text: 1 of 1 pages could not be read") || !strings.Contains(w, tt.warning) {
				t.Errorf("warning %q, want it to say the page could not be read: %s", w, tt.warning)
			}
			if items[0].Content != "" || items[0].HasTag("semiconductor") {
				t.Errorf("content %q, tags %v; want the item as the feed gave it", items[0].Content, items[0].TagNames())
			}

			res = h.Round(ctx, []tagfeed.Source{res.Source})[0]
			if site.Hits("/a/1") != 1 || !strings.Contains(res.Source.Status.Warning, tt.warning) {
				t.Errorf("next round: %d page hits, warning %q; want the page not fetched again, and still warned of",
					site.Hits("/a/1"), res.Source.Status.Warning)
			}
			clk.Set(t0.Add(25 * time.Hour))
			h.Round(ctx, []tagfeed.Source{res.Source})
			if site.Hits("/a/1") != 2 {
				t.Errorf("a day later: %d page hits, want the page tried again", site.Hits("/a/1"))
			}
		})
	}
}

// publicFront answers requests for one host name in-process, as a public
// web server would, and sends the rest to the real transport, with its
// guard, as dialled.
type publicFront struct {
	host    string
	handler http.Handler
	next    http.RoundTripper
}

func (f publicFront) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Hostname() != f.host {
		return f.next.RoundTrip(req)
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// TestFullTextPrivatePages links a feed's items to private addresses
// with fetch.allow_private off: a page on the feed's own host, which the
// operator configured and so may be private, and a public page that
// redirects to a private one. Neither is fetched; each is a warning, and
// the feed is read.
func TestFullTextPrivatePages(t *testing.T) {
	tests := []struct {
		name string
		link func(site *articleSite) string
	}{
		{"a page on the configured feed's private host", func(site *articleSite) string { return site.URL + "/a/1" }},
		{"a public page that redirects to a private address", func(*articleSite) string { return "http://news.example/a/1" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newArticleSite(t)
			site.serveDocument("/a/1", articlePage(t), "text/html; charset=utf-8")
			it := site.page(1, "")
			it.link = tt.link(site)
			site.SetItems(it)
			h, store, srcs, _ := fullTextHarness(t, site, func(cfg *tagfeed.Config) { cfg.Fetch.AllowPrivate = false })
			front := publicFront{host: "news.example", handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, site.URL+r.URL.Path, http.StatusFound)
			}), next: h.Fetcher.Pages.Transport}
			h.Fetcher.Pages.Transport = front

			res := h.Round(context.Background(), srcs)[0]
			src, items := stored(t, store, site.URL+"/feed")
			if res.Err != nil || len(items) != 1 {
				t.Fatalf("round: %v, %d items; want the feed read", res.Err, len(items))
			}
			if site.Hits("/a/1") != 0 {
				t.Errorf("the private page was fetched %d times, want never", site.Hits("/a/1"))
			}
			if w := src.Status.Warning; !strings.Contains(w, fetch.ErrPrivateAddress.Error()) {
				t.Errorf("warning %q, want the private address refused", w)
			}
			if items[0].Content != "" {
				t.Errorf("content %q, want none: the page was refused", items[0].Content)
			}
		})
	}
}

// TestFullTextPerHost reads a feed of twelve items whose pages are slow
// on one host: no more than fetch.per_host of them are fetched at once.
func TestFullTextPerHost(t *testing.T) {
	const perHost, items = 2, 12
	site := newArticleSite(t)
	page := articlePage(t)
	var mu sync.Mutex
	inFlight, most := 0, 0
	site.mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond) // long enough for the others to pile up
		mu.Lock()
		inFlight--
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	var feedItems []article
	for i := range items {
		feedItems = append(feedItems, site.page(i, fmt.Sprintf("/a/%d", i)))
	}
	site.SetItems(feedItems...)
	h, store, srcs, _ := fullTextHarness(t, site, func(cfg *tagfeed.Config) { cfg.Fetch.PerHost, cfg.Fetch.Concurrency = perHost, 8 })

	if res := h.Round(context.Background(), srcs)[0]; res.Err != nil || res.Counts.New != items {
		t.Fatalf("round: %+v, %v", res.Counts, res.Err)
	}
	_, stored := stored(t, store, site.URL+"/feed")
	for _, it := range stored {
		if !strings.Contains(it.Content, "bán dẫn") {
			t.Errorf("%s: content %q, want the page's text", it.Link, it.Content)
		}
	}
	if most > perHost {
		t.Errorf("%d pages fetched at once from one host, want at most %d (fetch.per_host)", most, perHost)
	}
}
