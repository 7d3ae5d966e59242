package fetch_test

import (
	"context"
	"strings"
	"testing"
)

// TestDeepNestingIsAnError serves a 10 MB feed of two million nested
// elements, under max_body_bytes: the process must live, the feed must
// fail with an error that says why, and the other feed of the round must
// be stored.
func TestDeepNestingIsAnError(t *testing.T) {
	srv := newFeedServer(t)
	deep := `<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title><item>` +
		strings.Repeat("<a>", 2_000_000) + strings.Repeat("</a>", 2_000_000) + `</item></channel></rss>`
	srv.serveDocument("/deep", []byte(deep), "application/rss+xml")
	srv.serveDocument("/good", fixture(t, "rss2.xml"), "application/rss+xml")
	store := openStore(t, nil)
	cfg := testConfig()
	cfg.Fetch.MaxBodyBytes = 16 << 20
	results := newFetcher(cfg, store, nil).Round(context.Background(), ensureFeeds(t, store, srv.URL+"/deep", srv.URL+"/good"))
	if err := results[0].Err; err == nil || !strings.Contains(err.Error(), "nest more than") {
		t.Errorf("deep feed: %v, want an error about its nesting", err)
	}
	if results[1].Err != nil || results[1].Counts.New == 0 {
		t.Errorf("good feed: %+v, %v; want its items", results[1].Counts, results[1].Err)
	}
}
