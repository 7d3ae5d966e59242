package fetch_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	tagfeed "github.com/tagfeed/tagfeed"
)

// flakyStore is a real store whose next SaveFetch with items fails, as a
// full disk or a locked database would make it.
type flakyStore struct {
	tagfeed.Store
	mu   sync.Mutex
	fail bool
}

func (s *flakyStore) SaveFetch(ctx context.Context, src tagfeed.Source, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	s.mu.Lock()
	fail := s.fail && len(items) > 0
	if fail {
		s.fail = false
	}
	s.mu.Unlock()
	if fail {
		return tagfeed.SaveCounts{}, errors.New("disk full")
	}
	return s.Store.SaveFetch(ctx, src, items, policy)
}

// TestFailedSaveIsRetriedUnconditionally saves a fetched feed into a store
// that fails once. The scheduler carries on with the source Fetch returns:
// it must not hold the new ETag, or the next fetch would get a 304 and the
// items that were never stored would be lost.
func TestFailedSaveIsRetriedUnconditionally(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/feed", fixture(t, "atom.xml"), "application/atom+xml")
	store := &flakyStore{Store: openStore(t, newClock()), fail: true}
	src := ensureFeeds(t, store, srv.URL+"/feed")[0]
	f := newFetcher(testConfig(), store, newClock())
	ctx := context.Background()

	first := f.Fetch(ctx, src)
	if first.Err == nil || !strings.Contains(first.Err.Error(), "disk full") || !strings.Contains(first.Err.Error(), srv.URL+"/feed") {
		t.Fatalf("first fetch: err %v, want the save error naming the feed", first.Err)
	}
	if st := first.Source.Status; st.ETag != "" || !st.Failing() || st.Failures != 0 || st.NextFetch.After(st.LastAttempt) {
		t.Errorf("after the failed save: status %+v, want no ETag, the error kept, and no backoff: the failure is ours", st)
	}
	second := f.Fetch(ctx, first.Source)
	if second.Err != nil || second.NotModified || second.Counts.New == 0 {
		t.Fatalf("second fetch: err %v, not modified %v, counts %+v; want the items stored", second.Err, second.NotModified, second.Counts)
	}
	if _, items := stored(t, store, srv.URL+"/feed"); len(items) != second.Counts.New {
		t.Errorf("%d items stored, want %d", len(items), second.Counts.New)
	}
}
