package pg_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/pg"
)

// TestMigrationsApplyOnce opens a schema twice: the migrations run the
// first time, each recorded once in schema_version.
func TestMigrationsApplyOnce(t *testing.T) {
	needServer(t)
	dsn := server.Schema(t)
	for range 2 {
		s := openStore(t, dsn, pg.Options{})
		s.Close()
	}
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n, max int
	if err := conn.QueryRow(context.Background(), `SELECT count(*), max(version) FROM schema_version`).Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	if n != max || n < 1 {
		t.Errorf("schema_version has %d rows up to %d, want one per migration", n, max)
	}
}

// TestOpenErrors names what could not be opened, without the password.
func TestOpenErrors(t *testing.T) {
	needServer(t)
	for _, dsn := range []string{"postgres://u:s3cret@127.0.0.1:1/nowhere?connect_timeout=2", "postgres://u:s3cret@%zz"} {
		_, err := pg.Open(context.Background(), dsn, pg.Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "pg: open") || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q): %v; want a pg: open error without the password", dsn, err)
		}
	}
}

// TestConcurrentWriters saves from four stores at once, as four fetchers
// would, each its own sources but the same tags in different orders,
// while a fifth retags: no writer deadlocks or fails, and the counts the
// store keeps add up.
func TestConcurrentWriters(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dsn := server.Schema(t)
	tags := []string{"ai", "energy", "nic", "semiconductor"}
	const writers, rounds, perRound = 4, 5, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers+1)
	for w := range writers {
		s := openStore(t, dsn, pg.Options{})
		wg.Go(func() {
			src, err := s.EnsureSource(ctx, tagfeed.SourceFeed, fmt.Sprintf("https://%d.example/feed", w), "")
			if err != nil {
				errs <- err
				return
			}
			for r := range rounds {
				var items []tagfeed.Item
				for i := range perRound {
					it := tagfeed.Item{Key: fmt.Sprint(i), Title: fmt.Sprintf("item %d, round %d", i, r/2)}
					for k := range 2 { // tags that turn with the writer, the item and the round
						it.Tags = append(it.Tags, tagfeed.ItemTag{Tag: tags[(w+i+r+k)%len(tags)], Score: 1})
					}
					items = append(items, it)
				}
				if _, err := s.SaveFetch(ctx, src, items, ingest.Decide); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	retagger := openStore(t, dsn, pg.Options{})
	wg.Go(func() {
		for range rounds {
			_, err := ingest.Retag(ctx, retagger, func(it *tagfeed.Item) []tagfeed.ItemTag {
				return []tagfeed.ItemTag{{Tag: tags[len(it.Title)%len(tags)], Score: 1}}
			}, tagfeed.RetagOptions{})
			if err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkKeptCounts(t, dsn)
}

// TestOneSourceFromTwoStores saves the same new items of one source from
// two stores at once: each item is stored once.
func TestOneSourceFromTwoStores(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dsn := server.Schema(t)
	a, b := openStore(t, dsn, pg.Options{}), openStore(t, dsn, pg.Options{})
	src, err := a.EnsureSource(ctx, tagfeed.SourceFeed, "https://a.example/feed", "")
	if err != nil {
		t.Fatal(err)
	}
	var items []tagfeed.Item
	for i := range 200 {
		items = append(items, tagfeed.Item{Key: fmt.Sprint(i), Title: "same", Tags: []tagfeed.ItemTag{{Tag: "ai", Score: 1}}})
	}
	var wg sync.WaitGroup
	counts := make([]tagfeed.SaveCounts, 2)
	for i, s := range []*pg.Store{a, b} {
		wg.Go(func() {
			c, err := s.SaveFetch(ctx, src, items, ingest.Decide)
			if err != nil {
				t.Error(err)
			}
			counts[i] = c
		})
	}
	wg.Wait()
	if sum := counts[0].Add(counts[1]); sum.New != 200 || sum.Unchanged != 200 {
		t.Errorf("counts %+v and %+v; want 200 new between them, the rest unchanged", counts[0], counts[1])
	}
	if n, err := a.Count(ctx, tagfeed.Selection{AllTags: []string{"ai"}}); err != nil || n != 200 {
		t.Errorf("%d items tagged ai, %v; want 200", n, err)
	}
	checkKeptCounts(t, dsn)
}

// checkKeptCounts fails the test if the counts the store keeps disagree
// with the rows they count.
func checkKeptCounts(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for what, query := range map[string]string{
		"tag counts are wrong": `SELECT count(*) FROM tag_counts c
			WHERE c.items <> (SELECT count(*) FROM item_tags t WHERE t.tag = c.tag)`,
		"tags are not counted": `SELECT count(DISTINCT tag) FROM item_tags WHERE tag NOT IN (SELECT tag FROM tag_counts)`,
		"source item counts are wrong": `SELECT count(*) FROM sources s
			WHERE s.items <> (SELECT count(*) FROM items i WHERE i.source_id = s.id)`,
		"item_tags disagree with their item's date": `SELECT count(*) FROM item_tags t
			JOIN items i ON i.id = t.item_id WHERE t.published <> i.published`,
		"items are not indexed for search": `SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM item_search x WHERE x.item_id = i.id)`,
	} {
		var n int
		if err := conn.QueryRow(ctx, query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n != 0 {
			t.Errorf("%d: %s", n, what)
		}
	}
}

// TestSearchIndexRebuilt opens a store with other search forms than the
// index was built with: Open builds it again, and search reads the new
// forms.
func TestSearchIndexRebuilt(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dsn := server.Schema(t)
	s := openStore(t, dsn, pg.Options{SearchVersion: "lower"})
	src, err := s.EnsureSource(ctx, tagfeed.SourceFeed, "https://a.example/feed", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFetch(ctx, src, []tagfeed.Item{{Key: "1", Title: "Colour"}}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	s.Close()
	american := func(text string) (string, string) {
		s := strings.ReplaceAll(strings.ToLower(text), "colour", "color")
		return s, s
	}
	s = openStore(t, dsn, pg.Options{SearchForms: american, SearchVersion: "american"})
	found, err := s.Items(ctx, tagfeed.Selection{Search: "color"})
	if err != nil || len(found) != 1 {
		t.Errorf("search for color after the rebuild: %d items, %v; want 1", len(found), err)
	}
}
