package feeds_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

// TestStoriesOnce puts the seed article and the live item, both about
// chips, in one story, and reads the semiconductor feed and pages with
// each story once and with every item.
func TestStoriesOnce(t *testing.T) {
	ts, d := newTestServer(t)
	ctx := context.Background()
	items, err := d.Items(ctx, tagfeed.Selection{AllTags: []string{"semiconductor"}})
	if err != nil || len(items) != 2 {
		t.Fatalf("semiconductor items: %d (%v), want 2", len(items), err)
	}
	newer, older := items[0], items[1]
	err = d.SetStories(ctx, []tagfeed.StoryPlacement{
		{ItemID: older.ID, Story: tagfeed.StoryRef{ID: older.ID}},
		{ItemID: newer.ID, Story: tagfeed.StoryRef{ID: older.ID, Match: older.ID, Similarity: 0.62}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path        string
		status      int
		entries     int      // <entry> elements, for a feed
		contains    []string // in the body
		notContains []string
	}{
		{"/feeds/semiconductor.atom?stories=1", 200, 1, []string{"Also reported by", "stories=1"}, nil},
		{"/feeds/semiconductor.atom?stories=0", 200, 2, nil, []string{"Also reported by"}},
		{"/feeds/semiconductor.atom", 200, 2, nil, []string{"Also reported by"}}, // the test config does not fold
		{"/feeds/semiconductor.json?stories=1", 200, 0, []string{"Also reported by"}, nil},
		{"/feeds/semiconductor.atom?stories=maybe", 400, 0, []string{"bad stories"}, nil},
		{"/topics/semiconductor?stories=1", 200, 0, []string{`class="also"`}, nil},
		{"/topics/semiconductor", 200, 0, nil, []string{`class="also"`}},
		{"/" + feeds.ItemPath(newer.ID), 200, 0, []string{"The same story elsewhere", "62% like"}, nil},
		{"/" + feeds.ItemPath(older.ID), 200, 0, []string{"The same story elsewhere", "the first report"}, nil},
		{"/" + feeds.ItemPath(items[0].ID+1000), 404, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, "GET", ts.URL+tt.path, nil)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.entries > 0 {
				if n := strings.Count(body, "<entry"); n != tt.entries {
					t.Errorf("%d entries, want %d", n, tt.entries)
				}
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tt.notContains {
				if strings.Contains(body, s) {
					t.Errorf("body has %q", s)
				}
			}
		})
	}
}
