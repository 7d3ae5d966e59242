package feeds_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
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

// FuzzParseOPML reads any bytes as an OPML file to import: no input
// panics, and every feed it gives has an absolute http or https URL with
// a host, listed once; a document without a feed is an error.
func FuzzParseOPML(f *testing.F) {
	files, err := filepath.Glob("testdata/opml/*")
	if err != nil || len(files) == 0 {
		f.Fatalf("no OPML fixtures: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<opml><body><outline xmlUrl="feed://x.example/a" title="A &amp;amp; B"/><outline xmlUrl="javascript:alert(1)"/></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := feeds.ParseOPML(bytes.NewReader(data))
		if err == nil && len(got) == 0 {
			t.Fatal("no feeds and no error")
		}
		seen := map[string]bool{}
		for _, fc := range got {
			u, perr := url.Parse(fc.URL)
			if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || seen[fc.URL] {
				t.Fatalf("feed URL %q: not an absolute http(s) URL listed once (%v)", fc.URL, perr)
			}
			seen[fc.URL] = true
		}
	})
}
