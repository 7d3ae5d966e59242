package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"go.uber.org/goleak"
)

// TestShutdownUnderLoad stops the server while readers poll it and a
// round of slow feeds is under way: the requests in flight complete, the
// round stops between transactions, the database closes cleanly with no
// item stored twice, and no goroutine is left behind.
func TestShutdownUnderLoad(t *testing.T) {
	before := goleak.IgnoreCurrent()
	feed, err := os.ReadFile("../../fetch/testdata/feeds/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	feeds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // a slow server: some feeds are still being read at the stop
		case <-time.After(time.Duration(len(r.URL.Path)%7) * 40 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	}))
	var urls []string
	for i := range 40 {
		urls = append(urls, fmt.Sprintf("%s/feed-%d%s.xml", feeds.URL, i, strings.Repeat("x", i%7)))
	}
	cfg := testConfig(t, urls...)
	a := newTestApp(t, cfg)
	m := NewMain(a, "127.0.0.1:0")
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}

	client := &http.Client{Transport: &http.Transport{}}
	var served, failed atomic.Int64
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for i := range 16 {
		readers.Go(func() {
			path := []string{"/feeds/ai.atom", "/feeds/all.rss", "/", "/topics/energy"}[i%4]
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(m.URL() + path)
				if err != nil {
					return // the listener is closed: the stop has begun
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					failed.Add(1)
					continue
				}
				served.Add(1)
			}
		})
	}
	time.Sleep(150 * time.Millisecond) // readers polling, the round under way
	if err := m.Close(); err != nil {
		t.Errorf("close under load: %v", err)
	}
	close(stop)
	readers.Wait()
	client.CloseIdleConnections()
	feeds.Close()
	if served.Load() == 0 || failed.Load() != 0 {
		t.Errorf("%d answers served, %d failed or cut off; want every answer begun to complete", served.Load(), failed.Load())
	}

	d, err := db.Open(context.Background(), cfg.Database)
	if err != nil {
		t.Fatalf("the database after the stop: %v", err)
	}
	items, err := d.Items(context.Background(), tagfeed.Selection{})
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, it := range items {
		key := fmt.Sprint(it.SourceID, it.Key)
		if seen[key] {
			t.Errorf("item %s stored twice", key)
		}
		seen[key] = true
	}
	goleak.VerifyNone(t, before)
}
