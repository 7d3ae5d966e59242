package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// connectTimeout bounds dialling a server; TLS handshakes get the same.
const connectTimeout = 10 * time.Second

// NewClient returns the HTTP client a Fetcher uses: timeouts for connecting,
// the TLS handshake and the response headers (the whole request is bounded by
// a context in get), gzip accepted and decompressed by the transport, at
// most cfg.MaxRedirects redirects, with loops reported as such, and no
// connection to a private address the operator did not give (guard),
// unless cfg.AllowPrivate. resolver looks up host names; nil is the
// system's.
func NewClient(cfg tagfeed.FetchConfig, resolver Resolver) *http.Client {
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	g := &guard{
		dialer:       &net.Dialer{Timeout: min(connectTimeout, cfg.Timeout), KeepAlive: 30 * time.Second},
		resolver:     resolver,
		allowPrivate: cfg.AllowPrivate,
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           g.DialContext,
		TLSHandshakeTimeout:   min(connectTimeout, cfg.Timeout),
		ResponseHeaderTimeout: cfg.Timeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   max(cfg.PerHost, 2),
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport:     transport,
		CheckRedirect: redirectPolicy(cfg.MaxRedirects),
	}
}

// redirectPolicy stops a chain of redirects that loops or runs too long.
func redirectPolicy(limit int) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		chain := make([]string, 0, len(via)+1)
		for _, r := range via {
			chain = append(chain, r.URL.String())
		}
		chain = append(chain, req.URL.String())
		for _, r := range via {
			if r.URL.String() == req.URL.String() {
				return fmt.Errorf("redirect loop: %s", strings.Join(chain, " → "))
			}
		}
		if len(via) > limit {
			return fmt.Errorf("stopped after %d redirects (fetch.max_redirects), the last to %s", limit, req.URL)
		}
		return nil
	}
}

// response is what one conditional GET brought back.
type response struct {
	Status       int
	Body         []byte // decompressed, at most the size limit; nil for a 304
	ContentType  string
	ETag         string
	LastModified string
	MaxAge       time.Duration // from Cache-Control; 0 if none
	// FinalURL is where the body came from, after any redirects.
	FinalURL string
	// Moved is set when every redirect followed was permanent (301/308),
	// so FinalURL is the feed's new address.
	Moved bool
}

// acceptFeed is the Accept header of a request for a feed.
const acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// get fetches the feed at rawURL with the validators in st. A status other
// than 200 or 304 is returned as a *StatusError. The whole exchange, body
// included, is bounded by timeout; the body by limit bytes after
// decompression.
func get(ctx context.Context, client *http.Client, rawURL string, st tagfeed.FetchStatus, timeout time.Duration, limit int64, now time.Time) (*response, error) {
	return request(ctx, client, rawURL, acceptFeed, st, timeout, limit, now)
}

// request is get for a document of any kind: accept is its Accept header.
func request(ctx context.Context, client *http.Client, rawURL, accept string, st tagfeed.FetchStatus, timeout time.Duration, limit int64, now time.Time) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", tagfeed.UserAgent)
	req.Header.Set("Accept", accept)
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, requestError(err, timeout)
	}
	defer resp.Body.Close()

	r := &response{
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		MaxAge:       maxAge(resp.Header.Get("Cache-Control")),
		FinalURL:     resp.Request.URL.String(),
		Moved:        movedPermanently(resp),
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		return r, nil
	default:
		return r, &StatusError{Code: resp.StatusCode, Status: resp.Status, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), now)}
	}
	if enc := resp.Header.Get("Content-Encoding"); !resp.Uncompressed && !readableEncoding(enc) {
		return r, fmt.Errorf("the body has Content-Encoding %q, which tagfeed did not ask for and cannot read", enc)
	}
	if r.Body, err = readBody(resp.Body, limit); err != nil {
		return r, requestError(err, timeout)
	}
	return r, nil
}

// readableEncoding reports whether readBody can read a body sent with that
// Content-Encoding: none, identity, or gzip (which it sniffs).
func readableEncoding(enc string) bool {
	return enc == "" || strings.EqualFold(enc, "identity") || strings.EqualFold(enc, "gzip") || strings.EqualFold(enc, "x-gzip")
}

// movedPermanently reports whether resp came through redirects that were
// all permanent.
func movedPermanently(resp *http.Response) bool {
	moved := false
	for r := resp.Request.Response; r != nil; r = r.Request.Response {
		if r.StatusCode != http.StatusMovedPermanently && r.StatusCode != http.StatusPermanentRedirect {
			return false
		}
		moved = true
	}
	return moved
}

// requestError rewords what the HTTP client returns: the URL is named by the
// caller, and a timeout says which limit it hit.
func requestError(err error, timeout time.Duration) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &timeoutError{limit: timeout, err: err}
	}
	return err
}

// timeoutError is a request that ran out of time.
type timeoutError struct {
	limit time.Duration
	err   error
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("timed out after %v (fetch.timeout)", e.limit)
}

func (e *timeoutError) Unwrap() error { return e.err }
