package fetch_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestDiscover(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/rss/latest.xml", fixture(t, "rss2.xml"), "application/rss+xml")
	srv.serveDocument("/page", fixture(t, "page.html"), "text/html")
	srv.serveDocument("/nofeed", fixture(t, "nofeed.html"), "text/html")
	srv.serveDocument("/not-xml", []byte("just some text"), "text/plain")
	srv.mux.HandleFunc("/moved.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/rss/latest.xml", http.StatusMovedPermanently)
	})
	srv.mux.HandleFunc("/broken-link", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><head><link rel="alternate" type="application/atom+xml" href="/missing.atom"></head></html>`))
	})
	f := newFetcher(testConfig(), nil, nil)
	feed := srv.URL + "/rss/latest.xml"
	tests := []struct {
		name, url, want, wantErr string
	}{
		{"a feed is itself", feed, feed, ""},
		{"a moved feed is its new address", srv.URL + "/moved.xml", feed, ""},
		{"a page names its feed", srv.URL + "/page", feed, ""},
		{"a page without feeds", srv.URL + "/nofeed", "", "the page names no feed"},
		{"a page whose feed is missing", srv.URL + "/broken-link", "", "none of the feeds the page names could be read"},
		{"neither feed nor page", srv.URL + "/not-xml", "", "neither a feed nor an HTML page"},
		{"not a web address", "feeds.example/rss", "", "want an absolute http or https URL"},
		{"a server error", srv.URL + "/missing", "", "404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Fetcher.Discover(context.Background(), tt.url)
			if got != tt.want || (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Discover(%s) = %q, %v; want %q, error containing %q", tt.url, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
