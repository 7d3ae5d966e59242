package fetch_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
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

// TestMaxItems serves a feed of 1,500 items: the newest 1,000 are stored,
// and the source's status warns of the rest.
func TestMaxItems(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>many</title>`)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 1500 {
		fmt.Fprintf(&b, "<item><guid>n-%d</guid><title>Item %d</title><pubDate>%s</pubDate></item>",
			i, i, start.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	srv := newFeedServer(t)
	srv.serveDocument("/many", []byte(b.String()), "application/rss+xml")
	store := openStore(t, nil)
	res := newFetcher(testConfig(), store, nil).Round(context.Background(), ensureFeeds(t, store, srv.URL+"/many"))[0]
	src, items := stored(t, store, srv.URL+"/many")
	oldest := time.Now()
	for _, it := range items {
		if it.Published.Before(oldest) {
			oldest = it.Published
		}
	}
	if res.Err != nil || len(items) != 1000 || !oldest.Equal(start.Add(500*time.Hour)) ||
		!strings.Contains(src.Status.Warning, "newest 1000 of its 1500 items") {
		t.Errorf("%d items stored, the oldest of %v, warning %q, error %v; want the newest 1000 and a warning",
			len(items), oldest, src.Status.Warning, res.Err)
	}
}
