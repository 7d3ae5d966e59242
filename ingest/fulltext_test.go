package ingest_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/ingest"
)

// linkedReader reads a feed of the given items, which link to pages.
type linkedReader struct{ items []tagfeed.Item }

func (r linkedReader) Read(ctx context.Context, src tagfeed.Source, save func([]tagfeed.Item) error) tagfeed.Reading {
	items := append([]tagfeed.Item(nil), r.items...)
	if err := save(items); err != nil {
		return tagfeed.Reading{Source: src, Err: err}
	}
	return tagfeed.Reading{Source: src, Items: len(items)}
}

func (r linkedReader) Failed(src tagfeed.Source, err error) tagfeed.Source {
	src.Status.Error = err.Error()
	return src
}

// pageReader gives every page the same text and counts the reads of each.
type pageReader struct {
	mu    sync.Mutex
	reads map[string]int
}

func (r *pageReader) ReadArticle(ctx context.Context, link string, prev tagfeed.Article) (tagfeed.Article, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reads[link]++
	return tagfeed.Article{URL: link, Content: "<p>Toàn văn về bán dẫn.</p>"}, nil
}

// brokenCache is a cache whose reads and writes fail, as on a full disk.
type brokenCache struct{}

func (brokenCache) Articles(context.Context, []string) (map[string]tagfeed.Article, error) {
	return nil, errors.New("db: articles: disk I/O error")
}

func (brokenCache) SaveArticles(context.Context, []tagfeed.Article) error {
	return errors.New("db: save articles: disk I/O error")
}

// TestFullTextPolicy runs the full-text step of the pipeline with a page
// reader of its own: which items are given their pages, how often a page
// is read, and what a cache that fails does.
func TestFullTextPolicy(t *testing.T) {
	const feedURL = "https://news.example/feed"
	items := []tagfeed.Item{
		{Key: "1", Title: "Một", Link: "https://news.example/a/1"},
		{Key: "2", Title: "Hai, cùng trang", Link: "https://news.example/a/1"},
		{Key: "3", Title: "Ba, không có trang"},
		{Key: "4", Title: "Bốn, không phải trang web", Link: "mailto:toa-soan@news.example"},
	}
	tests := []struct {
		name     string
		fullText bool
		cache    func(*db.DB) tagfeed.ArticleStore
		reads    int // of the one page, over two reads of the feed
		warning  string
	}{
		{"fulltext off", false, func(d *db.DB) tagfeed.ArticleStore { return d }, 0, ""},
		{"fulltext on", true, func(d *db.DB) tagfeed.ArticleStore { return d }, 1, ""},
		{"a cache that fails", true, func(*db.DB) tagfeed.ArticleStore { return brokenCache{} }, 2, "full text: db: articles: disk I/O error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			d := openDB(t)
			cfg := tagfeed.Default()
			cfg.Feeds = []tagfeed.FeedConfig{{URL: feedURL, FullText: tt.fullText}}
			p := ingest.New(&cfg, d, nil, map[tagfeed.SourceKind]tagfeed.SourceReader{tagfeed.SourceFeed: linkedReader{items}}, nil)
			pages := &pageReader{reads: map[string]int{}}
			p.ReadFullText(pages, tt.cache(d))

			res := p.Fetch(ctx, tagfeed.Source{Kind: tagfeed.SourceFeed, URL: feedURL})
			res = p.Fetch(ctx, res.Source)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if got := pages.reads["https://news.example/a/1"]; got != tt.reads || len(pages.reads) > 1 {
				t.Errorf("pages read %v, want the one page read %d times", pages.reads, tt.reads)
			}
			if w := res.Source.Status.Warning; !strings.Contains(w, tt.warning) || tt.warning == "" && w != "" {
				t.Errorf("warning %q, want %q", w, tt.warning)
			}
			stored, err := d.Items(ctx, tagfeed.Selection{SourceID: res.Source.ID})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range stored {
				withPage := tt.fullText && strings.HasPrefix(it.Link, "https:")
				if got := it.Content != ""; got != withPage {
					t.Errorf("item %s (%s): content %q; want the page's text: %v", it.Key, it.Link, it.Content, withPage)
				}
			}
		})
	}
}
