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

// freshTitle is the title of the item changeHeld stores.
const freshTitle = "Stored during the round"

// changeHeld serves a filled store with a RenderWait, gets /feeds/ai.rss
// (before), stores a new ai item and then holds up the store's item reads
// until release is closed: the next render of the feed waits.
func changeHeld(t *testing.T, renderWait time.Duration) (ts *httptest.Server, store *heldStore, before string, release chan struct{}) {
	t.Helper()
	d := openStore(t)
	fillStore(t, d)
	store = &heldStore{Store: d, waiting: make(chan struct{}, 1)}
	srv := feeds.NewServer(testConfig(), store, nil)
	srv.VersionEvery = time.Hour
	srv.RenderWait = renderWait
	ts = httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	_, before = get(t, "GET", ts.URL+"/feeds/ai.rss", nil)

	storeAIItem(t, d, "new", freshTitle)
	srv.DataChanged()
	release = make(chan struct{})
	store.mu.Lock()
	store.hold = release
	store.mu.Unlock()
	return ts, store, before, release
}

// TestStaleAnswerWhileRendering changes the data behind a feed and holds
// up the render of its new version: a second request for the feed, while
// the first renders, gets the version before at once, and once the render
// is done the new version is what every request gets.
func TestStaleAnswerWhileRendering(t *testing.T) {
	ts, store, before, release := changeHeld(t, 0)

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
	if !strings.Contains(first.body, freshTitle) {
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

// TestRenderWaitAnswersTheVersionBefore holds up the render of a feed's
// new version past RenderWait: the request that renders it gets the
// version before once RenderWait is up, the render goes on without it,
// and the next request gets the new version.
func TestRenderWaitAnswersTheVersionBefore(t *testing.T) {
	const renderWait = 50 * time.Millisecond
	ts, store, before, release := changeHeld(t, renderWait)

	start := time.Now()
	answered := make(chan answer, 1)
	go func() { answered <- getAnswer(ts.URL + "/feeds/ai.rss") }()
	var first answer
	select {
	case first = <-answered:
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatal("the rendering request waited for the held render, past RenderWait")
	}
	took := time.Since(start)
	<-store.waiting // the render started, and is still held
	if first.err != nil || first.status != 200 || first.body != before {
		t.Fatalf("while the render is held: %d %v, the version before: %v; want 200 and the version before", first.status, first.err, first.body == before)
	}
	if took < renderWait {
		t.Errorf("answered after %v, before RenderWait (%v) was up", took, renderWait)
	}
	store.mu.Lock()
	store.hold = nil
	store.mu.Unlock()
	close(release)

	deadline := time.Now().Add(5 * time.Second)
	for {
		after := getAnswer(ts.URL + "/feeds/ai.rss")
		if strings.Contains(after.body, freshTitle) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the render that went on without its request never reached the cache")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
