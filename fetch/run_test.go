package fetch_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// seedFolder writes a seed folder with one good article and one empty file.
func seedFolder(t *testing.T) string {
	dir := t.TempDir()
	article := "Nhà máy chip mới ở Bắc Ninh\n\nMột nhà máy đóng gói chip vừa khởi công tại Bắc Ninh, với vốn đầu tư lớn.\n\nDự án dự kiến tạo hàng nghìn việc làm cho kỹ sư trong nước.\n"
	for name, text := range map[string]string{"001.txt": article, "002.txt": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRoundReadsSeedFoldersAndReportsBadFiles(t *testing.T) {
	store := openStore(t, nil)
	dir := seedFolder(t)
	src, err := store.EnsureSource(context.Background(), tagfeed.SourceSeed, dir, "Seeds")
	if err != nil {
		t.Fatal(err)
	}
	f := newFetcher(testConfig(), store, nil)
	res := f.Round(context.Background(), []tagfeed.Source{src})[0]
	if res.Err != nil || res.Counts.New != 1 || len(res.Problems) != 1 {
		t.Fatalf("seed round: err %v, counts %+v, problems %v; want 1 new item and 1 problem", res.Err, res.Counts, res.Problems)
	}
	if s := res.Summary(); !strings.HasPrefix(s, "new        "+dir+"  1 new, 1 skipped: ") || !strings.Contains(s, "002.txt") {
		t.Errorf("summary %q", s)
	}
	stored, items := stored(t, store, dir)
	if len(items) != 1 || !strings.Contains(stored.Status.Warning, "002.txt") || stored.Status.Failing() {
		t.Errorf("stored %d items, status error %q, warning %q; want 1 item, no error, and the bad file named in a warning",
			len(items), stored.Status.Error, stored.Status.Warning)
	}
	again := f.Round(context.Background(), []tagfeed.Source{stored})[0]
	if again.Counts != (tagfeed.SaveCounts{Unchanged: 1}) || again.Outcome() != "unchanged" {
		t.Errorf("second seed round: %+v %s; want 1 unchanged", again.Counts, again.Outcome())
	}
}

func TestRunFetchesEachFeedOnItsSchedule(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/feed", fixture(t, "atom.xml"), "application/atom+xml")
	srv.mux.HandleFunc("/failing", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	srv.mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	srv.serveDocument("/paused", fixture(t, "atom.xml"), "application/atom+xml")

	store := openStore(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srcs := ensureFeeds(t, store, srv.URL+"/feed", srv.URL+"/failing", srv.URL+"/gone", srv.URL+"/paused")
	// /paused failed before and asked for an hour's pause.
	srcs[3].Status = tagfeed.FetchStatus{Error: "fetch: 503", Failures: 1, NextFetch: time.Now().Add(time.Hour)}
	seed, err := store.EnsureSource(ctx, tagfeed.SourceSeed, seedFolder(t), "Seeds")
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.Fetch.Interval = 150 * time.Millisecond // below what config allows, to keep the test short
	f := newFetcher(cfg, store, nil)
	f.Now = time.Now

	done := make(chan error)
	go func() { done <- f.Run(ctx, append(srcs, seed)) }()
	time.Sleep(1 * time.Second)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}

	feed, failing, gone, paused := srv.Hits("/feed"), srv.Hits("/failing"), srv.Hits("/gone"), srv.Hits("/paused")
	if feed < 4 || feed > 8 {
		t.Errorf("/feed fetched %d times in 1s at a 150ms interval, want 4 to 8", feed)
	}
	if failing < 2 || failing >= feed {
		t.Errorf("/failing fetched %d times, want at least 2 and fewer than /feed's %d (backoff)", failing, feed)
	}
	if gone != 1 || paused != 0 {
		t.Errorf("/gone fetched %d times, /paused %d; want 1 and 0", gone, paused)
	}
	if _, items := stored(t, store, seed.URL); len(items) != 1 {
		t.Errorf("%d seed items stored, want 1", len(items))
	}
}
