package db

import (
	"context"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestArticlesCache caches articles, reads them back by URL, and
// replaces one: a page read once, then read again for a changed item.
func TestArticlesCache(t *testing.T) {
	ctx := context.Background()
	d, _ := MustOpen(t)
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	read := tagfeed.Article{URL: "https://a.example/1", ItemHash: "h1", Content: "<p>Toàn văn bài báo.</p>",
		ETag: `"v1"`, LastModified: "Sat, 01 Mar 2025 08:00:00 GMT", Fetched: at}
	failed := tagfeed.Article{URL: "https://a.example/2", ItemHash: "h2", Error: "404 Not Found", Fetched: at}
	if err := d.SaveArticles(ctx, []tagfeed.Article{read, failed}); err != nil {
		t.Fatal(err)
	}
	again := read
	again.ItemHash, again.Content, again.ETag, again.Fetched = "h1b", "<p>Bản sửa.</p>", `"v2"`, at.Add(time.Hour)
	if err := d.SaveArticles(ctx, []tagfeed.Article{again}); err != nil {
		t.Fatal(err)
	}

	got, err := d.Articles(ctx, []string{read.URL, failed.URL, "https://a.example/never"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]tagfeed.Article{again.URL: again, failed.URL: failed}
	if len(got) != len(want) {
		t.Fatalf("%d articles, want %d: %+v", len(got), len(want), got)
	}
	for url, w := range want {
		if g := got[url]; g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", url, g, w)
		}
	}
	if none, err := d.Articles(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("Articles(nil) = %v, %v; want nothing", none, err)
	}
}
