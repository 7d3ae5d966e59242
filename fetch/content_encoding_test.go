package fetch_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestUnrequestedContentEncoding: a server that compresses with an
// encoding tagfeed did not ask for gets an error naming the encoding, not
// a vague "not a feed".
func TestUnrequestedContentEncoding(t *testing.T) {
	srv := newFeedServer(t)
	srv.mux.HandleFunc("/br", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "br")
		w.Write([]byte{0x1b, 0x2f, 0x00, 0xa4})
	})
	store := openStore(t, newClock())
	res := newFetcher(testConfig(), store, nil).Round(context.Background(), ensureFeeds(t, store, srv.URL+"/br"))[0]
	if res.Err == nil || !strings.Contains(res.Err.Error(), `Content-Encoding "br"`) {
		t.Errorf("error = %v, want one naming the br encoding", res.Err)
	}
}
