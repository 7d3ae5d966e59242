package feeds

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// healthTimeout bounds the store check of /healthz.
const healthTimeout = 5 * time.Second

func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ext, ok := cutLast(file, ".")
	if !ok {
		s.fail(w, r, notFound("no feed %q: want /feeds/TOPIC.rss, .atom or .json", file))
		return
	}
	f, err := ParseFormat(ext)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := LookupTopic(s.cfg, name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := parseLimit(r.URL.Query().Get("limit"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := renderTopic(r.Context(), &buf, s.store, f, t, limit, nil, s.now); err != nil {
		s.fail(w, r, err)
		return
	}
	serve(w, r, f.ContentType(), cacheFeed, buf.Bytes())
}

func (s *Server) handleOPML(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := WriteTopicsOPML(&buf, Topics(s.cfg)); err != nil {
		s.fail(w, r, err)
		return
	}
	serve(w, r, OPMLContentType, cacheFeed, buf.Bytes())
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	idx, err := LoadIndex(r.Context(), s.cfg, s.store, LatestPerTopic)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := RenderIndex(&buf, idx); err != nil {
		s.fail(w, r, err)
		return
	}
	serve(w, r, "text/html; charset=utf-8", cachePage, buf.Bytes())
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if _, err := s.store.RulesHash(ctx); err != nil {
		s.fail(w, r, &httpError{status: http.StatusServiceUnavailable, msg: "store unavailable", err: err})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// parseLimit reads the limit query parameter: DefaultLimit when absent.
func parseLimit(v string) (int, error) {
	if v == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxLimit {
		return 0, badRequest("bad limit %q: want a whole number from 1 to %d", v, MaxLimit)
	}
	return n, nil
}

// cutLast slices s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
