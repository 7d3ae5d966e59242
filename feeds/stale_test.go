package feeds_test

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
	"github.com/tagfeed/tagfeed/ingest"
)

// heldStore holds up its item reads while hold is set, sending on
// waiting when one starts to wait.
type heldStore struct {
	tagfeed.Store
	mu      sync.Mutex
	hold    chan struct{} // closed to let the reads go; nil: no hold
	waiting chan struct{} // gets a value when a read starts waiting
}

func (h *heldStore) Items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	h.mu.Lock()
	hold := h.hold
	h.mu.Unlock()
	if hold != nil {
		h.waiting <- struct{}{}
		<-hold
	}
	return h.Store.Items(ctx, sel)
}

// TestStaleAnswerWhileRendering changes the data behind a feed and holds
// up the render of its new version: a second request for the feed, while
// the first renders, gets the version before at once, and once the render
// is done the new version is what every request gets.
func TestStaleAnswerWhileRendering(t *testing.T) {
	ctx := context.Background()
	d := openStore(t)
	fillStore(t, d)
	store := &heldStore{Store: d, waiting: make(chan struct{}, 1)}
	srv := feeds.NewServer(testConfig(), store, nil)
	srv.VersionEvery = time.Hour
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	_, before := get(t, "GET", ts.URL+"/feeds/ai.rss", nil)

	src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/new", "")
	if err != nil {
		t.Fatal(err)
	}
	fresh := tagfeed.Item{Key: "new", Link: "https://example.org/new-item", Title: "Stored during the round", Tags: tags("ai")}
	if _, err := d.SaveFetch(ctx, src, []tagfeed.Item{fresh}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	srv.DataChanged()
	release := make(chan struct{})
	store.mu.Lock()
	store.hold = release
	store.mu.Unlock()

	var first, second answer
	var wg sync.WaitGroup
	wg.Go(func() { first = getAnswer(ts.URL + "/feeds/ai.rss") })
	<-store.waiting // the first request is rendering
	answered := make(chan struct{})
	wg.Go(func() {
		defer close(answered)
		second = getAnswer(ts.URL + "/feeds/ai.rss")
	})
	waited := false
	select {
	case <-answered:
	case <-time.After(2 * time.Second):
		waited = true
	}
	store.mu.Lock()
	store.hold = nil
	store.mu.Unlock()
	close(release)
	wg.Wait()

	if first.err != nil || second.err != nil {
		t.Fatalf("requests: %v, %v", first.err, second.err)
	}
	if waited {
		t.Error("the request made during the render waited for it")
	} else if second.status != 200 || second.body != before {
		t.Errorf("during the render: %d, the version before: %v; want 200 and the version before", second.status, second.body == before)
	}
	if !strings.Contains(first.body, fresh.Title) {
		t.Error("the rendering request's answer lacks the new item")
	}
	if _, after := get(t, "GET", ts.URL+"/feeds/ai.rss", nil); after != first.body {
		t.Error("after the render, a request gets another answer than the new version")
	}
}

// answer is what a GET got.
type answer struct {
	status int
	body   string
	err    error
}

// getAnswer GETs url, from any goroutine.
func getAnswer(url string) answer {
	resp, err := rawClient.Get(url)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: string(body), err: err}
}
