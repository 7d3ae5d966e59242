// Package storetest is the conformance suite of tagfeed's stores: the
// tests that any implementation of tagfeed.Store (with
// tagfeed.StoryStore and tagfeed.ArticleStore) must pass, whatever
// engine it keeps its data in. Package db runs it against SQLite and
// package pg against PostgreSQL:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, storetest.Opener{Open: …, Reopen: …})
//	}
//
// The suite stores items as the ingest pipeline does, with ingest.Decide
// as the policy, and searches them with package tag's forms, so that what
// it checks is what tagfeed does.
package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/tag"
)

// Store is what the suite tests.
type Store interface {
	tagfeed.Store
	tagfeed.StoryStore
	tagfeed.ArticleStore
}

// Env is how the suite asks for a store to be set up.
type Env struct {
	// Now is the store's clock.
	Now func() time.Time
	// SearchForms and SearchVersion are the forms the store indexes and
	// searches text in.
	SearchForms   tagfeed.SearchFormsFunc
	SearchVersion string
}

// Opener opens the stores the suite tests.
type Opener struct {
	// Open returns a new, empty store set up as env says, closed when t
	// ends. Tests call it in parallel.
	Open func(t *testing.T, env Env) Store
	// Reopen opens a second store on the data of s, which Open returned,
	// as another process would, closed when t ends.
	Reopen func(t *testing.T, s Store, env Env) Store
	// Check, if set, checks what the suite cannot see through the
	// interfaces: the engine's own copies and indexes of the data (a
	// search index, denormalized columns) agree with it. It runs at the
	// end of each test, on the store Open gave it.
	Check func(t *testing.T, s Store)
}

// Run runs the suite, each test in a subtest of its own, in parallel, on
// stores from o.
func Run(t *testing.T, o Opener) {
	tests := []struct {
		name string
		run  func(h *harness)
	}{
		{"SaveCounts", testSaveCounts},
		{"IdenticalRoundChangesNothing", testIdenticalRound},
		{"Dates", testDates},
		{"ReplacedTags", testReplacedTags},
		{"RescoringIsNotAnUpdate", testRescoring},
		{"SaveErrors", testSaveErrors},
		{"OddKeys", testOddKeys},
		{"ItemRoundTrip", testItemRoundTrip},
		{"Fingerprints", testFingerprints},
		{"EnsureSource", testEnsureSource},
		{"EnsureSources", testEnsureSources},
		{"SourceRoundTrip", testSourceRoundTrip},
		{"MoveSource", testMoveSource},
		{"Selection", testSelection},
		{"Cursor", testCursor},
		{"Counts", testCounts},
		{"DailyCounts", testDailyCounts},
		{"Search", testSearch},
		{"SearchRanking", testSearchRanking},
		{"SearchErrors", testSearchErrors},
		{"SearchPaging", testSearchPaging},
		{"StoriesFolded", testStoriesFolded},
		{"StoryPlacement", testStoryPlacement},
		{"DataVersion", testDataVersion},
		{"DataVersionAcrossStores", testDataVersionAcrossStores},
		{"Retag", testRetag},
		{"RetagKeepsItemsEditedMeanwhile", testRetagEditedMeanwhile},
		{"RulesHash", testRulesHash},
		{"Articles", testArticles},
		{"Canceled", testCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &harness{T: t, o: o, clock: &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}}
			h.env = Env{Now: h.clock.Now, SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion}
			h.s = o.Open(t, h.env)
			if o.Check != nil {
				// Registered after Open's cleanup, so it runs before the store closes.
				t.Cleanup(func() { o.Check(t, h.s) })
			}
			tt.run(h)
		})
	}
}

