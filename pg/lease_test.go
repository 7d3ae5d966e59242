package pg_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/pg"
)

// TestLeases leases 20 due feeds to four workers at once: each feed goes
// to one of them. A leased feed is not leased again until its lease runs
// out or is released, and a fetched feed waits for its next fetch.
func TestLeases(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dsn := server.Schema(t)
	s := openStore(t, dsn, pg.Options{})
	specs := make([]tagfeed.SourceSpec, 20)
	for i := range specs {
		specs[i] = tagfeed.SourceSpec{Kind: tagfeed.SourceFeed, URL: fmt.Sprintf("https://feed%d.example/rss", i)}
	}
	srcs, err := s.EnsureSources(ctx, specs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(srcs))
	for i, src := range srcs {
		ids[i] = src.ID
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	const ttl = time.Minute

	// Four workers, each in a store of its own, lease at once.
	var mu sync.Mutex
	got := map[int64]string{}
	var wg sync.WaitGroup
	for w := range 4 {
		worker := openStore(t, dsn, pg.Options{})
		owner := fmt.Sprint("worker", w)
		wg.Go(func() {
			leased, err := worker.LeaseDue(ctx, owner, ids, now, ttl, 8)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, src := range leased {
				if other, dup := got[src.ID]; dup {
					t.Errorf("feed %d leased to %s and %s", src.ID, other, owner)
				}
				got[src.ID] = owner
			}
		})
	}
	wg.Wait()
	if len(got) != 20 {
		t.Fatalf("%d feeds leased, want all 20: %v", len(got), got)
	}
	if again, err := s.LeaseDue(ctx, "late", ids, now.Add(ttl/2), ttl, 20); err != nil || len(again) != 0 {
		t.Errorf("while the leases run: leased %d (%v), want none", len(again), err)
	}

	// The workers die: their feeds go to another once the leases run out.
	after, err := s.LeaseDue(ctx, "heir", ids, now.Add(ttl), ttl, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 20 {
		t.Errorf("after the leases ran out: leased %d, want all 20", len(after))
	}

	// heir fetches one feed, saves its state and releases it: it waits for
	// its next fetch; it releases another unfetched: it is due at once.
	fetched, unfetched := after[0], after[1]
	fetched.Status.LastAttempt, fetched.Status.NextFetch = now.Add(ttl), now.Add(ttl+30*time.Minute)
	if _, err := s.SaveFetch(ctx, fetched, nil, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	if err := s.Release(ctx, "heir", []int64{fetched.ID, unfetched.ID}); err != nil {
		t.Fatal(err)
	}
	next, err := s.LeaseDue(ctx, "next", ids, now.Add(ttl+time.Second), ttl, 20)
	if err != nil {
		t.Fatal(err)
	}
	var nextIDs []int64
	for _, src := range next {
		nextIDs = append(nextIDs, src.ID)
	}
	if !slices.Equal(nextIDs, []int64{unfetched.ID}) {
		t.Errorf("after the releases: leased %v, want only the unfetched feed %d", nextIDs, unfetched.ID)
	}
}

// TestEnsureSourcesTogether: processes that start at once on a new
// database add the same sources at the same moment; each gets them.
func TestEnsureSourcesTogether(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dsn := server.Schema(t)
	openStore(t, dsn, pg.Options{}) // migrated once, before the race
	specs := make([]tagfeed.SourceSpec, 200)
	for i := range specs {
		specs[i] = tagfeed.SourceSpec{Kind: tagfeed.SourceFeed, URL: fmt.Sprintf("https://feed%d.example/rss", i)}
	}
	var wg sync.WaitGroup
	got := make([][]tagfeed.Source, 4)
	for w := range got {
		store := openStore(t, dsn, pg.Options{})
		wg.Go(func() {
			var err error
			if got[w], err = store.EnsureSources(ctx, specs); err != nil {
				t.Errorf("process %d: %v", w, err)
			}
		})
	}
	wg.Wait()
	for w := range got {
		if len(got[w]) != len(specs) || got[w][17].ID != got[0][17].ID {
			t.Errorf("process %d got %d sources, want the same %d as the others", w, len(got[w]), len(specs))
		}
	}
}

// TestStoryLead opens three stores on one database, as three fetch
// processes do: one leads story grouping at a time. The lead passes on
// when the leader closes its store, and when its connection dies, as it
// does with a SIGKILLed process.
func TestStoryLead(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dsn := server.Schema(t)
	a, b, c := openStore(t, dsn, pg.Options{}), openStore(t, dsn, pg.Options{}), openStore(t, dsn, pg.Options{})
	lead := func(who string, s *pg.Store, want bool) {
		t.Helper()
		if got, err := s.LeadStories(ctx); err != nil || got != want {
			t.Errorf("%s leads: %v, %v; want %v", who, got, err, want)
		}
	}
	lead("a", a, true)
	lead("b", b, false)
	lead("a again", a, true)

	a.Close()
	lead("b after a closed", b, true)
	lead("c", c, false)

	// b's connection dies: c takes the lead, and b no longer claims it.
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var killed int
	err = conn.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND classid = x'74667374'::int::oid
			AND objid::bigint = hashtext(current_schema())::bigint & 4294967295`).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("ending the leader's connection: %d ended, %v", killed, err)
	}
	for try := 0; ; try++ {
		if got, _ := c.LeadStories(ctx); got {
			break
		}
		if try == 50 {
			t.Fatal("c never took the lead after b's connection died")
		}
		time.Sleep(100 * time.Millisecond)
	}
	lead("b after its connection died", b, false)
}
