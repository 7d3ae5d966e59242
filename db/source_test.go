package db

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

func TestEnsureSourceTitle(t *testing.T) {
	d, _ := MustOpen(t)
	ctx := context.Background()
	const url = "https://example.org/rss"
	tests := []struct {
		name, title, want string
	}{
		{"created without a title", "", ""},
		{"a title is learned", "Configured", "Configured"},
		{"an empty title keeps it", "", "Configured"},
		{"a new title replaces it", "Renamed", "Renamed"},
	}
	var id int64
	for _, tt := range tests {
		src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, url, tt.title)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if id == 0 {
			id = src.ID
		}
		if src.ID != id || src.Title != tt.want || src.URL != url || src.Kind != tagfeed.SourceFeed {
			t.Errorf("%s: got %+v, want id %d, title %q", tt.name, src, id, tt.want)
		}
	}
	seed, err := d.EnsureSource(ctx, tagfeed.SourceSeed, url, "")
	if err != nil || seed.ID == id {
		t.Errorf("same URL, other kind: id %d (err %v), want a new source", seed.ID, err)
	}
	for _, bad := range []struct {
		kind tagfeed.SourceKind
		url  string
	}{{tagfeed.SourceFeed, ""}, {"podcast", url}} {
		if _, err := d.EnsureSource(ctx, bad.kind, bad.url, ""); err == nil || !strings.HasPrefix(err.Error(), "db: ensure") {
			t.Errorf("EnsureSource(%q, %q): err = %v, want a db: ensure … error", bad.kind, bad.url, err)
		}
	}
}

func TestSourcesRoundTrip(t *testing.T) {
	d, clock := MustOpen(t)
	ctx := context.Background()
	a := mustSource(t, d, "https://a.example/rss")
	b := mustSource(t, d, "https://b.example/rss")
	now := clock.Now()
	a.FetchURL, a.Title, a.SiteURL = "https://a.example/new-rss", "Feed A", "https://a.example/"
	a.Status = tagfeed.FetchStatus{
		ETag: `W/"abc"`, LastModified: "Sat, 01 Mar 2025 08:00:00 GMT",
		LastAttempt: now, LastSuccess: now.Add(-time.Hour), HTTPStatus: 503,
		Error: "fetch https://a.example/rss: 503 Service Unavailable", Failures: 3,
		NextFetch: now.Add(90 * time.Minute), MinInterval: 15 * time.Minute, Gone: true,
	}
	mustSave(t, d, a, item("1", "One"), item("2", "Two"))

	srcs, err := d.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 || srcs[0].ID != a.ID || srcs[1].ID != b.ID {
		t.Fatalf("Sources = %+v, want a then b", srcs)
	}
	a.ItemCount = 2
	if srcs[0] != a {
		t.Errorf("source a = %+v\nwant       %+v", srcs[0], a)
	}
	if srcs[1].ItemCount != 0 || srcs[1].Status != (tagfeed.FetchStatus{}) {
		t.Errorf("source b = %+v, want no items and a zero status", srcs[1])
	}
	one, err := d.Source(ctx, a.ID)
	if err != nil || one != a {
		t.Errorf("Source(%d) = %+v, %v\nwant %+v", a.ID, one, err, a)
	}

	// A fetch that learns nothing new keeps the title, site and fetch URL.
	mustSave(t, d, tagfeed.Source{ID: a.ID, Status: tagfeed.FetchStatus{HTTPStatus: 304}})
	one, _ = d.Source(ctx, a.ID)
	if one.Title != "Feed A" || one.SiteURL != a.SiteURL || one.FetchURL != a.FetchURL || one.Status.HTTPStatus != 304 {
		t.Errorf("after a bare fetch: %+v", one)
	}
}

func TestNotFound(t *testing.T) {
	d, _ := MustOpen(t)
	_, err := d.Source(context.Background(), 42)
	if !errors.Is(err, tagfeed.ErrNotFound) {
		t.Errorf("Source(42): err = %v, want ErrNotFound", err)
	}
	if err != nil && err.Error() != "db: source 42: not found" {
		t.Errorf("Source(42): message %q", err)
	}
}

func TestRulesHash(t *testing.T) {
	d, _ := MustOpen(t)
	ctx := context.Background()
	for _, want := range []string{"", "abc", "def"} {
		if want != "" {
			if err := d.SetRulesHash(ctx, want); err != nil {
				t.Fatal(err)
			}
		}
		got, err := d.RulesHash(ctx)
		if err != nil || got != want {
			t.Errorf("RulesHash = %q, %v; want %q", got, err, want)
		}
	}
}

func TestEnsureSources(t *testing.T) {
	d, _ := MustOpen(t)
	ctx := context.Background()
	old, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://b.example/feed", "Old title")
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := d.EnsureSources(ctx, []tagfeed.SourceSpec{
		{Kind: tagfeed.SourceFeed, URL: "https://a.example/feed"},
		{Kind: tagfeed.SourceFeed, URL: "https://b.example/feed", Title: "New title"},
		{Kind: tagfeed.SourceSeed, URL: "seeds", Title: "Seeds"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 3 || srcs[1].ID != old.ID || srcs[1].Title != "New title" || srcs[0].URL != "https://a.example/feed" || srcs[2].Kind != tagfeed.SourceSeed {
		t.Errorf("EnsureSources = %+v; want the three in order, the known one with its id and new title", srcs)
	}
	all, err := d.Sources(ctx)
	if err != nil || len(all) != 3 {
		t.Errorf("%d sources stored, %v; want 3", len(all), err)
	}
	if _, err := d.EnsureSources(ctx, []tagfeed.SourceSpec{{Kind: tagfeed.SourceFeed, URL: ""}}); err == nil {
		t.Error("an empty URL was accepted")
	}
}
