package storetest

import (
	"context"
	"errors"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// testDataVersion wants the items' counter to move on with every change a
// feed shows, and only then, and the sources' counter with every fetch
// recorded.
func testDataVersion(h *harness) {
	ctx := context.Background()
	src := h.source("https://example.org/rss")
	v0 := h.version()
	step := func(what string, change func(), items, sources bool) {
		h.Helper()
		before := h.version()
		h.clock.Advance(time.Minute)
		change()
		after := h.version()
		if moved := after.Items > before.Items; moved != items {
			h.Errorf("%s: the items' counter moved %v, want %v", what, moved, items)
		}
		if moved := after.Sources > before.Sources; moved != sources {
			h.Errorf("%s: the sources' counter moved %v, want %v", what, moved, sources)
		}
		if items && !after.Changed.Equal(h.clock.Now()) {
			h.Errorf("%s: changed at %v, want %v", what, after.Changed, h.clock.Now())
		}
	}
	step("a new item", func() { h.save(src, item("a", "A", "ai")) }, true, true)
	step("the same again", func() { h.save(src, item("a", "A", "ai")) }, false, true)
	step("an edit", func() { h.save(src, item("a", "A, edited", "ai")) }, true, true)
	step("a batch of the same", func() {
		if _, err := h.s.SaveItems(ctx, src.ID, []tagfeed.Item{item("a", "A, edited", "ai")}, ingest.Decide); err != nil {
			h.Fatal(err)
		}
	}, false, false)
	step("rescored tags", func() {
		again := item("a", "A, edited")
		again.Tags = rescored(item("a", "", "ai").Tags)
		h.save(src, again)
	}, true, true)
	step("a new name", func() { h.save(tagfeed.Source{ID: src.ID, Title: "Renamed"}) }, true, true)
	step("stories", func() {
		id := h.items(tagfeed.Selection{})[0].ID
		if err := h.s.SetStories(ctx, []tagfeed.StoryPlacement{{ItemID: id, Story: tagfeed.StoryRef{ID: id}}}); err != nil {
			h.Fatal(err)
		}
	}, true, false)
	step("a retag that changes nothing", func() {
		if _, err := ingest.Retag(ctx, h.s, func(it *tagfeed.Item) []tagfeed.ItemTag {
			return rescored(item("a", "", "ai").Tags)
		}, tagfeed.RetagOptions{}); err != nil {
			h.Fatal(err)
		}
	}, false, false)
	if v0.Items < 0 || v0.Sources < 0 {
		h.Errorf("initial data version %+v", v0)
	}
}

// testDataVersionAcrossStores opens a second store on the same data, as
// another process: each sees the changes the other makes, at once.
func testDataVersionAcrossStores(h *harness) {
	if h.o.Reopen == nil {
		h.Skip("the opener cannot open a second store on the same data")
	}
	other := h.o.Reopen(h.T, h.s, h.env)
	src := h.source("https://example.org/rss")
	v := h.version()
	if _, err := other.SaveFetch(context.Background(), src, []tagfeed.Item{item("a", "A")}, ingest.Decide); err != nil {
		h.Fatal(err)
	}
	if got := h.version(); got.Items <= v.Items || got.Sources <= v.Sources {
		h.Errorf("after the other store saved: %+v, was %+v; want both counters moved on", got, v)
	}
	if got := keys(h.items(tagfeed.Selection{})); len(got) != 1 {
		h.Errorf("the other store's item: %v", got)
	}
	ov, err := other.DataVersion(context.Background())
	if err != nil {
		h.Fatal(err)
	}
	h.save(src, item("b", "B"))
	if got, err := other.DataVersion(context.Background()); err != nil || got.Items <= ov.Items {
		h.Errorf("the other store sees %+v, %v after a save here; was %+v", got, err, ov)
	}
}

// testRulesHash records the hash of the rules.
func testRulesHash(h *harness) {
	ctx := context.Background()
	for _, want := range []string{"", "abc", "def"} {
		if want != "" {
			if err := h.s.SetRulesHash(ctx, want); err != nil {
				h.Fatal(err)
			}
		}
		if got, err := h.s.RulesHash(ctx); err != nil || got != want {
			h.Errorf("RulesHash = %q, %v; want %q", got, err, want)
		}
	}
}

// testArticles caches articles, reads them back by URL, and replaces one:
// a page read once, then again for a changed item.
func testArticles(h *harness) {
	ctx := context.Background()
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	read := tagfeed.Article{URL: "https://a.example/1/" + longPath(3000), ItemHash: "h1",
		Content: "<p>Toàn văn bài báo.</p>", ETag: `"v1"`, LastModified: "Sat, 01 Mar 2025 08:00:00 GMT", Fetched: at}
	failed := tagfeed.Article{URL: "https://a.example/2", ItemHash: "h2", Error: "404 Not Found", Fetched: at}
	if err := h.s.SaveArticles(ctx, []tagfeed.Article{read, failed}); err != nil {
		h.Fatal(err)
	}
	again := read
	again.ItemHash, again.Content, again.ETag, again.Fetched = "h1b", "<p>Bản sửa.</p>", `"v2"`, at.Add(time.Hour)
	if err := h.s.SaveArticles(ctx, []tagfeed.Article{again}); err != nil {
		h.Fatal(err)
	}
	got, err := h.s.Articles(ctx, []string{read.URL, failed.URL, "https://a.example/never"})
	if err != nil {
		h.Fatal(err)
	}
	want := map[string]tagfeed.Article{again.URL: again, failed.URL: failed}
	if len(got) != len(want) {
		h.Fatalf("%d articles, want %d: %+v", len(got), len(want), got)
	}
	for url, w := range want {
		if g := got[url]; g != w {
			h.Errorf("%.40s…:\n got %+v\nwant %+v", url, g, w)
		}
	}
	if none, err := h.s.Articles(ctx, nil); err != nil || len(none) != 0 {
		h.Errorf("Articles(nil) = %v, %v; want nothing", none, err)
	}
}

// longPath returns a URL path of n bytes.
func longPath(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "abcdefghij/"[i%11]
	}
	return string(b)
}

