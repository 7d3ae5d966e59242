package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/seed"
)

// countingStore is a real store that counts the batches stored without
// the source's state.
type countingStore struct {
	tagfeed.Store
	mu      sync.Mutex
	batches int
}

func (s *countingStore) SaveItems(ctx context.Context, id int64, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	s.mu.Lock()
	s.batches++
	s.mu.Unlock()
	return s.Store.SaveItems(ctx, id, items, policy)
}

// openDB opens a new SQLite store, closed when t ends.
func openDB(t *testing.T) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "tagfeed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// writeArticles writes n article files into dir.
func writeArticles(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		text := fmt.Sprintf("Bài số %d về bán dẫn\nNội dung của bài số %d nói về chip và trí tuệ nhân tạo.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSeedFolderInBatches ingests a folder larger than a batch, then
// rescans it: unchanged files are not read again, a touched file is read
// but changes nothing, an edited one is updated, and subscribers hear of
// what changed and only that.
func TestSeedFolderInBatches(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const files = 2*seed.BatchSize + 37
	writeArticles(t, dir, files)
	d := openDB(t)
	store := &countingStore{Store: d}
	cfg := tagfeed.Default()
	reader := &seed.Reader{Fingerprints: store.Fingerprints, Interval: time.Hour}
	p := ingest.New(&cfg, store, nil, map[tagfeed.SourceKind]tagfeed.SourceReader{tagfeed.SourceSeed: reader}, nil)
	var changes []ingest.Change
	p.Subscribe(func(c ingest.Change) { changes = append(changes, c) })
	src := tagfeed.Source{Kind: tagfeed.SourceSeed, URL: dir}

	first := p.Fetch(ctx, src)
	if first.Err != nil || first.Counts.New != files || first.Items != files {
		t.Fatalf("first scan: %+v, %d read, %v; want %d new", first.Counts, first.Items, first.Err, files)
	}
	if store.batches != 2 {
		t.Errorf("%d batches stored before the last, want 2: the folder is not read in batches", store.batches)
	}

	again := p.Fetch(ctx, first.Source)
	if again.Err != nil || again.Items != 0 || again.Skipped != files || again.Counts != (tagfeed.SaveCounts{Unchanged: files}) {
		t.Errorf("rescan: %+v, %d read, %d skipped, %v; want every file skipped unread", again.Counts, again.Items, again.Skipped, again.Err)
	}

	touched := filepath.Join(dir, "0007.txt")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(touched, later, later); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "0008.txt")
	if err := os.WriteFile(edited, []byte("Bài số 8, sửa lại\nNội dung mới về năng lượng.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third := p.Fetch(ctx, again.Source)
	if third.Err != nil || third.Items != 2 || third.Counts != (tagfeed.SaveCounts{Updated: 1, Unchanged: files - 1}) {
		t.Errorf("after a touch and an edit: %+v, %d read, %v; want 2 read, 1 updated", third.Counts, third.Items, third.Err)
	}
	fourth := p.Fetch(ctx, third.Source)
	if fourth.Items != 0 {
		t.Errorf("the scan after: %d files read, want none: the touched file's new time was not remembered", fourth.Items)
	}
	if len(changes) != 2 || changes[0].Counts.New != files || changes[1].Counts.Updated != 1 {
		t.Errorf("announced %+v; want the first scan and the edit", changes)
	}
}

// panickingReader panics reading one URL and reads nothing from others.
type panickingReader struct{ bad string }

func (r panickingReader) Read(ctx context.Context, src tagfeed.Source, save func([]tagfeed.Item) error) tagfeed.Reading {
	if src.URL == r.bad {
		var m map[string]int
		m["boom"]++ // a nil map: the kind of bug a hostile document might set off
	}
	if err := save([]tagfeed.Item{{Key: "ok", Title: "fine"}}); err != nil {
		return tagfeed.Reading{Source: src, Err: err}
	}
	src.Status.LastSuccess = time.Now()
	return tagfeed.Reading{Source: src, Items: 1}
}

func (r panickingReader) Failed(src tagfeed.Source, err error) tagfeed.Source {
	src.Status.Error = err.Error()
	src.Status.Failures++
	return src
}

// TestPanicIsThatSourcesError wants a panic while reading one source to
// end as that source's error, stored in its status, while the round goes
// on with the others.
func TestPanicIsThatSourcesError(t *testing.T) {
	ctx := context.Background()
	d := openDB(t)
	cfg := tagfeed.Default()
	p := ingest.New(&cfg, d, nil, map[tagfeed.SourceKind]tagfeed.SourceReader{
		tagfeed.SourceFeed: panickingReader{bad: "https://bad.example/feed"},
	}, nil)
	var srcs []tagfeed.Source
	for _, u := range []string{"https://bad.example/feed", "https://good.example/feed"} {
		src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, u, "")
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	results := p.Round(ctx, srcs)
	if results[0].Err == nil || !strings.Contains(results[0].Err.Error(), "internal error") {
		t.Errorf("bad feed: %v, want an internal error", results[0].Err)
	}
	if results[1].Err != nil || results[1].Counts.New != 1 {
		t.Errorf("good feed: %+v, %v; want its item stored", results[1].Counts, results[1].Err)
	}
	stored, err := d.Source(ctx, srcs[0].ID)
	if err != nil || !strings.Contains(stored.Status.Error, "assignment to entry in nil map") {
		t.Errorf("the bad feed's stored status says %q, %v; want the panic", stored.Status.Error, err)
	}
}
