package feeds_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

// rawClient does not ask for gzip on its own, nor decode it: the tests see
// the bytes as sent.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

// get sends a request and returns the response with its body read.
func get(t *testing.T, method, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestRoutes(t *testing.T) {
	ts, _ := newTestServer(t)
	tests := []struct {
		name, method, path string
		status             int
		contentType        string
		body               string // a fragment of the body
	}{
		{"index", "GET", "/", 200, "text/html; charset=utf-8", `<section id="sources">`},
		{"index file", "GET", "/index.html", 200, "text/html; charset=utf-8", "<h1>Vietnam–US tech &amp; economy</h1>"},
		{"rss", "GET", "/feeds/ai.rss", 200, "application/rss+xml; charset=utf-8", "<category>ai</category>"},
		{"atom", "GET", "/feeds/semiconductor.atom", 200, "application/atom+xml; charset=utf-8", `<category term="semiconductor" label="Semiconductors">`},
		{"json", "GET", "/feeds/nic.json", 200, "application/feed+json; charset=utf-8", `"version": "https://jsonfeed.org/version/1.1"`},
		{"all", "GET", "/feeds/all.atom", 200, "application/atom+xml; charset=utf-8", "Trung tâm Đổi mới sáng tạo Quốc gia"},
		{"empty topic", "GET", "/feeds/energy.json", 200, "application/feed+json; charset=utf-8", `"items": [`},
		{"opml", "GET", "/feeds.opml", 200, "text/x-opml; charset=utf-8", `xmlUrl="http://news.example.test:8080/feeds/nic.rss"`},
		{"healthz", "GET", "/healthz", 200, "text/plain; charset=utf-8", "ok"},
		{"limit 500", "GET", "/feeds/all.rss?limit=500", 200, "application/rss+xml; charset=utf-8", "<item>"},
		{"unknown topic", "GET", "/feeds/sports.rss", 404, "text/plain; charset=utf-8", `no topic "sports"`},
		{"unknown format", "GET", "/feeds/ai.xml", 404, "text/plain; charset=utf-8", `unknown feed format "xml" (want rss, atom or json)`},
		{"no format", "GET", "/feeds/ai", 404, "text/plain; charset=utf-8", `no feed "ai": want /feeds/TOPIC.rss, .atom or .json`},
		{"format only", "GET", "/feeds/.rss", 404, "text/plain; charset=utf-8", `no topic ""`},
		{"limit word", "GET", "/feeds/ai.rss?limit=ten", 400, "text/plain; charset=utf-8", `bad limit "ten": want a whole number from 1 to 500`},
		{"limit zero", "GET", "/feeds/ai.atom?limit=0", 400, "text/plain; charset=utf-8", `bad limit "0"`},
		{"limit negative", "GET", "/feeds/ai.json?limit=-5", 400, "text/plain; charset=utf-8", `bad limit "-5"`},
		{"limit too big", "GET", "/feeds/all.rss?limit=501", 400, "text/plain; charset=utf-8", `bad limit "501"`},
		{"bad topic before bad limit", "GET", "/feeds/nope.rss?limit=x", 404, "text/plain; charset=utf-8", `no topic "nope"`},
		{"unknown path", "GET", "/feeds/ai/extra.rss", 404, "text/plain; charset=utf-8", "404 page not found"},
		{"post", "POST", "/feeds/ai.rss", 405, "text/plain; charset=utf-8", "Method Not Allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, tt.method, ts.URL+tt.path, nil)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d (body %q)", resp.StatusCode, tt.status, body)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("body lacks %q:\n%s", tt.body, body)
			}
			if resp.StatusCode >= 400 && len(body) > 200 {
				t.Errorf("error body is %d bytes, want a short text", len(body))
			}
		})
	}
}

func TestFeedLimit(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, tt := range []struct {
		query string
		want  int
	}{{"", 3}, {"?limit=1", 1}, {"?limit=2", 2}, {"?limit=50", 3}} {
		resp, body := get(t, "GET", ts.URL+"/feeds/all.json"+tt.query, nil)
		var feed struct{ Items []struct{ Title string } }
		if err := json.Unmarshal([]byte(body), &feed); err != nil || resp.StatusCode != 200 {
			t.Fatalf("all.json%s: %d %v", tt.query, resp.StatusCode, err)
		}
		if len(feed.Items) != tt.want {
			t.Errorf("all.json%s has %d items, want %d", tt.query, len(feed.Items), tt.want)
		}
		// The store dates the dateless item when it first saw it: the newest.
		for i, prefix := range []string{"A summary-only", "Nvidia", "Trung tâm"}[:len(feed.Items)] {
			if !strings.HasPrefix(feed.Items[i].Title, prefix) {
				t.Errorf("all.json%s item %d = %q, want %q… (newest first)", tt.query, i, feed.Items[i].Title, prefix)
			}
		}
	}
}

// TestHealthzWhenStoreIsGone closes the store under a running server.
func TestHealthzWhenStoreIsGone(t *testing.T) {
	ts, d := newTestServer(t)
	d.Close()
	for _, path := range []string{"/healthz", "/feeds/ai.rss", "/"} {
		resp, body := get(t, "GET", ts.URL+path, nil)
		want := 500
		if path == "/healthz" {
			want = 503
		}
		if resp.StatusCode != want || strings.Contains(body, "sql") {
			t.Errorf("%s with a closed store: %d %q, want %d and no internals", path, resp.StatusCode, body, want)
		}
	}
}

// TestEmptyFeedDate dates a feed with no items by the last change of the
// store's data, and one of a store that never changed by the server's
// clock.
func TestEmptyFeedDate(t *testing.T) {
	d := openStore(t)
	srv := feeds.NewServer(testConfig(), d, nil)
	srv.Now = func() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC) }
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	_, body := get(t, "GET", ts.URL+"/feeds/ai.atom", nil)
	if !strings.Contains(body, "<updated>2030-01-02T03:04:05Z</updated>") {
		t.Errorf("never fetched: body:\n%s\nwant the server's clock", body)
	}

	ctx := context.Background()
	d.Now = func() time.Time { return time.Date(2024, 8, 1, 12, 0, 0, 0, time.UTC) }
	if _, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/rss", ""); err != nil {
		t.Fatal(err)
	}
	srv.VersionEvery = time.Nanosecond
	_, body = get(t, "GET", ts.URL+"/feeds/ai.rss", nil)
	if !strings.Contains(body, "<lastBuildDate>Thu, 01 Aug 2024 12:00:00 +0000</lastBuildDate>") {
		t.Errorf("a source added, no items: body:\n%s\nwant the time it was added", body)
	}
}