// harness is one test's store, clock and helpers.
type harness struct {
	*testing.T
	o     Opener
	env   Env
	s     Store
	clock *clock
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// source ensures a feed source with the URL.
func (h *harness) source(url string) tagfeed.Source {
	h.Helper()
	src, err := h.s.EnsureSource(context.Background(), tagfeed.SourceFeed, url, "")
	if err != nil {
		h.Fatalf("EnsureSource: %v", err)
	}
	return src
}

// save saves items as one read of src, with the pipeline's policy.
func (h *harness) save(src tagfeed.Source, items ...tagfeed.Item) tagfeed.SaveCounts {
	h.Helper()
	c, err := h.s.SaveFetch(context.Background(), src, items, ingest.Decide)
	if err != nil {
		h.Fatalf("SaveFetch: %v", err)
	}
	return c
}

// items reads items, their tags explained.
func (h *harness) items(sel tagfeed.Selection) []tagfeed.Item {
	h.Helper()
	sel.Explained = true
	items, err := h.s.Items(context.Background(), sel)
	if err != nil {
		h.Fatalf("Items(%s): %v", sel, err)
	}
	return items
}

// byKey reads every item, by key.
func (h *harness) byKey() map[string]tagfeed.Item {
	h.Helper()
	m := map[string]tagfeed.Item{}
	for _, it := range h.items(tagfeed.Selection{}) {
		m[it.Key] = it
	}
	return m
}

// count counts what sel selects.
func (h *harness) count(sel tagfeed.Selection) int {
	h.Helper()
	n, err := h.s.Count(context.Background(), sel)
	if err != nil {
		h.Fatalf("Count(%s): %v", sel, err)
	}
	return n
}

// version reads the data version.
func (h *harness) version() tagfeed.DataVersion {
	h.Helper()
	v, err := h.s.DataVersion(context.Background())
	if err != nil {
		h.Fatalf("DataVersion: %v", err)
	}
	return v
}

// item makes an item with a key, a title and the named tags, each with
// one title match.
func item(key, title string, tags ...string) tagfeed.Item {
	it := tagfeed.Item{Key: key, GUID: key, Title: title, Summary: "summary of " + title}
	for _, t := range tags {
		it.Tags = append(it.Tags, tagfeed.ItemTag{Tag: t, Score: 2, Threshold: 1, Matches: []tagfeed.Match{
			{Term: t, Field: tagfeed.FieldTitle, Count: 1},
		}})
	}
	return it
}

// keys returns the items' keys, in order.
func keys(items []tagfeed.Item) []string {
	var ks []string
	for _, it := range items {
		ks = append(ks, it.Key)
	}
	return ks
}

// checkCounts fails the test if the counts the store keeps disagree with
// its items: the items of each source, and of each tag.
func (h *harness) checkCounts() {
	h.Helper()
	ctx := context.Background()
	all := h.items(tagfeed.Selection{})
	perSource, perTag := map[int64]int{}, map[string]int{}
	for _, it := range all {
		perSource[it.SourceID]++
		for _, t := range it.Tags {
			perTag[t.Tag]++
		}
	}
	srcs, err := h.s.Sources(ctx)
	if err != nil {
		h.Fatal(err)
	}
	for _, s := range srcs {
		if s.ItemCount != perSource[s.ID] {
			h.Errorf("source %d counts %d items, has %d", s.ID, s.ItemCount, perSource[s.ID])
		}
	}
	counts, err := h.s.TagCounts(ctx)
	if err != nil {
		h.Fatal(err)
	}
	for tag, n := range perTag {
		if counts[tag] != n {
			h.Errorf("tag %s counts %d items, has %d", tag, counts[tag], n)
		}
	}
	for tag, n := range counts {
		if perTag[tag] != n {
			h.Errorf("tag %s counts %d items, has %d", tag, n, perTag[tag])
		}
	}
	if n := h.count(tagfeed.Selection{}); n != len(all) {
		h.Errorf("Count() = %d, %d items stored", n, len(all))
	}
}

// Keyed returns an Opener for stores whose data a key names, such as a
// file's path or a database's DSN: fresh returns the key of new, empty
// data for a test, and open opens a store on a key, closed when t ends.
func Keyed(fresh func(tb testing.TB) string, open func(t *testing.T, key string, env Env) Store) Opener {
	var mu sync.Mutex
	keys := map[Store]string{}
	return Opener{
		Open: func(t *testing.T, env Env) Store {
			key := fresh(t)
			s := open(t, key, env)
			mu.Lock()
			defer mu.Unlock()
			keys[s] = key
			return s
		},
		Reopen: func(t *testing.T, s Store, env Env) Store {
			mu.Lock()
			key := keys[s]
			mu.Unlock()
			return open(t, key, env)
		},
	}
}
