package db

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestStoriesFolded lists items one per story: the pick stands for its
// story in the place of the story's newest selected item, with the others
// beside it; the limit and the cursor count stories.
func TestStoriesFolded(t *testing.T) {
	ctx := context.Background()
	d, _ := MustOpen(t)
	a, b := mustSource(t, d, "https://a.example/feed"), mustSource(t, d, "https://b.example/feed")
	day := time.Date(2025, 2, 20, 8, 0, 0, 0, time.UTC)
	dated := func(it tagfeed.Item, hours int, content string) tagfeed.Item {
		it.Published, it.Content = day.Add(time.Duration(hours)*time.Hour), content
		return it
	}
	// Story 1: a1 (first, short), b1 (later, longer). Story 2: a2 alone.
	// b3 is in no story yet. a4 is in story 1 but not tagged ai.
	mustSave(t, d, a,
		dated(item("a1", "Chip plant opens", "ai"), 0, "short"),
		dated(item("a2", "Rain in Hanoi", "ai"), 2, "rain"),
		dated(item("a4", "Chip plant, the day after"), 5, "untagged"))
	mustSave(t, d, b,
		dated(item("b1", "A chip plant opens its doors", "ai"), 3, "a much longer report of the opening"),
		dated(item("b3", "Ungrouped", "ai"), 4, "new"))
	ids := map[string]int64{}
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		ids[it.Key] = it.ID
	}
	err := d.SetStories(ctx, []tagfeed.StoryPlacement{
		{ItemID: ids["a1"], Story: tagfeed.StoryRef{ID: ids["a1"]}},
		{ItemID: ids["a2"], Story: tagfeed.StoryRef{ID: ids["a2"]}},
		{ItemID: ids["b1"], Story: tagfeed.StoryRef{ID: ids["a1"], Match: ids["a1"], Similarity: 0.8}},
		{ItemID: ids["a4"], Story: tagfeed.StoryRef{ID: ids["a1"], Match: ids["b1"], Similarity: 0.6}},
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := func(items []tagfeed.Item) []string {
		var out []string
		for _, it := range items {
			k := it.Key
			for _, o := range it.Others {
				k += "+" + o.Key
			}
			out = append(out, k)
		}
		return out
	}
	tests := []struct {
		name string
		sel  tagfeed.Selection
		want []string
	}{
		{"every item", tagfeed.Selection{AllTags: []string{"ai"}}, []string{"b3", "b1", "a2", "a1"}},
		{"earliest", tagfeed.Selection{AllTags: []string{"ai"}, Stories: tagfeed.PickEarliest}, []string{"b3", "a1+b1", "a2"}},
		{"richest", tagfeed.Selection{AllTags: []string{"ai"}, Stories: tagfeed.PickRichest}, []string{"b3", "b1+a1", "a2"}},
		{"all tags", tagfeed.Selection{Stories: tagfeed.PickEarliest}, []string{"a1+b1+a4", "b3", "a2"}},
		{"limit counts stories", tagfeed.Selection{AllTags: []string{"ai"}, Stories: tagfeed.PickEarliest, Limit: 2}, []string{"b3", "a1+b1"}},
		{"after a story", tagfeed.Selection{AllTags: []string{"ai"}, Stories: tagfeed.PickEarliest, Limit: 2,
			After: &tagfeed.Cursor{Published: day.Add(3 * time.Hour), ID: ids["b1"]}}, []string{"a2"}},
		{"one story", tagfeed.Selection{InStories: []int64{ids["a1"]}}, []string{"a4", "b1", "a1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(mustItems(t, d, tt.sel)); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// The story says which item each joined, and how alike they are.
	got := mustItems(t, d, tagfeed.Selection{ID: ids["b1"]})[0].Story
	if want := (tagfeed.StoryRef{ID: ids["a1"], Match: ids["a1"], Similarity: 0.8}); got != want {
		t.Errorf("story of b1: %+v, want %+v", got, want)
	}
}
