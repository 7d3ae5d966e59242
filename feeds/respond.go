package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Cache-Control values: feeds may be reused for a while; the index page,
// which shows the sources' health, is revalidated every time.
const (
	cacheFeed  = "public, max-age=300"
	cachePage  = "no-cache"
	gzipMinLen = 1024 // smaller bodies are sent as they are
)

// serve answers with body, validated by a strong ETag of its bytes:
// http.ServeContent turns If-None-Match into 304s and answers HEAD without
// the body. Clients that accept gzip get the body compressed, with an ETag
// of its own.
//
// No Last-Modified is sent. A feed's date is its newest item's, but the
// feed also changes when an item dated earlier arrives, or when an item
// loses the tag or the config changes; a reader that sent that date back in
// If-Modified-Since would get a 304 and miss the change. The ETag changes
// whenever a byte does.
func serve(w http.ResponseWriter, r *http.Request, contentType, cacheControl string, body []byte) {
	sum := sha256.Sum256(body)
	etag := hex.EncodeToString(sum[:16])
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept-Encoding")
	if len(body) >= gzipMinLen && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz, err := gzipped(body); err == nil {
			body, etag = gz, etag+"-gzip"
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func gzipped(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// httpError is an error with the status and short text a client gets.
type httpError struct {
	status int
	msg    string
	err    error // the cause, for the log
}

func (e *httpError) Error() string {
	if e.err != nil {
		return "feeds: " + e.msg + ": " + e.err.Error()
	}
	return "feeds: " + e.msg
}

func (e *httpError) Unwrap() error { return e.err }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &httpError{status: http.StatusNotFound, msg: fmt.Sprintf(format, args...), err: tagfeed.ErrNotFound}
}

// statusOf maps an error to the HTTP status and the short text the client
// sees: the one place where errors become statuses.
func statusOf(err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.Is(err, tagfeed.ErrNotFound):
		return http.StatusNotFound, strings.TrimPrefix(err.Error(), "feeds: ")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "request canceled or timed out"
	}
	return http.StatusInternalServerError, "internal server error"
}

// fail answers with the error's status and short text, and logs server-side
// failures with their cause.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := statusOf(err)
	if status >= 500 {
		s.log.Error("feeds: request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	h := w.Header()
	h.Del("ETag")
	h.Del("Content-Encoding")
	h.Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}
