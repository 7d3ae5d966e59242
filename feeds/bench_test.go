package feeds_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tagfeed/tagfeed/feeds"
)

// BenchmarkWarmFeed measures what the handler does for a feed it has in
// its cache, over a recorder rather than a connection: the server's own
// share of a warm poll, which bench/serve measures whole, kernel included.
func BenchmarkWarmFeed(b *testing.B) {
	for _, bc := range []struct{ name, path string }{
		{"topic", "/feeds/ai.atom"},
		{"combination", "/feeds/ai,energy.rss?limit=20"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			d := openStore(b)
			fillStore(b, d)
			h := feeds.NewServer(testConfig(), d, nil).Handler()
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			rec := httptest.NewRecorder()
			if h.ServeHTTP(rec, req); rec.Code != http.StatusOK {
				b.Fatalf("GET %s: %d", bc.path, rec.Code)
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", bc.path, rec.Code)
				}
			}
		})
	}
}
