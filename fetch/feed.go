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

// Fetch fetches one source once, now, and saves the outcome: a seed
// folder's files, or a feed's items and fetch state. It is the one code
// path that Round and Run share. A source without an id is first ensured
// in the store. A feed marked gone is not fetched.
//
// For a feed, a 304 saves only the fetch state; a 200 saves the items,
// tagged, and the feed's title and home page. Permanent redirects (301,
// 308) that end at a feed move its FetchURL there; its URL, the identity,
// stays as configured. A failure is saved in the status, named by URL and
// cause, with the next fetch put off; a 410 marks the feed gone. When the
// items cannot be saved, that is the failure, and the validators stay as
// they were so that the next fetch brings the items again.
func (f *Fetcher) Fetch(ctx context.Context, src tagfeed.Source) Result {
	start := time.Now()
	if src.ID == 0 {
		if src.Kind == "" {
			src.Kind = tagfeed.SourceFeed
		}
		ensured, err := f.store.EnsureSource(ctx, src.Kind, src.URL, f.configuredTitle(src))
		if err != nil {
			return Result{Source: src, Err: fmt.Errorf("fetch %s: %w", src.URL, err)}
		}
		src = ensured
	}
	var res Result
	if src.Kind == tagfeed.SourceSeed {
		res = f.fetchSeeds(ctx, src)
	} else {
		res = f.fetchFeed(ctx, src)
	}
	res.Took = time.Since(start)
	f.logResult(res)
	return res
}

// fetchFeed is Fetch for a live feed.
func (f *Fetcher) fetchFeed(ctx context.Context, src tagfeed.Source) Result {
	loc := src.Location()
	if src.Status.Gone {
		return Result{Source: src, Err: fmt.Errorf("fetch %s: gone (410), not fetched again", loc)}
	}
	releaseHost, releaseGlobal, err := f.acquire(ctx, loc)
	if err != nil {
		return Result{Source: src, Err: fmt.Errorf("fetch %s: %w", loc, err)}
	}
	now := f.Now()
	r, err := get(ctx, f.Client, loc, src.Status, f.cfg.Fetch.Timeout, f.cfg.Fetch.MaxBodyBytes, now)
	releaseHost()
	var feed *Feed
	if err == nil && r.Status == http.StatusOK {
		feed, err = parse(r.Body, r.ContentType, r.FinalURL)
		r.Body = nil
	}
	releaseGlobal()

	if err != nil {
		return f.fetchFailed(ctx, src, loc, r, err, now)
	}
	res := Result{Source: src}
	st := &res.Source.Status
	if r.Moved {
		res.Source.FetchURL, res.MovedTo = r.FinalURL, r.FinalURL
	}
	var items []tagfeed.Item
	warning := st.Warning // a 304 leaves it as the document it stands for left it
	if r.Status == http.StatusNotModified {
		res.NotModified = true
		st.ETag = cmp.Or(r.ETag, st.ETag)
		st.LastModified = cmp.Or(r.LastModified, st.LastModified)
		st.MinInterval = max(st.MinInterval, r.MaxAge)
	} else {
		st.ETag, st.LastModified = r.ETag, r.LastModified
		st.MinInterval = max(feed.MinInterval, r.MaxAge)
		res.Source.Title = cmp.Or(f.configuredTitle(src), feed.Title, src.Title)
		res.Source.SiteURL = cmp.Or(feed.SiteURL, src.SiteURL)
		items = f.tag(feed.Items, src.ID)
		res.Items = len(items)
		warning = strings.Join(feed.Warnings, "; ")
	}
	f.succeeded(&res.Source, r.Status, now, warning)
	res.Counts, err = f.store.SaveFetch(ctx, res.Source, items)
	if err != nil {
		// Nothing was stored, so the source goes on from its old status:
		// with the new validators the next fetch would get a 304, and the
		// items that were never stored would be lost.
		return f.fetchFailed(ctx, src, loc, r, fmt.Errorf("save: %w", err), now)
	}
	return res
}

// fetchFailed records a failed fetch of a feed: the error goes into its
// status, the next fetch is put off, and a 410 marks it gone. When ctx was
// cancelled (the program is stopping) nothing is recorded.
func (f *Fetcher) fetchFailed(ctx context.Context, src tagfeed.Source, loc string, r *response, err error, now time.Time) Result {
	res := Result{Source: src, Err: fmt.Errorf("fetch %s: %w", loc, err)}
	if ctx.Err() != nil {
		return res
	}
	status := 0
	var retry time.Duration
	var se *StatusError
	if errors.As(err, &se) {
		status, retry = se.Code, se.RetryAfter
	} else if r != nil {
		status = r.Status
	}
	f.failed(&res.Source, status, res.Err, retry, now)
	if _, saveErr := f.store.SaveFetch(ctx, res.Source, nil); saveErr != nil {
		res.Err = errors.Join(res.Err, fmt.Errorf("fetch %s: save: %w", loc, saveErr))
	}
	return res
}

// tag sets the source and the tags of each item.
func (f *Fetcher) tag(items []tagfeed.Item, sourceID int64) []tagfeed.Item {
	for i := range items {
		items[i].SourceID = sourceID
		if f.tagger != nil {
			items[i].Tags = f.tagger.Tag(&items[i])
		}
	}
	return items
}

// logResult logs what a fetch did.
func (f *Fetcher) logResult(res Result) {
	attrs := []any{"source_id", res.Source.ID, "url", res.Source.URL, "outcome", res.Outcome(), "took_ms", res.Took.Milliseconds()}
	if res.Err != nil {
		f.log.Warn("fetch failed", append(attrs, "error", res.Err.Error(), "next_fetch", res.Source.Status.NextFetch)...)
		return
	}
	f.log.Info("fetched", append(attrs, "new", res.Counts.New, "updated", res.Counts.Updated, "not_modified", res.NotModified)...)
}
