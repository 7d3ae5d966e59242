package fetch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"

	tagfeed "github.com/tagfeed/tagfeed"
)

// acceptPage is the Accept header of a request for an item's page.
const acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

var _ tagfeed.ArticleReader = (*Fetcher)(nil)

// ReadArticle fetches the page at link and extracts its main text
// (extract) for a feed configured with fulltext: true. It is as polite
// and as careful as a feed's fetch: the same User-Agent, fetch.timeout,
// fetch.max_body_bytes and redirect limit, a slot of fetch.per_host for
// the page's host and one of fetch.concurrency. The link comes from a
// feed, not from the operator, so no host is trusted: a page on a
// private address, or a redirect to one, is refused unless
// fetch.allow_private, even on the feed's own host. When prev has
// content, the request is conditional on its validators, and a 304 gives
// prev's text back.
func (f *Fetcher) ReadArticle(ctx context.Context, link string, prev tagfeed.Article) (tagfeed.Article, error) {
	if resolve(nil, link) == "" {
		return tagfeed.Article{}, fmt.Errorf("fetch %q: not an absolute http or https URL", link)
	}
	releaseHost, releaseGlobal, err := f.acquire(ctx, link)
	if err != nil {
		return tagfeed.Article{}, fmt.Errorf("fetch %s: %w", link, err)
	}
	defer releaseGlobal()
	now := f.Now()
	var st tagfeed.FetchStatus
	if prev.Content != "" {
		st.ETag, st.LastModified = prev.ETag, prev.LastModified
	}
	r, err := request(distrust(ctx), f.Pages, link, acceptPage, st, f.cfg.Fetch.Timeout, f.cfg.Fetch.MaxBodyBytes, now)
	releaseHost()
	if err != nil {
		return tagfeed.Article{}, fmt.Errorf("fetch %s: %w", link, err)
	}
	a := tagfeed.Article{URL: link, ETag: r.ETag, LastModified: r.LastModified, Fetched: now}
	if r.Status == http.StatusNotModified {
		if prev.Content == "" {
			return tagfeed.Article{}, fmt.Errorf("fetch %s: %w", link, errUnaskedNotModified)
		}
		a.Content = prev.Content
		a.ETag, a.LastModified = cmp.Or(r.ETag, prev.ETag), cmp.Or(r.LastModified, prev.LastModified)
		return a, nil
	}
	if a.Content, err = extract(r.Body, r.ContentType, r.FinalURL); err != nil {
		return tagfeed.Article{}, fmt.Errorf("fetch %s: %w", link, err)
	}
	return a, nil
}

// errUnaskedNotModified is a 304 to a request that was not conditional.
var errUnaskedNotModified = errors.New("304 Not Modified to a request that had no validators")
