package feeds

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
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
	s.serveFeed(w, r, name, ext)
}

func (s *Server) handleSearchFeed(w http.ResponseWriter, r *http.Request) {
	_, ext, _ := cutLast(r.URL.Path, ".")
	if strings.TrimSpace(r.URL.Query().Get("q")) == "" {
		s.fail(w, r, badRequest("a search feed needs a query: /search.%s?q=…", ext))
		return
	}
	s.serveFeed(w, r, SearchTopic, ext)
}

// serveFeed answers with the feed of the named topic in the format of the
// extension ext, narrowed by the request's ?q= and ?limit=, each story
// once or not as ?stories= says. The topic is worked out only to render:
// a feed the cache holds is answered without it, and one the request
// names wrongly is never in the cache.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request, name, ext string) {
	f, err := ParseFormat(ext)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	query := r.URL.RawQuery // the render may outlive the request (see renderAWhile)
	s.cached(w, r, f.ContentType(), cacheFeed, false, func(ctx context.Context) ([]byte, error) {
		q, _ := url.ParseQuery(query) // as r.URL.Query, which drops what it cannot read
		t, limit, err := s.feedTopic(name, q)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = renderTopic(ctx, &buf, s.store, f, t, limit, s.now)
		return buf.Bytes(), err
	})
}

// feedTopic returns the topic a feed request names, narrowed by its
// query's q, limit and stories, and how many items it holds.
func (s *Server) feedTopic(name string, q url.Values) (Topic, int, error) {
	t, err := LookupTopic(s.cfg, name)
	if err != nil {
		return Topic{}, 0, err
	}
	limit, err := parseLimit(q.Get("limit"))
	if err != nil {
		return Topic{}, 0, err
	}
	t, err = t.WithQuery(q.Get("q"), limit).WithStories(q.Get("stories"), s.cfg.Stories)
	return t, limit, err
}

func (s *Server) handleOPML(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, OPMLContentType, cacheFeed, false, func(context.Context) ([]byte, error) {
		var buf bytes.Buffer
		err := WriteTopicsOPML(&buf, Topics(s.cfg))
		return buf.Bytes(), err
	})
}

func (s *Server) handleStyle(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "text/css; charset=utf-8", cacheStatic, false, func(context.Context) ([]byte, error) {
		return templateFS.ReadFile("templates/style.css")
	})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if _, err := s.store.DataVersion(ctx); err != nil {
		s.fail(w, r, &httpError{status: http.StatusServiceUnavailable, msg: "store unavailable", err: err})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
	if s.LastFetch == nil {
		return
	}
	if last := s.LastFetch(); last.IsZero() {
		fmt.Fprintln(w, "last fetch: none yet")
	} else {
		fmt.Fprintf(w, "last fetch: %s (%s ago)\n", last.UTC().Format(time.RFC3339), time.Since(last).Round(time.Second))
	}
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

// renderTopic renders the topic's items, at most limit. A feed with no
// dated item is dated by the last change of the store's data, else by
// now().
func renderTopic(ctx context.Context, buf *bytes.Buffer, store tagfeed.Store, f Format, t Topic, limit int, now func() time.Time) error {
	items, err := store.Items(ctx, t.Selection(limit))
	if err != nil {
		return fmt.Errorf("feeds: items of %s: %w", t.Name, err)
	}
	if t.Updated.IsZero() {
		if v, err := store.DataVersion(ctx); err == nil {
			t.Updated = v.Changed
		}
	}
	if t.Updated.IsZero() {
		t.Updated = now()
	}
	return newFeedDoc(t, items).write(buf, f)
}
