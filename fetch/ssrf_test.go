package fetch_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"testing"

	"github.com/tagfeed/tagfeed/fetch"
)

// fakeResolver resolves every name to 127.0.0.1, as a public name that an
// attacker points at an internal address would.
type fakeResolver struct{}

func (fakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
}

// TestPrivateAddressesAreRefused serves an internal feed and a public
// one that redirects to it, both on loopback, under names that resolve
// there. Only what the operator configured may be private.
func TestPrivateAddressesAreRefused(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/internal.xml", fixture(t, "rss2.xml"), "application/rss+xml")
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	internal := "http://internal.example:" + port + "/internal.xml"
	for _, code := range []int{http.StatusFound, http.StatusMovedPermanently} {
		srv.mux.HandleFunc("/redirect"+http.StatusText(code)[:4], func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, internal, code)
		})
	}
	srv.mux.HandleFunc("/same-host", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/internal.xml", http.StatusFound)
	})
	srv.mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="` + internal + `"></head></html>`))
	})
	public := "http://public.example:" + port

	tests := []struct {
		name, path   string
		allowPrivate bool
		refused      bool
	}{
		{"a 302 to an internal name", "/redirectFoun", false, true},
		{"a 301 to an internal name", "/redirectMove", false, true},
		{"a redirect that stays on the configured host", "/same-host", false, false},
		{"the configured feed itself", "/internal.xml", false, false},
		{"a 302 with fetch.allow_private", "/redirectFoun", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.Fetch.AllowPrivate = tt.allowPrivate
			store := openStore(t, nil)
			f := newFetcher(cfg, store, nil)
			f.Fetcher.Client = fetch.NewClient(cfg.Fetch, fakeResolver{})
			res := f.Round(context.Background(), ensureFeeds(t, store, public+tt.path))[0]
			src, items := stored(t, store, public+tt.path)
			if tt.refused {
				if res.Err == nil || !errors.Is(res.Err, fetch.ErrPrivateAddress) || len(items) != 0 || src.FetchURL != "" {
					t.Errorf("error %v, %d items stored, fetch URL %q; want the redirect refused and nothing stored",
						res.Err, len(items), src.FetchURL)
				}
				return
			}
			if res.Err != nil || len(items) == 0 {
				t.Errorf("error %v, %d items; want the feed read", res.Err, len(items))
			}
		})
	}

	t.Run("a page that names an internal feed", func(t *testing.T) {
		cfg := testConfig()
		f := newFetcher(cfg, nil, nil)
		f.Fetcher.Client = fetch.NewClient(cfg.Fetch, fakeResolver{})
		if feedURL, err := f.Fetcher.Discover(context.Background(), public+"/page.html"); !errors.Is(err, fetch.ErrPrivateAddress) {
			t.Errorf("Discover = %q, %v; want the internal feed refused", feedURL, err)
		}
	})
}
