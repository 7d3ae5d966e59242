package feeds_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/feeds"
)

// FuzzRequest asks the server for any path (after its first slash) with
// any query: every answer is one a client caused or the server chose
// (200, 3xx, 304, 400, 404, 405), never a 500, and no request panics.
func FuzzRequest(f *testing.F) {
	for _, seed := range []struct{ path, query string }{
		{"", ""}, {"feeds/ai.atom", "limit=5"}, {"feeds/ai+semiconductor.rss", "q=chip"},
		{"feeds/ai,energy.json", "stories=0"}, {"feeds/all.atom", "q=%22unclosed"}, {"feeds/all.atom", "limit=-1"},
		{"feeds/all.atom", "limit=99999999999999999999"}, {"feeds/all.json", "cursor=abc"}, {"feeds/all.json", "after=x"},
		{"topics/ai", "page=2"}, {"topics/ai+", ""}, {"topics/,", ""}, {"topics/ai+energy,nic", ""},
		{"items/1", ""}, {"items/0", ""}, {"items/-1", ""}, {"items/99999999999999999999", ""}, {"items/x", ""},
		{"search", "q=b%C3%A1n+d%E1%BA%ABn"}, {"search", "q="}, {"search", "q=%00"}, {"search.atom", "q=-x"},
		{"search.rss", ""}, {"feeds.opml", ""}, {"healthz", ""}, {"static/style.css", ""}, {"feeds/.atom", ""},
		{"feeds/ai", ""}, {"feeds/ai.xml", ""}, {"feeds/%ff.atom", ""}, {"topics/ai", "source=2&since=2024-01-01"},
	} {
		f.Add(seed.path, seed.query)
	}
	d := openStore(f)
	fillStore(f, d)
	srv := feeds.NewServer(testConfig(), d, nil)
	srv.Now = func() time.Time { return storeNow }
	h := srv.Handler()
	get := func(path, query string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = &url.URL{Path: "/" + path, RawQuery: query}
		req.RequestURI = req.URL.RequestURI()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	if w := get("feeds/ai.atom", "q=chip"); w.Code != http.StatusOK {
		f.Fatalf("GET /feeds/ai.atom?q=chip: %d, want 200: the fuzzing asks the server nothing", w.Code)
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		if w := get(path, query); w.Code >= http.StatusInternalServerError {
			t.Fatalf("GET /%s?%s: %d %s", path, query, w.Code, w.Body.String())
		}
	})
}
