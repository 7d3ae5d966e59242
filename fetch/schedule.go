package fetch

import (
	"math/rand/v2"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

const (
	// maxBackoff caps the wait after repeated failures.
	maxBackoff = 24 * time.Hour
	// maxMinInterval caps the least interval a feed may ask for (ttl,
	// sy:updatePeriod, Cache-Control max-age), so that no feed goes stale
	// for more than a day because it says so.
	maxMinInterval = 24 * time.Hour
	// jitterDivisor sets the jitter: up to a tenth of the wait is added.
	jitterDivisor = 10
)

// randomJitter returns a random duration in [0, limit).
func randomJitter(limit time.Duration) time.Duration {
	if limit <= 0 {
		return 0
	}
	return rand.N(limit)
}

// interval returns how often the source is fetched when all goes well.
func (f *Fetcher) interval(src tagfeed.Source) time.Duration {
	return f.cfg.IntervalOf(src)
}

// jitter adds up to a tenth of d to d.
func (f *Fetcher) jitter(d time.Duration) time.Duration {
	return d + f.Jitter(d/jitterDivisor)
}

// backoff returns the wait after the given number of consecutive failures:
// the interval, doubled for each failure after the first, capped at a day.
func backoff(interval time.Duration, failures int) time.Duration {
	d := interval
	for i := 1; i < failures && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// succeeded records a successful fetch (200 or 304) in src's status.
func (f *Fetcher) succeeded(src *tagfeed.Source, httpStatus int, now time.Time, warning string) {
	st := &src.Status
	st.LastAttempt, st.LastSuccess = now, now
	st.HTTPStatus = httpStatus
	st.Error, st.Warning = "", warning
	st.Failures = 0
	st.NextFetch = now.Add(f.jitter(f.interval(*src)))
}

// failed records a failed fetch in src's status: the error, and a next fetch put off
// by exponential backoff or by the server's Retry-After, whichever is later.
// A 410 marks the feed gone, never to be fetched again.
func (f *Fetcher) failed(src *tagfeed.Source, httpStatus int, err error, retry time.Duration, now time.Time) {
	st := &src.Status
	st.LastAttempt = now
	st.HTTPStatus = httpStatus
	st.Error = err.Error()
	st.Failures++
	if httpStatus == 410 {
		st.Gone = true
		st.NextFetch = time.Time{}
		return
	}
	wait := min(f.jitter(backoff(f.interval(*src), st.Failures)), maxBackoff)
	st.NextFetch = now.Add(max(wait, retry))
}
