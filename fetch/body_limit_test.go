package fetch_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestDefaultBodyLimit fetches a 50 MiB body and a gzip bomb with the
// default limit of 10 MiB, which applies after decompression.
func TestDefaultBodyLimit(t *testing.T) {
	srv := newFeedServer(t)
	var urls []string
	for _, f := range failures {
		if f.path == "/huge" || f.path == "/bomb" {
			srv.mux.Handle(f.path, f.handler)
			urls = append(urls, srv.URL+f.path)
		}
	}
	clk := newClock()
	store := openStore(t, clk)
	cfg := testConfig()
	cfg.Fetch.Timeout = 30 * time.Second // generous: the race detector is slow
	for i, res := range newFetcher(cfg, store, clk).Round(context.Background(), ensureFeeds(t, store, urls...)) {
		want := "fetch " + urls[i] + ": body exceeds 10485760 bytes after decompression (fetch.max_body_bytes)"
		if res.Err == nil || res.Err.Error() != want {
			t.Errorf("%s: error %v, want %q", urls[i], res.Err, want)
		}
		if src, items := stored(t, store, urls[i]); !strings.Contains(src.Status.Error, "10485760") || len(items) != 0 {
			t.Errorf("%s: stored error %q and %d items, want the limit named and no items", urls[i], src.Status.Error, len(items))
		}
	}
}
