package feeds_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

// stallingStore answers Items only when the request's context ends, as a
// slow query does when its client gives up.
type stallingStore struct {
	tagfeed.Store
}

func (s stallingStore) Items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// lockedBuffer is a log a handler writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestClientGoneIsNoError drops a request while its feed is being made:
// the server logs no error for it.
func TestClientGoneIsNoError(t *testing.T) {
	d := openStore(t)
	fillStore(t, d)
	var log lockedBuffer
	srv := feeds.NewServer(testConfig(), stallingStore{Store: d}, slog.New(slog.NewTextHandler(&log, nil)))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/feeds/ai.atom", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the request was answered %d; want it dropped", resp.StatusCode)
	}
	time.Sleep(100 * time.Millisecond) // let the handler finish
	if strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("a client that went away was logged as an error:\n%s", log.String())
	}
}
