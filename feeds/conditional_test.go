package feeds_test

import (
	"cmp"
	"context"
	"github.com/tagfeed/tagfeed/ingest"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestConditionalGET is what a polling reader does: it sends back the
// validators it got, either of them, and expects a bodiless 304 until the
// feed changes.
func TestConditionalGET(t *testing.T) {
	ts, d := newTestServer(t)
	for _, path := range []string{"/feeds/ai.rss", "/feeds/all.atom", "/feeds/nic.json", "/feeds.opml", "/"} {
		t.Run(path, func(t *testing.T) {
			first, body := get(t, "GET", ts.URL+path, nil)
			etag := first.Header.Get("ETag")
			if first.StatusCode != 200 || len(etag) < 10 || etag[0] != '"' {
				t.Fatalf("first GET: %d, ETag %q; want 200 and a strong ETag", first.StatusCode, etag)
			}
			lm := first.Header.Get("Last-Modified")
			modified, err := http.ParseTime(lm)
			if err != nil {
				t.Fatalf("Last-Modified %q: %v", lm, err)
			}
			tests := []condCase{
				{"same etag", http.Header{"If-None-Match": {etag}}, 304},
				{"one of several etags", http.Header{"If-None-Match": {`"old", ` + etag}}, 304},
				{"weak form of the etag", http.Header{"If-None-Match": {"W/" + etag}}, 304},
				{"other etag", http.Header{"If-None-Match": {`"0123456789"`}}, 200},
				{"other etag, same date", http.Header{"If-None-Match": {`"0123456789"`}, "If-Modified-Since": {lm}}, 200},
				{"same date", http.Header{"If-Modified-Since": {lm}}, 304},
				{"later date", http.Header{"If-Modified-Since": {modified.Add(time.Hour).Format(http.TimeFormat)}}, 304},
				{"earlier date", http.Header{"If-Modified-Since": {modified.Add(-time.Second).Format(http.TimeFormat)}}, 200},
				{"no validators", nil, 200},
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

	// A new item changes the feed and its ETag.
	resp, _ := get(t, "GET", ts.URL+"/feeds/ai.atom", nil)
	etag := resp.Header.Get("ETag")
	src, err := d.EnsureSource(context.Background(), tagfeed.SourceFeed, "https://example.org/feed?a=1&b=2", "")
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return storeNow.Add(time.Hour) }
	fresh := tagfeed.Item{Key: "new", GUID: "https://example.org/new", Link: "https://example.org/new", Title: "Fresh AI news",
		Content: "<p>New.</p>", Tags: tags("ai")}
	if _, err := d.SaveFetch(context.Background(), src, []tagfeed.Item{fresh}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, "GET", ts.URL+"/feeds/ai.atom", http.Header{"If-None-Match": {etag}})
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag {
		t.Errorf("after a new item: %d, ETag %q (was %q); want 200 with a new ETag",
			resp.StatusCode, resp.Header.Get("ETag"), etag)
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

// TestIfModifiedSinceSeesBackdatedItems is a reader that sends back only
// the date it was given: an item that arrives dated before the feed's
// newest one changes the feed, so it must not get a 304.
func TestIfModifiedSinceSeesBackdatedItems(t *testing.T) {
	ts, d := newTestServer(t)
	first, _ := get(t, "GET", ts.URL+"/feeds/ai.rss", nil)
	since := cmp.Or(first.Header.Get("Last-Modified"), "Tue, 02 Jul 2024 00:00:00 GMT") // the feed's date
	src, err := d.EnsureSource(context.Background(), tagfeed.SourceFeed, "https://example.org/older", "")
	if err != nil {
		t.Fatal(err)
	}
	late := tagfeed.Item{Key: "late", GUID: "https://example.org/late", Link: "https://example.org/late",
		Title: "An older AI story, fetched late", Content: "<p>Old.</p>", Tags: tags("ai"),
		Published: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := d.SaveFetch(context.Background(), src, []tagfeed.Item{late}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, "GET", ts.URL+"/feeds/ai.rss", http.Header{"If-Modified-Since": {since}})
	if resp.StatusCode != 200 || !strings.Contains(body, late.Title) {
		t.Errorf("If-Modified-Since %q after a back-dated item: %d; want 200 with %q", since, resp.StatusCode, late.Title)
	}
}
