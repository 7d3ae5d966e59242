package feeds_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestConditionalGET is what a polling reader does: it sends back the
// validators it got and expects 304 until the feed changes.
func TestConditionalGET(t *testing.T) {
	ts, d := newTestServer(t)
	for _, path := range []string{"/feeds/ai.rss", "/feeds/all.atom", "/feeds/nic.json", "/feeds.opml", "/"} {
		t.Run(path, func(t *testing.T) {
			first, body := get(t, "GET", ts.URL+path, nil)
			etag := first.Header.Get("ETag")
			if first.StatusCode != 200 || len(etag) < 10 || etag[0] != '"' {
				t.Fatalf("first GET: %d, ETag %q; want 200 and a strong ETag", first.StatusCode, etag)
			}
			tests := []condCase{
				{"same etag", http.Header{"If-None-Match": {etag}}, 304},
				{"one of several etags", http.Header{"If-None-Match": {`"old", ` + etag}}, 304},
				{"other etag", http.Header{"If-None-Match": {`"0123456789"`}}, 200},
				{"no validators", nil, 200},
			}
			if lm := first.Header.Get("Last-Modified"); lm != "" {
				tests = append(tests,
					condCase{"same date", http.Header{"If-Modified-Since": {lm}}, 304},
					condCase{"older date", http.Header{"If-Modified-Since": {"Mon, 01 Jan 2001 00:00:00 GMT"}}, 200})
			}
			for _, tt := range tests {
				resp, got := get(t, "GET", ts.URL+path, tt.header)
				if resp.StatusCode != tt.status {
					t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
				}
				if tt.status == 304 && got != "" {
					t.Errorf("%s: 304 with a body of %d bytes", tt.name, len(got))
				}
				if tt.status == 200 && got != body {
					t.Errorf("%s: body differs from the first GET's", tt.name)
				}
			}
		})
	}

	// A new item changes the feed, its ETag and its date.
	resp, _ := get(t, "GET", ts.URL+"/feeds/ai.atom", nil)
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if modified != "Tue, 02 Jul 2024 00:00:00 GMT" {
		t.Errorf("Last-Modified = %q, want the newest item's date", modified)
	}
	src, err := d.EnsureSource(context.Background(), tagfeed.SourceFeed, "https://example.org/feed?a=1&b=2", "")
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return storeNow.Add(time.Hour) }
	fresh := tagfeed.Item{Key: "new", GUID: "https://example.org/new", Link: "https://example.org/new", Title: "Fresh AI news",
		Content: "<p>New.</p>", Tags: tags("ai")}
	if _, err := d.SaveFetch(context.Background(), src, []tagfeed.Item{fresh}); err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, "GET", ts.URL+"/feeds/ai.atom", http.Header{"If-None-Match": {etag}})
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag || resp.Header.Get("Last-Modified") != "Tue, 02 Jul 2024 01:00:00 GMT" {
		t.Errorf("after a new item: %d, ETag %q (was %q), Last-Modified %q; want 200 with new validators",
			resp.StatusCode, resp.Header.Get("ETag"), etag, resp.Header.Get("Last-Modified"))
	}
	if want := "Fresh AI news"; !strings.Contains(body, want) {
		t.Errorf("the feed lacks the new item %q", want)
	}
}

// TestHEAD wants the headers of GET and no body.
func TestHEAD(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, path := range []string{"/", "/feeds/all.rss", "/feeds/ai.atom", "/feeds/nic.json", "/feeds.opml", "/healthz", "/feeds/nope.rss"} {
		g, body := get(t, "GET", ts.URL+path, nil)
		h, headBody := get(t, "HEAD", ts.URL+path, nil)
		if h.StatusCode != g.StatusCode || headBody != "" {
			t.Errorf("HEAD %s: %d with %d bytes, want %d and no body", path, h.StatusCode, len(headBody), g.StatusCode)
		}
		for _, k := range []string{"Content-Type", "ETag", "Last-Modified"} {
			if h.Header.Get(k) != g.Header.Get(k) {
				t.Errorf("HEAD %s: %s = %q, GET gave %q", path, k, h.Header.Get(k), g.Header.Get(k))
			}
		}
		if g.StatusCode == 200 && path != "/healthz" && h.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("HEAD %s: Content-Length = %q, want %d", path, h.Header.Get("Content-Length"), len(body))
		}
	}
}

// condCase is a conditional request and the status it should get.
type condCase struct {
	name   string
	header http.Header
	status int
}
