package fetch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// Read fetches a live feed once, now, and hands its items to save, in one
// batch, untagged. It returns the feed's new state: a 304 changes only the
// fetch state; a 200 gives the items and the feed's title and home page.
// Permanent redirects (301, 308) that end at a feed move its FetchURL
// there; its URL, the identity, stays as configured. A failure is
// recorded in the status, named by URL and cause, with the next fetch put
// off; a 410 marks the feed gone, and a feed marked gone is not fetched.
// When ctx ends first, the reading's error says so and the status is left
// as it was.
func (f *Fetcher) Read(ctx context.Context, src tagfeed.Source, save func([]tagfeed.Item) error) tagfeed.Reading {
	loc := src.Location()
	if src.Status.Gone {
		return tagfeed.Reading{Source: src, Err: fmt.Errorf("fetch %s: gone (410), not fetched again", loc)}
	}
	releaseHost, releaseGlobal, err := f.acquire(ctx, loc)
	if err != nil {
		return tagfeed.Reading{Source: src, Err: fmt.Errorf("fetch %s: %w", loc, err)}
	}
	now := f.Now()
	// The feed's host is the operator's: it may be private, and so may
	// its redirects that stay on it. Any other host must be public.
	r, err := get(trustHost(ctx, src.URL), f.Client, loc, src.Status, f.cfg.Fetch.Timeout, f.cfg.Fetch.MaxBodyBytes, now)
	releaseHost()
	var feed *Feed
	if err == nil && r.Status == http.StatusOK {
		feed, err = parse(r.Body, r.ContentType, r.FinalURL, f.cfg.Fetch.MaxItems)
		r.Body = nil
	}
	releaseGlobal()
	if err != nil {
		return f.readFailed(ctx, src, loc, r, err, now)
	}

	rd := tagfeed.Reading{Source: src}
	st := &rd.Source.Status
	if r.Moved {
		rd.Source.FetchURL, rd.MovedTo = r.FinalURL, r.FinalURL
	}
	warning := st.Warning // a 304 leaves it as the document it stands for left it
	if r.Status == http.StatusNotModified {
		rd.NotModified = true
		st.ETag = cmp.Or(r.ETag, st.ETag)
		st.LastModified = cmp.Or(r.LastModified, st.LastModified)
		st.MinInterval = max(st.MinInterval, r.MaxAge)
	} else {
		st.ETag, st.LastModified = r.ETag, r.LastModified
		st.MinInterval = max(feed.MinInterval, r.MaxAge)
		rd.Source.Title = cmp.Or(f.configuredTitle(src), feed.Title, src.Title)
		rd.Source.SiteURL = cmp.Or(feed.SiteURL, src.SiteURL)
		warning = strings.Join(feed.Warnings, "; ")
		rd.Items = len(feed.Items)
		if err := save(feed.Items); err != nil {
			return f.readFailed(ctx, src, loc, r, fmt.Errorf("save: %w", err), now)
		}
	}
	f.succeeded(&rd.Source, r.Status, now, warning)
	return rd
}

// Failed returns the feed's state after a fetch whose items could not be
// stored (a full disk, a busy database): the error recorded, its
// validators as they were, so that the next fetch brings the items again.
// The failure is local, not the server's: it does not count towards
// backoff, and the feed is due again at once, on the next round.
func (f *Fetcher) Failed(src tagfeed.Source, err error) tagfeed.Source {
	st := &src.Status
	st.LastAttempt = f.Now()
	st.Error = err.Error()
	st.NextFetch = st.LastAttempt
	return src
}

// readFailed is the reading of a failed fetch: the error goes into the
// status, the next fetch is put off, and a 410 marks the feed gone. When
// ctx was cancelled (the program is stopping) the status is left alone.
func (f *Fetcher) readFailed(ctx context.Context, src tagfeed.Source, loc string, r *response, err error, now time.Time) tagfeed.Reading {
	rd := tagfeed.Reading{Source: src, Err: fmt.Errorf("fetch %s: %w", loc, err)}
	if ctx.Err() != nil {
		return rd
	}
	status := 0
	var retry time.Duration
	var se *StatusError
	if errors.As(err, &se) {
		status, retry = se.Code, se.RetryAfter
	} else if r != nil {
		status = r.Status
	}
	f.failed(&rd.Source, status, rd.Err, retry, now)
	return rd
}