// testCanceled calls the store with a canceled context: the calls fail
// with context.Canceled and write nothing.
func testCanceled(h *harness) {
	src := h.source("https://example.org/rss")
	h.save(src, item("1", "ai", "ai"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.s.SaveFetch(ctx, src, []tagfeed.Item{item("2", "B")}, ingest.Decide); !errors.Is(err, context.Canceled) {
		h.Errorf("SaveFetch: err = %v, want context.Canceled", err)
	}
	chunk, err := h.s.ReadRetag(context.Background(), 0, 10)
	if err != nil || len(chunk.Items) != 1 {
		h.Fatalf("ReadRetag: %d items, %v; want the one stored", len(chunk.Items), err)
	}
	c := &chunk.Items[0]
	untag := tagfeed.RetagChange{Item: &c.Item, Hash: c.Hash, Old: c.Tags,
		Decision: tagfeed.SaveDecision{Outcome: tagfeed.Retagged, Published: c.Published, Updated: chunk.Read}}
	if _, err := h.s.ReadRetag(ctx, 0, 10); !errors.Is(err, context.Canceled) {
		h.Errorf("ReadRetag: err = %v, want context.Canceled", err)
	}
	if _, err := h.s.WriteRetag(ctx, []tagfeed.RetagChange{untag}); !errors.Is(err, context.Canceled) {
		h.Errorf("WriteRetag: err = %v, want context.Canceled", err)
	}
	if tags := h.items(tagfeed.Selection{})[0].TagNames(); len(tags) != 1 {
		h.Errorf("the item has tags %v after a canceled WriteRetag, want the one it had", tags)
	}
	if _, err := h.s.Items(ctx, tagfeed.Selection{}); !errors.Is(err, context.Canceled) {
		h.Errorf("Items: err = %v, want context.Canceled", err)
	}
	if n := h.count(tagfeed.Selection{}); n != 1 {
		h.Errorf("%d items after canceled calls, want 1", n)
	}
}
