package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	tagfeed "github.com/tagfeed/tagfeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedTypes are the link types that autodiscovery accepts.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true,
}

// Discover finds the feed behind pageURL, for "tagfeed feeds add". If the
// URL serves a feed, that is the answer (its new address, if it moved
// permanently). If it serves an HTML page, the first feed the page names
// with <link rel="alternate" type="application/rss+xml"> (or Atom, or JSON
// Feed) that really is a feed is the answer. Discover uses neither the
// store nor the tagger.
func (f *Fetcher) Discover(ctx context.Context, pageURL string) (string, error) {
	if resolve(nil, pageURL) == "" {
		return "", fmt.Errorf("fetch: discover %q: want an absolute http or https URL", pageURL)
	}
	// The page is the operator's: it may be private. The feeds it names
	// must be public unless they are on its host.
	ctx = trustHost(ctx, pageURL)
	r, err := f.getOnce(ctx, pageURL)
	if err != nil {
		return "", fmt.Errorf("fetch %s: %w", pageURL, err)
	}
	feedURL := pageURL
	if r.Moved {
		feedURL = r.FinalURL
	}
	_, parseErr := parse(r.Body, r.ContentType, r.FinalURL, f.cfg.Fetch.MaxItems)
	if parseErr == nil {
		return feedURL, nil
	}
	if !looksLikeHTML(bytes.TrimSpace(r.Body[:min(len(r.Body), 1024)])) {
		return "", fmt.Errorf("fetch %s: neither a feed nor an HTML page: %w", pageURL, parseErr)
	}
	links := feedLinks(r.Body, r.FinalURL)
	if len(links) == 0 {
		return "", fmt.Errorf("fetch %s: the page names no feed (no <link rel=\"alternate\"> of a feed type)", pageURL)
	}
	var errs []error
	for _, link := range links {
		lr, err := f.getOnce(ctx, link)
		if err == nil {
			_, err = parse(lr.Body, lr.ContentType, lr.FinalURL, f.cfg.Fetch.MaxItems)
		}
		if err == nil {
			return link, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", link, err))
	}
	return "", fmt.Errorf("fetch %s: none of the feeds the page names could be read: %w", pageURL, errors.Join(errs...))
}

// getOnce fetches a URL unconditionally, within the configured limits.
func (f *Fetcher) getOnce(ctx context.Context, rawURL string) (*response, error) {
	r, err := get(ctx, f.Client, rawURL, tagfeed.FetchStatus{}, f.cfg.Fetch.Timeout, f.cfg.Fetch.MaxBodyBytes, f.Now())
	if err == nil && r.Status != 200 {
		err = fmt.Errorf("unexpected status %d", r.Status)
	}
	return r, err
}

// feedLinks returns the feeds an HTML page names through autodiscovery
// links, absolute, in page order, each once.
func feedLinks(page []byte, pageURL string) []string {
	base, err := url.Parse(pageURL)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	var links []string
	seen := make(map[string]bool)
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch {
		case tt == html.ErrorToken:
			return links
		case tt != html.StartTagToken && tt != html.SelfClosingTagToken:
			continue
		}
		tok := z.Token()
		switch tok.DataAtom {
		case atom.Base:
			if href := resolve(base, attr(tok.Attr, "href")); href != "" {
				base, _ = url.Parse(href)
			}
		case atom.Link:
			rel := strings.Fields(strings.ToLower(attr(tok.Attr, "rel")))
			typ, _, _ := strings.Cut(strings.ToLower(attr(tok.Attr, "type")), ";")
			if !slices.Contains(rel, "alternate") || !feedTypes[strings.TrimSpace(typ)] {
				continue
			}
			if href := resolve(base, attr(tok.Attr, "href")); href != "" && !seen[href] {
				seen[href] = true
				links = append(links, href)
			}
		}
	}
}
