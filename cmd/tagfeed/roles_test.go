package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/pg/pgtest"
)

// TestRoles runs two "serve --role fetch" processes and a "--role web"
// one on one PostgreSQL database, with 30 feeds that each answer after
// 50 ms: the fetch processes share the feeds through leases, so each feed
// is fetched once, and the web process, which fetches nothing, serves
// what they stored.
func TestRoles(t *testing.T) {
	srv, err := pgtest.Start(context.Background())
	if errors.Is(err, pgtest.ErrUnavailable) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })

	const feeds = 30
	var mu sync.Mutex
	requests := map[string]int{}
	// The feeds answer only once both fetch processes run, so that the
	// first, which leases as many feeds as it has reads (16), cannot read
	// them all while the second starts on a busy machine.
	bothRun := make(chan struct{})
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests[r.URL.RequestURI()]++
		mu.Unlock()
		select {
		case <-bothRun:
		case <-time.After(time.Minute):
		}
		time.Sleep(50 * time.Millisecond)
		n := r.URL.Query().Get("n")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title>
<item><title>Chip news number %s</title><guid>item-%s</guid><description>Semiconductor plant %s.</description></item></channel></rss>`, n, n, n, n)
	}))
	t.Cleanup(feedSrv.Close)
	var urls []string
	for n := range feeds {
		urls = append(urls, fmt.Sprintf("%s/feed.xml?n=%d", feedSrv.URL, n))
	}
	cfg := testConfig(t, urls...)
	cfg.Database = srv.Schema(t)

	web := startMainAs(t, cfg, RoleWeb)
	fetchers := []*Main{startMainAs(t, cfg, RoleFetch), startMainAs(t, cfg, RoleFetch)}
	close(bothRun)
	waitForFeeds(t, fetchers[1])

	mu.Lock()
	for _, u := range urls {
		uri := strings.TrimPrefix(u, feedSrv.URL)
		if requests[uri] != 1 {
			t.Errorf("%s fetched %d times, want once", uri, requests[uri])
		}
	}
	mu.Unlock()
	// Both took a share: each counts the feeds it read in its metrics, once
	// the read is over (after its save).
	var reads [2]int
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		reads = [2]int{feedReads(t, fetchers[0]), feedReads(t, fetchers[1])}
		if reads[0]+reads[1] == feeds || time.Now().After(deadline) {
			break
		}
	}
	if reads[0] == 0 || reads[1] == 0 {
		t.Errorf("the fetch processes read %v feeds: want a share each", reads)
	}
	if total := reads[0] + reads[1]; total != feeds || feedReads(t, web) != 0 {
		t.Errorf("the fetch processes read %d feeds, the web one %d; want %d and none", total, feedReads(t, web), feeds)
	}

	// The web process fetched nothing, and serves the items: its cache
	// follows the database's version.
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		_, _, b := get(t, web.URL()+"/feeds/all.atom?limit=100&stories=0")
		if body = string(b); strings.Count(body, "Chip news number") == feeds {
			break
		}
	}
	if n := strings.Count(body, "Chip news number"); n != feeds {
		t.Errorf("the web process serves %d of the %d feeds' items", n, feeds)
	}
}

// feedReads returns how many reads of feeds a server's metrics count.
func feedReads(t *testing.T, m *Main) int {
	t.Helper()
	_, _, b := get(t, m.URL()+"/metrics")
	total := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, `tagfeed_fetches_total{kind="feed"`) {
			var n float64
			fmt.Sscan(line[strings.LastIndexByte(line, ' ')+1:], &n)
			total += int(n)
		}
	}
	return total
}

// TestRoleFetchNeedsLeases: on SQLite, serve --role fetch says what it
// needs instead of starting.
func TestRoleFetchNeedsLeases(t *testing.T) {
	cfg := testConfig(t)
	a := newTestApp(t, cfg)
	defer a.Close()
	m := NewMain(a, "127.0.0.1:0")
	m.Role = RoleFetch
	if err := m.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "postgres://") {
		m.Close()
		t.Errorf("serve --role fetch on SQLite: %v, want an error that says to use PostgreSQL", err)
	}
	if code, _, errOut := runCLI(t, "", "--config", writeConfig(t, cfg), "serve", "--role", "cook"); code != 2 || !strings.Contains(errOut, "want all, fetch or web") {
		t.Errorf("serve --role cook: exit %d, %q", code, errOut)
	}
}
