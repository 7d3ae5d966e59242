package db

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// TestGroupCommitConcurrent saves 100 sources at once: every save
// commits with its own counts, in fewer transactions than saves.
func TestGroupCommitConcurrent(t *testing.T) {
	d, _ := MustOpen(t)
	const n = 100
	srcs := make([]tagfeed.Source, n)
	for i := range srcs {
		srcs[i] = mustSource(t, d, fmt.Sprintf("https://feed%d.example/rss", i))
	}
	before := d.group.commits.Load()
	var wg sync.WaitGroup
	errs := make([]error, n)
	counts := make([]tagfeed.SaveCounts, n)
	for i := range srcs {
		wg.Go(func() {
			counts[i], errs[i] = d.SaveFetch(context.Background(), srcs[i],
				[]tagfeed.Item{item(fmt.Sprint("a", i), "A"), item(fmt.Sprint("b", i), "B")}, ingest.Decide)
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || counts[i].New != 2 {
			t.Errorf("source %d: counts %+v, err %v; want 2 new", i, counts[i], errs[i])
		}
	}
	if got := len(mustItems(t, d, tagfeed.Selection{})); got != 2*n {
		t.Errorf("%d items stored, want %d", got, 2*n)
	}
	commits := d.group.commits.Load() - before
	t.Logf("%d saves in %d transactions", n, commits)
	if commits < 1 || commits > n {
		t.Errorf("%d transactions for %d saves", commits, n)
	}
	checkInvariants(t, d)
}

// TestGroupCommitAtomicSaves runs three saves in one group: the one that
// fails midway is rolled back alone, and one whose context has ended does
// not run; the other commits.
func TestGroupCommitAtomicSaves(t *testing.T) {
	d, _ := MustOpen(t)
	good, bad := mustSource(t, d, "https://good.example/rss"), mustSource(t, d, "https://bad.example/rss")
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	failure := errors.New("the disk is full")
	job := func(ctx context.Context, src tagfeed.Source, key string, fail bool) *saveJob {
		batch, err := tagfeed.PrepareSave([]tagfeed.Item{item(key, key)}, storableKey)
		if err != nil {
			t.Fatal(err)
		}
		return &saveJob{ctx: ctx, done: make(chan struct{}), run: func(w *writer) (tagfeed.SaveCounts, error) {
			counts, err := w.saveBatch(d, &src, src.ID, batch, millis(d.now()), ingest.Decide)
			if err == nil && fail {
				err = failure // after its items were written
			}
			return counts, err
		}}
	}
	jobs := []*saveJob{
		job(context.Background(), bad, "half-written", true),
		job(context.Background(), good, "kept", false),
		job(ended, good, "never-run", false),
	}
	d.commitGroup(jobs)
	if !errors.Is(jobs[0].err, failure) || jobs[1].err != nil || jobs[1].counts.New != 1 || !errors.Is(jobs[2].err, context.Canceled) {
		t.Errorf("results: %v; %v %+v; %v — want the failure, one new item, and the cancellation", jobs[0].err, jobs[1].err, jobs[1].counts, jobs[2].err)
	}
	var keys []string
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		keys = append(keys, it.Key)
	}
	if len(keys) != 1 || keys[0] != "kept" {
		t.Errorf("stored %v, want only the item of the save that succeeded", keys)
	}
	for word, want := range map[string]int{"kept": 1, "half": 0} {
		var n int
		if err := d.r.QueryRow(`SELECT count(*) FROM search_exact WHERE search_exact MATCH ?`, word).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("the search index has %d items with %q, want %d", n, word, want)
		}
	}
	checkInvariants(t, d)
}

// TestStateSavesWait records 304s that come one at a time, 10 ms apart,
// as a round's do: the saves that only record fetch states wait for each
// other (here up to a second) and commit in one transaction. A save that
// stores items does not wait.
func TestStateSavesWait(t *testing.T) {
	d, _ := MustOpen(t)
	d.group.linger = time.Second
	ctx := context.Background()
	srcs := make([]tagfeed.Source, 5)
	for i := range srcs {
		srcs[i] = mustSource(t, d, fmt.Sprintf("https://feed%d.example/rss", i))
	}
	before := d.group.commits.Load()
	var wg sync.WaitGroup
	for _, src := range srcs {
		wg.Go(func() {
			if _, err := d.SaveFetch(ctx, src, nil, ingest.Decide); err != nil {
				t.Error(err)
			}
		})
		time.Sleep(10 * time.Millisecond)
	}
	wg.Wait()
	if commits := d.group.commits.Load() - before; commits != 1 {
		t.Errorf("%d fetch states saved 10 ms apart took %d transactions, want 1", len(srcs), commits)
	}
	start := time.Now()
	if _, err := d.SaveFetch(ctx, srcs[0], []tagfeed.Item{item("new", "New")}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took >= time.Second {
		t.Errorf("a save with an item took %v: it waited as a fetch state's does", took)
	}
}

// TestUnchangedRound records 100 sources' 304s at once, as a round of
// unchanged feeds does: only their states are written, in fewer
// transactions than sources, and the items' version stays.
func TestUnchangedRound(t *testing.T) {
	d, clock := MustOpen(t)
	ctx := context.Background()
	const n = 100
	srcs := make([]tagfeed.Source, n)
	for i := range srcs {
		srcs[i] = mustSource(t, d, fmt.Sprintf("https://feed%d.example/rss", i))
	}
	v0, err := d.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	before := d.group.commits.Load()
	var wg sync.WaitGroup
	for i := range srcs {
		wg.Go(func() {
			src := srcs[i]
			src.Status.LastAttempt, src.Status.NextFetch = d.now(), d.now().Add(30*time.Minute)
			if _, err := d.SaveFetch(ctx, src, nil, ingest.Decide); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	commits := d.group.commits.Load() - before
	v1, err := d.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d unchanged reads in %d transactions", n, commits)
	if commits >= n || v1.Items != v0.Items || v1.Sources == v0.Sources {
		t.Errorf("%d transactions for %d reads, items version %d → %d, sources %d → %d: want fewer transactions, the items' version kept, the sources' moved on",
			commits, n, v0.Items, v1.Items, v0.Sources, v1.Sources)
	}
	stored, err := d.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stored {
		if !s.Status.NextFetch.Equal(d.now().Add(30 * time.Minute)) {
			t.Errorf("%s: next fetch %v, want it recorded", s.URL, s.Status.NextFetch)
		}
	}
}
