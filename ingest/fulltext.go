package ingest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed"
)

// failedPageRetry is how long a page that could not be read waits before
// it is fetched again while its item is unchanged; a changed item's page
// is fetched at once.
const failedPageRetry = 24 * time.Hour

// ReadFullText makes the pipeline give the items of the feeds configured
// with fulltext: true the main text of their pages as their content,
// read by reader and cached in cache, before they are tagged and stored.
// Call it before the first read.
func (p *Pipeline) ReadFullText(reader tagfeed.ArticleReader, cache tagfeed.ArticleStore) {
	p.articles, p.articleCache = reader, cache
}

// pages gives the items of one read of a source their pages' main text,
// when the source's feed asks for it, and gathers what could not be
// read.
type pages struct {
	p        *Pipeline
	on       bool
	links    int    // pages of the read's items
	failed   int    // of which could not be read
	first    string // why the first of those could not be
	cacheErr error  // why the cache could not be read or written
}

// pagesFor returns the full-text step of a read of src: a no-op unless
// the config asks for src's pages and ReadFullText was called.
func (p *Pipeline) pagesFor(src tagfeed.Source) *pages {
	return &pages{p: p, on: p.articles != nil && p.articleCache != nil && p.cfg.FullText(src)}
}

// read replaces the content of each item that links to a page with the
// page's main text. A page is fetched only when its item is new or
// changed since the page was cached (a different Hash, as its feed gives
// it), or when it failed more than failedPageRetry ago; otherwise the
// cached text is used. A page that cannot be read leaves its item as the
// feed gave it and is a warning on the feed (warn), not a failure. So is
// a cache that cannot be read or written: the pages are fetched again.
// The error is ctx's, when it ends.
func (pg *pages) read(ctx context.Context, items []tagfeed.Item) error {
	if !pg.on {
		return nil
	}
	now := pg.p.Now()
	hashes := make(map[string]string) // link → hash of the first item linking to it
	var links []string
	for i := range items {
		if link := items[i].Link; isWebPage(link) && hashes[link] == "" {
			hashes[link] = items[i].Hash()
			links = append(links, link)
		}
	}
	cached, err := pg.p.articleCache.Articles(ctx, links)
	if err != nil {
		pg.cacheError(ctx, err)
	}
	var stale []tagfeed.Article // the cached versions of the pages to fetch
	for _, link := range links {
		c, ok := cached[link]
		if !ok || c.ItemHash != hashes[link] || c.Error != "" && now.Sub(c.Fetched) >= failedPageRetry {
			c.URL = link
			stale = append(stale, c)
		}
	}
	fetched := pg.fetch(ctx, stale, hashes, now)
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := pg.p.articleCache.SaveArticles(ctx, fetched); err != nil {
		pg.cacheError(ctx, err)
	}
	if cached == nil {
		cached = make(map[string]tagfeed.Article, len(fetched))
	}
	for _, a := range fetched {
		cached[a.URL] = a
	}
	pg.links += len(links)
	for _, link := range links {
		if a := cached[link]; a.Error != "" {
			if pg.failed++; pg.first == "" {
				pg.first = a.Error
			}
		}
	}
	for i := range items {
		if a := cached[items[i].Link]; a.Content != "" {
			items[i].Content = a.Content
		}
	}
	return nil
}

// fetch reads the pages of stale, at most fetch.concurrency at once (the
// reader keeps to fetch.per_host), each for the item hash of its link.
// A page that cannot be read is returned with its error.
func (pg *pages) fetch(ctx context.Context, stale []tagfeed.Article, hashes map[string]string, now time.Time) []tagfeed.Article {
	out := make([]tagfeed.Article, len(stale))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(stale), max(pg.p.cfg.Fetch.Concurrency, 1)) {
		wg.Go(func() {
			for i := range next {
				prev := stale[i]
				a, err := pg.p.articles.ReadArticle(ctx, prev.URL, prev)
				if err != nil {
					a = tagfeed.Article{URL: prev.URL, Error: err.Error(), Fetched: now}
					if ctx.Err() == nil {
						pg.p.log.Warn("page not read", "url", prev.URL, "error", err.Error())
					}
				}
				a.ItemHash = hashes[prev.URL]
				out[i] = a
			}
		})
	}
	for i := range stale {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// cacheError records and logs a cache that could not be read or written.
func (pg *pages) cacheError(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	pg.p.log.Error("full-text cache failed; pages are fetched again", "error", err.Error())
	if pg.cacheErr == nil {
		pg.cacheErr = err
	}
}

// warn adds to st's warning what the read's pages could not give.
func (pg *pages) warn(st *tagfeed.FetchStatus) {
	var ws []string
	if st.Warning != "" {
		ws = append(ws, st.Warning)
	}
	if pg.failed > 0 {
		ws = append(ws, fmt.Sprintf("full text: %d of %d pages could not be read, and their items keep the feed's text; the first: %s",
			pg.failed, pg.links, pg.first))
	}
	if pg.cacheErr != nil {
		ws = append(ws, fmt.Sprintf("full text: %v", pg.cacheErr))
	}
	st.Warning = strings.Join(ws, "; ")
}

// isWebPage reports whether link is an absolute http or https URL.
func isWebPage(link string) bool {
	u, err := url.Parse(link)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
