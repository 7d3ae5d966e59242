package fetch_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/fetch"
)

// dialAllTo makes every host name the fetcher asks for reach addr, so one
// loopback server can stand for many hosts.
func dialAllTo(f *fetch.Fetcher, addr string) {
	var d net.Dialer
	f.Client.Transport.(*http.Transport).DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
}

// inFlight counts the requests a handler is serving at once, per host.
type inFlight struct {
	mu          sync.Mutex
	now, peak   map[string]int
	overall     int
	overallPeak int
}

func (c *inFlight) handler(body []byte, delay time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		c.mu.Lock()
		c.now[host]++
		c.peak[host] = max(c.peak[host], c.now[host])
		c.overall++
		c.overallPeak = max(c.overallPeak, c.overall)
		c.mu.Unlock()
		time.Sleep(delay)
		w.Write(body)
		c.mu.Lock()
		c.now[host]--
		c.overall--
		c.mu.Unlock()
	}
}

func TestConcurrencyLimits(t *testing.T) {
	tests := []struct {
		name                 string
		hosts, feedsPerHost  int
		concurrency, perHost int
		wantPeakPerHost      int
		wantPeakOverall      int
	}{
		{"per host", 2, 6, 8, 2, 2, 4},
		{"global", 8, 1, 3, 2, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			count := &inFlight{now: map[string]int{}, peak: map[string]int{}}
			srv := newFeedServer(t)
			srv.mux.Handle("/", count.handler(fixture(t, "rss2.xml"), 40*time.Millisecond))
			_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
			var urls []string
			for h := range tt.hosts {
				for i := range tt.feedsPerHost {
					urls = append(urls, fmt.Sprintf("http://host%d.test:%s/feed%d", h, port, i))
				}
			}
			cfg := testConfig()
			cfg.Fetch.Concurrency, cfg.Fetch.PerHost = tt.concurrency, tt.perHost
			store := openStore(t, nil)
			f := newFetcher(cfg, store, nil)
			dialAllTo(f.Fetcher, srv.Listener.Addr().String())
			for _, res := range f.Round(context.Background(), ensureFeeds(t, store, urls...)) {
				if res.Err != nil {
					t.Fatal(res.Err)
				}
			}
			for host, peak := range count.peak {
				if peak != tt.wantPeakPerHost {
					t.Errorf("%s: %d requests at once, want %d", host, peak, tt.wantPeakPerHost)
				}
			}
			if count.overallPeak != tt.wantPeakOverall {
				t.Errorf("%d requests at once in all, want %d", count.overallPeak, tt.wantPeakOverall)
			}
		})
	}
}
