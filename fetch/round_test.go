package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// failures are the ways a feed server can misbehave, each at its own path.
// Every one must end in a clear error stored for that feed alone.
var failures = []struct {
	name, path string
	handler    http.HandlerFunc
	wantErr    string // in the result's and the stored status's error
	wantStatus int    // the stored HTTP status
}{
	{"429 with Retry-After", "/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}, "429 Too Many Requests (retry after 2m0s)", 429},
	{"500", "/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	}, "500 Internal Server Error", 500},
	{"410", "/removed", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	}, "410 Gone: the feed is gone and will not be fetched again", 410},
	{"redirect loop", "/loop-a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-b", http.StatusFound)
	}, "redirect loop: http://HOST/loop-a → http://HOST/loop-b → http://HOST/loop-a", 0},
	{"too many redirects", "/hop/0", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	}, "stopped after 5 redirects (fetch.max_redirects), the last to http://HOST/hop/6", 0},
	{"slow server", "/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}, "timed out after 500ms (fetch.timeout)", 0},
	{"body that trickles", "/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<rss version="2.0"><channel><title>`))
		for {
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
				w.Write([]byte("."))
			case <-r.Context().Done():
				return
			}
		}
	}, "timed out after 500ms (fetch.timeout)", 200},
	{"50 MiB body", "/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := bytes.Repeat([]byte("<item><title>x</title></item>\n"), 1<<10)
		w.Write([]byte(`<rss version="2.0"><channel>`))
		for sent := 0; sent < 50<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}, "body exceeds 1048576 bytes after decompression (fetch.max_body_bytes)", 200},
	{"gzip bomb", "/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBomb())
	}, "body exceeds 1048576 bytes after decompression (fetch.max_body_bytes)", 200},
	{"malformed XML", "/malformed", serveFixture("malformed.xml", "application/rss+xml"),
		"parse RSS: XML syntax error on line 7: unexpected EOF", 200},
	{"HTML page instead of a feed", "/page", serveFixture("page.html", "text/html; charset=utf-8"),
		"not a feed: got an HTML page, which names a feed at http://HOST/rss/latest.xml", 200},
	{"empty body", "/empty", func(w http.ResponseWriter, r *http.Request) {}, "not a feed: the document is empty", 200},
}

// gzipBomb is 50 MiB of zeros in about 50 KiB: fifty gzip members of
// 1 MiB each, which a gzip reader reads as one stream.
var gzipBomb = sync.OnceValue(func() []byte {
	var member bytes.Buffer
	zw := gzip.NewWriter(&member)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), 50)
})

// serveFixture answers with a file of testdata/feeds.
func serveFixture(name, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Write(data)
	}
}

func TestRoundKeepsEachFailureToItsFeed(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/good", fixture(t, "rss2.xml"), "application/rss+xml")
	srv.mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-a", http.StatusMovedPermanently)
	})
	urls := []string{srv.URL + "/good"}
	for _, f := range failures {
		srv.mux.Handle(f.path, f.handler)
		if strings.HasSuffix(f.path, "/0") {
			srv.mux.Handle(strings.TrimSuffix(f.path, "0"), f.handler)
		}
		urls = append(urls, srv.URL+f.path)
	}
	// A port nobody listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/feed"
	ln.Close()
	urls = append(urls, closed, srv.URL+"/good-too")
	srv.serveDocument("/good-too", fixture(t, "atom.xml"), "application/atom+xml")

	clk := newClock()
	store := openStore(t, clk)
	cfg := testConfig()
	cfg.Fetch.Timeout = 500 * time.Millisecond
	// A limit of 1 MiB, so that the huge bodies hit it well within the
	// timeout even under the race detector on a busy machine; the default
	// 10 MiB is tested in limit_test.go.
	cfg.Fetch.MaxBodyBytes = 1 << 20
	cfg.Fetch.PerHost = 20 // the failures share one host; let them overlap
	cfg.Fetch.Concurrency = 20
	results := newFetcher(cfg, store, clk).Round(context.Background(), ensureFeeds(t, store, urls...))

	host := strings.TrimPrefix(srv.URL, "http://")
	for i, f := range failures {
		t.Run(f.name, func(t *testing.T) {
			res := results[i+1]
			want := "fetch " + srv.URL + f.path + ": " + strings.ReplaceAll(f.wantErr, "HOST", host)
			if res.Outcome() != "error" || res.Err == nil || res.Err.Error() != want {
				t.Errorf("result %s: %v\nwant error %q", res.Outcome(), res.Err, want)
			}
			src, items := stored(t, store, srv.URL+f.path)
			if src.Status.Error != want || src.Status.HTTPStatus != f.wantStatus || src.Status.Failures != 1 {
				t.Errorf("stored status: error %q, HTTP %d, failures %d\nwant error %q, HTTP %d, failures 1",
					src.Status.Error, src.Status.HTTPStatus, src.Status.Failures, want, f.wantStatus)
			}
			if len(items) != 0 {
				t.Errorf("%d items stored for a failing feed", len(items))
			}
			if !src.Status.NextFetch.After(t0) && !src.Status.Gone {
				t.Errorf("next fetch %v is not after the attempt", src.Status.NextFetch)
			}
		})
	}
	t.Run("unreachable server", func(t *testing.T) {
		res := results[len(urls)-2]
		if res.Err == nil || !strings.Contains(res.Err.Error(), "fetch "+closed+": ") || !strings.Contains(res.Err.Error(), "connection refused") {
			t.Errorf("got %v, want a refused connection naming %s", res.Err, closed)
		}
	})
	for _, good := range []struct {
		url   string
		items int
	}{{srv.URL + "/good", 3}, {srv.URL + "/good-too", 2}} {
		src, items := stored(t, store, good.url)
		if src.Status.Failing() || len(items) != good.items {
			t.Errorf("%s: error %q, %d items; want no error, %d items", good.url, src.Status.Error, len(items), good.items)
		}
	}
	if res := results[0]; res.Outcome() != "new" || res.Counts != (tagfeed.SaveCounts{New: 3}) {
		t.Errorf("good feed: %s %+v, want new with 3 new items", res.Outcome(), res.Counts)
	}
}
