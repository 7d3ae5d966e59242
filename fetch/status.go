package fetch

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// StatusError is an HTTP response that brought no feed: any status but 200
// and 304.
type StatusError struct {
	Code   int
	Status string // as the server sent it, such as "503 Service Unavailable"
	// RetryAfter is how long the server asked us to wait with Retry-After,
	// as 429 and 503 answers do (it is honoured on any status); 0 if it
	// did not say.
	RetryAfter time.Duration
}

// Error gives the status, and what it means for the feed: gone for good,
// or when it will be tried again.
func (e *StatusError) Error() string {
	status := e.Status
	if status == "" {
		status = fmt.Sprintf("%d %s", e.Code, http.StatusText(e.Code))
	}
	switch {
	case e.Code == http.StatusGone:
		return status + ": the feed is gone and will not be fetched again"
	case e.RetryAfter > 0:
		return fmt.Sprintf("%s (retry after %v)", status, e.RetryAfter)
	}
	return status
}

// maxRetryAfter bounds how long a Retry-After can hold a feed back, so that
// a garbled date far in the future does not stop it for good.
const maxRetryAfter = 7 * 24 * time.Hour

// retryAfter reads a Retry-After header: a number of seconds or an HTTP
// date. It returns 0 when the header is absent, invalid or in the past.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		d = time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now).Round(time.Second)
	}
	return min(max(d, 0), maxRetryAfter)
}

// maxAge reads the max-age directive of a Cache-Control header; 0 if none.
func maxAge(cacheControl string) time.Duration {
	for _, part := range strings.Split(cacheControl, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || !strings.EqualFold(name, "max-age") {
			continue
		}
		secs, err := strconv.ParseInt(strings.Trim(value, `"`), 10, 64)
		if err != nil || secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(maxMinInterval/time.Second))) * time.Second
	}
	return 0
}
