package tagfeed

import (
	"context"
	"time"
)

// Article is the main text of an item's web page, read for a feed
// configured with fulltext: true, as it is cached by the page's URL.
type Article struct {
	// URL is the page as the item links to it, before any redirect.
	URL string
	// ItemHash is the Hash of the item, as its feed gave it, that the
	// page was last read for: while the feed gives the item unchanged,
	// the page is not fetched again.
	ItemHash string
	// Content is the page's main text, sanitized HTML; "" when the page
	// could not be read.
	Content string
	// ETag and LastModified are the page's validators, for a
	// conditional GET.
	ETag, LastModified string
	// Fetched is when the page was last fetched.
	Fetched time.Time
	// Error is why the page could not be read; "" when it was.
	Error string
}

// ArticleReader fetches an item's web page and extracts its main text.
// fetch.Fetcher implements it.
type ArticleReader interface {
	// ReadArticle fetches the page at link, conditionally on prev's
	// validators when prev has content, and returns its main text with
	// its URL, validators and fetch time. When the page is unchanged (a
	// 304), the text is prev's.
	ReadArticle(ctx context.Context, link string, prev Article) (Article, error)
}

// ArticleStore caches articles by URL. db.DB implements it.
type ArticleStore interface {
	// Articles returns the cached articles among urls, by URL.
	Articles(ctx context.Context, urls []string) (map[string]Article, error)
	// SaveArticles caches articles, each replacing any of its URL, in
	// one transaction.
	SaveArticles(ctx context.Context, articles []Article) error
}

// FullText reports whether the config asks for the items of src to be
// given the main text of their pages (feeds[].fulltext).
func (c *Config) FullText(src Source) bool {
	for _, f := range c.Feeds {
		if f.URL == src.URL {
			return f.FullText && src.Kind != SourceSeed
		}
	}
	return false
}
