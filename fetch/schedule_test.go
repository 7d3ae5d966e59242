package fetch_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfterIsHonoured(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter func(now time.Time) string
		wantWait   time.Duration
		wantErr    string
	}{
		{"429 in seconds", 429, func(time.Time) string { return "7200" }, 2 * time.Hour, "429 Too Many Requests (retry after 2h0m0s)"},
		{"503 as an HTTP date", 503, func(now time.Time) string { return now.Add(3 * time.Hour).Format(http.TimeFormat) }, 3 * time.Hour, "503 Service Unavailable (retry after 3h0m0s)"},
		{"shorter than the backoff", 503, func(time.Time) string { return "60" }, 30 * time.Minute, "503 Service Unavailable (retry after 1m0s)"},
		{"unreadable", 429, func(time.Time) string { return "soon" }, 30 * time.Minute, "429 Too Many Requests"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFeedServer(t)
			srv.mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", tt.retryAfter(t0))
				w.WriteHeader(tt.status)
			})
			clk := newClock()
			store := openStore(t, clk)
			url := srv.URL + "/feed"
			newFetcher(testConfig(), store, clk).Round(context.Background(), ensureFeeds(t, store, url))
			src, _ := stored(t, store, url)
			if got := src.Status.NextFetch.Sub(t0); got != tt.wantWait {
				t.Errorf("next fetch in %v, want %v", got, tt.wantWait)
			}
			if want := "fetch " + url + ": " + tt.wantErr; src.Status.Error != want {
				t.Errorf("error %q, want %q", src.Status.Error, want)
			}
		})
	}
}

func TestServerErrorsBackOffUntilASuccess(t *testing.T) {
	var healthy atomic.Bool
	srv := newFeedServer(t)
	good := fixture(t, "rss2.xml")
	srv.mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		if !healthy.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Write(good)
	})
	url := srv.URL + "/feed"
	clk := newClock()
	store := openStore(t, clk)
	cfg := testConfig()
	cfg.Feeds = append(cfg.Feeds, feedConfig(url, 40*time.Minute))
	f := newFetcher(cfg, store, clk)
	ctx := context.Background()
	ensureFeeds(t, store, url)

	wants := []time.Duration{40 * time.Minute, 80 * time.Minute, 160 * time.Minute, 320 * time.Minute,
		640 * time.Minute, 1280 * time.Minute, 24 * time.Hour, 24 * time.Hour}
	now := t0
	for i, want := range wants {
		clk.Set(now)
		srcs, _ := store.Sources(ctx)
		f.Round(ctx, srcs)
		src, _ := stored(t, store, url)
		if got := src.Status.NextFetch.Sub(now); got != want || src.Status.Failures != i+1 {
			t.Errorf("after failure %d: next fetch in %v with %d failures, want %v with %d", i+1, got, src.Status.Failures, want, i+1)
		}
		now = src.Status.NextFetch
	}
	healthy.Store(true)
	clk.Set(now)
	srcs, _ := store.Sources(ctx)
	res := f.Round(ctx, srcs)[0]
	src, _ := stored(t, store, url)
	if res.Err != nil || src.Status.Failures != 0 || src.Status.Failing() || src.Status.NextFetch.Sub(now) != 90*time.Minute {
		t.Errorf("after recovery: err %v, failures %d, error %q, next fetch in %v; want 0 failures, next in 90m (the ttl)",
			res.Err, src.Status.Failures, src.Status.Error, src.Status.NextFetch.Sub(now))
	}
}

func TestPermanentRedirectMovesTheFeed(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		wantMoved bool
	}{
		{"301", http.StatusMovedPermanently, true},
		{"308", http.StatusPermanentRedirect, true},
		{"302 is temporary", http.StatusFound, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFeedServer(t)
			srv.mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/new", tt.status)
			})
			srv.serveDocument("/new", fixture(t, "atom.xml"), "application/atom+xml")
			oldURL, newURL := srv.URL+"/old", srv.URL+"/new"
			store := openStore(t, nil)
			f := newFetcher(testConfig(), store, nil)
			ctx := context.Background()

			res := f.Round(ctx, ensureFeeds(t, store, oldURL))[0]
			if res.Err != nil || (res.MovedTo == newURL) != tt.wantMoved {
				t.Fatalf("first round: err %v, moved to %q", res.Err, res.MovedTo)
			}
			src, _ := stored(t, store, oldURL)
			wantLoc := oldURL
			if tt.wantMoved {
				wantLoc = newURL
				if !strings.Contains(res.Summary(), "moved to "+newURL) {
					t.Errorf("summary %q does not tell of the move", res.Summary())
				}
			}
			if src.URL != oldURL || src.Location() != wantLoc {
				t.Errorf("stored URL %s, location %s; want %s, %s", src.URL, src.Location(), oldURL, wantLoc)
			}
			srcs, _ := store.Sources(ctx)
			if res := f.Round(ctx, srcs)[0]; res.Err != nil || !res.NotModified {
				t.Errorf("second round: err %v, not modified %v", res.Err, res.NotModified)
			}
			wantOldHits := 2
			if tt.wantMoved {
				wantOldHits = 1
			}
			if srv.Hits("/old") != wantOldHits || srv.Hits("/new") != 2 {
				t.Errorf("hits: /old %d, /new %d; want %d, 2", srv.Hits("/old"), srv.Hits("/new"), wantOldHits)
			}
		})
	}
}

func TestGoneFeedIsNeverFetchedAgain(t *testing.T) {
	srv := newFeedServer(t)
	srv.mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	url := srv.URL + "/feed"
	store := openStore(t, nil)
	f := newFetcher(testConfig(), store, nil)
	ctx := context.Background()
	f.Round(ctx, ensureFeeds(t, store, url))
	src, _ := stored(t, store, url)
	if !src.Status.Gone || !src.Status.NextFetch.IsZero() {
		t.Fatalf("after 410: gone %v, next fetch %v; want gone with no next fetch", src.Status.Gone, src.Status.NextFetch)
	}
	srcs, _ := store.Sources(ctx)
	res := f.Round(ctx, srcs)[0]
	if srv.Hits("/feed") != 1 {
		t.Errorf("%d requests, want 1", srv.Hits("/feed"))
	}
	if res.Outcome() != "error" || !strings.Contains(res.Summary(), "gone (410), not fetched again") {
		t.Errorf("second round reports %q", res.Summary())
	}
}
