package feeds

import (
	"bytes"
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

// serve answers with body, validated by a strong ETag of its bytes and, if
// known, its modification time: http.ServeContent turns conditional
// requests into 304s and answers HEAD without the body.
func serve(w http.ResponseWriter, r *http.Request, contentType string, body []byte, modified time.Time) {
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
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
	h.Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}
