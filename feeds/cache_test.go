package feeds_test

import (
	"context"
	"github.com/tagfeed/tagfeed/ingest"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/feeds"
)

// countingStore counts the store calls that rendering makes.
type countingStore struct {
	tagfeed.Store
	items, versions atomic.Int64
}

func (c *countingStore) Items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	c.items.Add(1)
	return c.Store.Items(ctx, sel)
}

func (c *countingStore) DataVersion(ctx context.Context) (tagfeed.DataVersion, error) {
	c.versions.Add(1)
	return c.Store.DataVersion(ctx)
}

// TestWarmRequestsRenderNothing wants a feed rendered once and then served
// as it is, with the data version read at most once per VersionEvery, until
// the data changes.
func TestWarmRequestsRenderNothing(t *testing.T) {
	d := openStore(t)
	fillStore(t, d)
	store := &countingStore{Store: d}
	srv := feeds.NewServer(testConfig(), store, nil)
	srv.VersionEvery = time.Hour
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	for _, path := range []string{"/feeds/ai.atom", "/", "/topics/ai"} {
		store.items.Store(0)
		first, body := get(t, "GET", ts.URL+path, nil)
		rendered := store.items.Load()
		for range 20 {
			resp, again := get(t, "GET", ts.URL+path, http.Header{"Accept-Encoding": {"gzip"}})
			if resp.StatusCode != 200 || (resp.Header.Get("Content-Encoding") == "" && again != body) {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			get(t, "GET", ts.URL+path, http.Header{"If-None-Match": {first.Header.Get("ETag")}})
		}
		if n := store.items.Load(); n != rendered || rendered == 0 {
			t.Errorf("%s: %d item reads for 41 requests, want the %d of the first", path, n, rendered)
		}
	}
	if n := store.versions.Load(); n > 2 {
		t.Errorf("the data version was read %d times within VersionEvery, want at most 2", n)
	}
}

// TestAnotherProcessInvalidates writes through a second handle on the
// database, as a "tagfeed fetch" run by cron does beside "tagfeed serve":
// within VersionEvery, the served feed has the new item.
func TestAnotherProcessInvalidates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tagfeed.db")
	ctx := context.Background()
	serving, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer serving.Close()
	fillStore(t, serving)
	srv := feeds.NewServer(testConfig(), serving, nil)
	srv.VersionEvery = 50 * time.Millisecond
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	first, _ := get(t, "GET", ts.URL+"/feeds/ai.rss", nil)

	cron, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fresh := storeAIItem(t, cron, "cron", "Fetched by cron")
	cron.Close()

	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, body := get(t, "GET", ts.URL+"/feeds/ai.rss", http.Header{"If-None-Match": {first.Header.Get("ETag")}})
		if resp.StatusCode == 200 && strings.Contains(body, fresh.Title) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after another process saved an item: %d, and the feed lacks it", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSecurityHeaders wants every answer, errors and the health check
// included, to carry the headers that keep pages from being framed,
// sniffed or running scripts.
func TestSecurityHeaders(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, path := range []string{"/", "/feeds/ai.atom", "/topics/ai", "/items/1", "/search?q=chip", "/feeds.opml",
		"/static/style.css", "/healthz", "/feeds/nope.atom", "/nope"} {
		resp, _ := get(t, "GET", ts.URL+path, nil)
		for header, want := range map[string]string{
			"Content-Security-Policy": "default-src 'none'; style-src 'self';",
			"X-Frame-Options":         "DENY",
			"Referrer-Policy":         "no-referrer",
			"X-Content-Type-Options":  "nosniff",
		} {
			if got := resp.Header.Get(header); !strings.HasPrefix(got, want) {
				t.Errorf("%s (%d): %s = %q, want %q", path, resp.StatusCode, header, got, want)
			}
		}
		if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: the policy allows scripts or inline styles: %q", path, csp)
		}
	}
}

// TestBaseURLFromListener wants feeds and OPML to link to where the server
// listens when the config names no base URL.
func TestBaseURLFromListener(t *testing.T) {
	d := openStore(t)
	fillStore(t, d)
	cfg := testConfig()
	cfg.BaseURL = ""
	srv := feeds.NewServer(cfg, d, nil)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	srv.SetBaseURL(ts.URL)
	for path, link := range map[string]string{"/feeds/nic.atom": "/feeds/nic.atom", "/feeds.opml": "/feeds/nic.rss"} {
		if _, body := get(t, "GET", ts.URL+path, nil); !strings.Contains(body, ts.URL+link) {
			t.Errorf("%s does not link to %s:\n%s", path, ts.URL+link, body)
		}
	}
}

// TestDataChangedShowsAtOnce saves an item the way the ingest pipeline
// does and announces it: the next answer has it, however long
// VersionEvery is.
func TestDataChangedShowsAtOnce(t *testing.T) {
	ctx := context.Background()
	d := openStore(t)
	fillStore(t, d)
	srv := feeds.NewServer(testConfig(), d, nil)
	srv.VersionEvery = time.Hour
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	get(t, "GET", ts.URL+"/feeds/ai.rss", nil)

	src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/announced", "")
	if err != nil {
		t.Fatal(err)
	}
	fresh := tagfeed.Item{Key: "announced", Link: "https://example.org/announced-item", Title: "Announced by the pipeline", Tags: tags("ai")}
	if _, err := d.SaveFetch(ctx, src, []tagfeed.Item{fresh}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, "GET", ts.URL+"/feeds/ai.rss", nil); strings.Contains(body, fresh.Title) {
		t.Fatal("the item shows before any announcement: the test proves nothing")
	}
	srv.DataChanged()
	if _, body := get(t, "GET", ts.URL+"/feeds/ai.rss", nil); !strings.Contains(body, fresh.Title) {
		t.Error("after DataChanged the feed lacks the new item")
	}
}

// TestRenderEvery changes the data behind a feed right after its render:
// within RenderEvery the answer stands, with no render, and after it the
// next request gets the new item.
func TestRenderEvery(t *testing.T) {
	d := openStore(t)
	fillStore(t, d)
	store := &countingStore{Store: d}
	srv := feeds.NewServer(testConfig(), store, nil)
	srv.RenderEvery = 300 * time.Millisecond
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	_, before := get(t, "GET", ts.URL+"/feeds/ai.rss", nil)
	rendered := time.Now()

	fresh := storeAIItem(t, d, "new", "Stored just after a render")
	srv.DataChanged()
	reads := store.items.Load()
	_, soon := get(t, "GET", ts.URL+"/feeds/ai.rss", nil)
	if time.Since(rendered) < srv.RenderEvery && (soon != before || store.items.Load() != reads) {
		t.Errorf("within RenderEvery: the same answer %v, item reads %d more; want the same answer and none",
			soon == before, store.items.Load()-reads)
	}
	time.Sleep(time.Until(rendered.Add(srv.RenderEvery)))
	if _, later := get(t, "GET", ts.URL+"/feeds/ai.rss", nil); !strings.Contains(later, fresh.Title) {
		t.Error("after RenderEvery, the feed still lacks the new item")
	}
}
