package storetest

import (
	"context"
	"errors"
	"time"

	"github.com/tagfeed/tagfeed"
)

// testEnsureSource ensures one source again and again: the same source,
// whose title a non-empty one replaces; the same URL of another kind is
// another source; an empty URL or an unknown kind is an error.
func testEnsureSource(h *harness) {
	ctx := context.Background()
	const url = "https://example.org/rss"
	var id int64
	for _, tt := range []struct{ name, title, want string }{
		{"created without a title", "", ""},
		{"a title is learned", "Configured", "Configured"},
		{"an empty title keeps it", "", "Configured"},
		{"a new title replaces it", "Renamed", "Renamed"},
	} {
		src, err := h.s.EnsureSource(ctx, tagfeed.SourceFeed, url, tt.title)
		if err != nil {
			h.Fatalf("%s: %v", tt.name, err)
		}
		if id == 0 {
			id = src.ID
		}
		if src.ID != id || src.Title != tt.want || src.URL != url || src.Kind != tagfeed.SourceFeed {
			h.Errorf("%s: got %+v, want id %d, title %q", tt.name, src, id, tt.want)
		}
	}
	if seed, err := h.s.EnsureSource(ctx, tagfeed.SourceSeed, url, ""); err != nil || seed.ID == id {
		h.Errorf("same URL, other kind: id %d (err %v), want a new source", seed.ID, err)
	}
	for _, bad := range []struct {
		kind tagfeed.SourceKind
		url  string
	}{{tagfeed.SourceFeed, ""}, {"podcast", url}} {
		if _, err := h.s.EnsureSource(ctx, bad.kind, bad.url, ""); err == nil {
			h.Errorf("EnsureSource(%q, %q) succeeded, want an error", bad.kind, bad.url)
		}
	}
}

// testEnsureSources ensures many sources in one call: in order, the known
// ones with their ids.
func testEnsureSources(h *harness) {
	ctx := context.Background()
	old, err := h.s.EnsureSource(ctx, tagfeed.SourceFeed, "https://b.example/feed", "Old title")
	if err != nil {
		h.Fatal(err)
	}
	v := h.version()
	srcs, err := h.s.EnsureSources(ctx, []tagfeed.SourceSpec{
		{Kind: tagfeed.SourceFeed, URL: "https://a.example/feed"},
		{Kind: tagfeed.SourceFeed, URL: "https://b.example/feed", Title: "New title"},
		{Kind: tagfeed.SourceSeed, URL: "seeds", Title: "Seeds"},
	})
	if err != nil {
		h.Fatal(err)
	}
	if len(srcs) != 3 || srcs[1].ID != old.ID || srcs[1].Title != "New title" || srcs[0].URL != "https://a.example/feed" || srcs[2].Kind != tagfeed.SourceSeed {
		h.Errorf("EnsureSources = %+v; want the three in order, the known one with its id and new title", srcs)
	}
	if all, err := h.s.Sources(ctx); err != nil || len(all) != 3 {
		h.Errorf("%d sources stored, %v; want 3", len(all), err)
	}
	if h.version().Items <= v.Items {
		h.Error("a source renamed and two added did not move the items' counter on")
	}
	v = h.version()
	if _, err := h.s.EnsureSources(ctx, []tagfeed.SourceSpec{{Kind: tagfeed.SourceFeed, URL: "https://a.example/feed"}}); err != nil || h.version().Items != v.Items {
		h.Errorf("ensuring a known source: %v; the items' counter moved: %v", err, h.version().Items != v.Items)
	}
	if _, err := h.s.EnsureSources(ctx, []tagfeed.SourceSpec{{Kind: tagfeed.SourceFeed, URL: ""}}); err == nil {
		h.Error("an empty URL was accepted")
	}
}

// testSourceRoundTrip saves a source's names and fetch state and reads
// them back; a read that learns nothing new keeps the names.
func testSourceRoundTrip(h *harness) {
	ctx := context.Background()
	a, b := h.source("https://a.example/rss"), h.source("https://b.example/rss")
	now := h.clock.Now()
	a.FetchURL, a.Title, a.SiteURL = "https://a.example/new-rss", "Feed A", "https://a.example/"
	a.Status = tagfeed.FetchStatus{
		ETag: `W/"abc"`, LastModified: "Sat, 01 Mar 2025 08:00:00 GMT",
		LastAttempt: now, LastSuccess: now.Add(-time.Hour), HTTPStatus: 503,
		Error: "fetch https://a.example/rss: 503 Service Unavailable", Warning: "2 items without a link",
		Failures: 3, NextFetch: now.Add(90 * time.Minute), MinInterval: 15 * time.Minute, Gone: true,
	}
	h.save(a, item("1", "One"), item("2", "Two"))
	srcs, err := h.s.Sources(ctx)
	if err != nil {
		h.Fatal(err)
	}
	if len(srcs) != 2 || srcs[0].ID != a.ID || srcs[1].ID != b.ID {
		h.Fatalf("Sources = %+v, want a then b", srcs)
	}
	a.ItemCount = 2
	if srcs[0] != a {
		h.Errorf("source a = %+v\nwant       %+v", srcs[0], a)
	}
	if srcs[1].ItemCount != 0 || srcs[1].Status != (tagfeed.FetchStatus{}) {
		h.Errorf("source b = %+v, want no items and a zero status", srcs[1])
	}
	if one, err := h.s.Source(ctx, a.ID); err != nil || one != a {
		h.Errorf("Source(%d) = %+v, %v\nwant %+v", a.ID, one, err, a)
	}
	h.save(tagfeed.Source{ID: a.ID, Status: tagfeed.FetchStatus{HTTPStatus: 304}})
	if one, _ := h.s.Source(ctx, a.ID); one.Title != "Feed A" || one.SiteURL != a.SiteURL || one.FetchURL != a.FetchURL || one.Status.HTTPStatus != 304 {
		h.Errorf("after a bare fetch: %+v", one)
	}
	if _, err := h.s.Source(ctx, 4242); !errors.Is(err, tagfeed.ErrNotFound) {
		h.Errorf("Source(4242): err = %v, want ErrNotFound", err)
	}
}

// testMoveSource moves a source to a new URL: it keeps its id and items.
func testMoveSource(h *harness) {
	ctx := context.Background()
	src, err := h.s.EnsureSource(ctx, tagfeed.SourceSeed, "old/seeds", "")
	if err != nil {
		h.Fatal(err)
	}
	h.save(src, item("a.txt", "A"))
	v := h.version()
	if err := h.s.MoveSource(ctx, src.ID, "new/seeds"); err != nil {
		h.Fatal(err)
	}
	moved, err := h.s.EnsureSource(ctx, tagfeed.SourceSeed, "new/seeds", "")
	if err != nil || moved.ID != src.ID || moved.ItemCount != 1 {
		h.Errorf("the moved source is %+v, %v; want id %d with its item", moved, err, src.ID)
	}
	if h.version().Items <= v.Items {
		h.Error("moving a source did not move the items' counter on")
	}
	if err := h.s.MoveSource(ctx, 4242, "x"); !errors.Is(err, tagfeed.ErrNotFound) {
		h.Errorf("MoveSource(4242): err = %v, want ErrNotFound", err)
	}
}
