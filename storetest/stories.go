package storetest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
)

// fillStories stores five items and places four in stories: story a1 is
// a1 (first, short), b1 (later, longer) and a4 (not tagged ai); story a2
// is a2 alone; b3 is in no story yet.
func (h *harness) fillStories() (ids map[string]int64, day time.Time) {
	h.Helper()
	a, b := h.source("https://a.example/feed"), h.source("https://b.example/feed")
	day = time.Date(2025, 2, 20, 8, 0, 0, 0, time.UTC)
	dated := func(it tagfeed.Item, hours int, content string) tagfeed.Item {
		it.Published, it.Content = day.Add(time.Duration(hours)*time.Hour), content
		return it
	}
	h.save(a,
		dated(item("a1", "Chip plant opens", "ai"), 0, "short"),
		dated(item("a2", "Rain in Hanoi", "ai"), 2, "rain"),
		dated(item("a4", "Chip plant, the day after"), 5, "untagged"))
	h.save(b,
		dated(item("b1", "A chip plant opens its doors", "ai"), 3, "a much longer report of the opening"),
		dated(item("b3", "Ungrouped", "ai"), 4, "new"))
	ids = map[string]int64{}
	for _, it := range h.items(tagfeed.Selection{}) {
		ids[it.Key] = it.ID
	}
	err := h.s.SetStories(context.Background(), []tagfeed.StoryPlacement{
		{ItemID: ids["b1"], Story: tagfeed.StoryRef{ID: ids["a1"], Match: ids["a1"], Similarity: 0.8}},
		{ItemID: ids["a1"], Story: tagfeed.StoryRef{ID: ids["a1"]}},
		{ItemID: ids["a2"], Story: tagfeed.StoryRef{ID: ids["a2"]}},
		{ItemID: ids["a4"], Story: tagfeed.StoryRef{ID: ids["a1"], Match: ids["b1"], Similarity: 0.6}},
	})
	if err != nil {
		h.Fatal(err)
	}
	return ids, day
}

// testStoriesFolded lists items one per story: the pick stands for its
// story in the place of the story's newest selected item, with the others
// beside it; the limit, the cursor and the count count stories.
func testStoriesFolded(h *harness) {
	ids, day := h.fillStories()
	folded := func(items []tagfeed.Item) []string {
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
	ai := []string{"ai"}
	tests := []struct {
		name  string
		sel   tagfeed.Selection
		want  []string
		count int // -1: not checked
	}{
		{"every item", tagfeed.Selection{AllTags: ai}, []string{"b3", "b1", "a2", "a1"}, 4},
		{"earliest", tagfeed.Selection{AllTags: ai, Stories: tagfeed.PickEarliest}, []string{"b3", "a1+b1", "a2"}, 3},
		{"richest", tagfeed.Selection{AllTags: ai, Stories: tagfeed.PickRichest}, []string{"b3", "b1+a1", "a2"}, 3},
		{"every tag", tagfeed.Selection{Stories: tagfeed.PickEarliest}, []string{"a1+b1+a4", "b3", "a2"}, 3},
		{"limit counts stories", tagfeed.Selection{AllTags: ai, Stories: tagfeed.PickEarliest, Limit: 2}, []string{"b3", "a1+b1"}, 3},
		{"after a story", tagfeed.Selection{AllTags: ai, Stories: tagfeed.PickEarliest, Limit: 2,
			After: &tagfeed.Cursor{Published: day.Add(3 * time.Hour), ID: ids["b1"]}}, []string{"a2"}, -1},
		{"search", tagfeed.Selection{Search: "chip plant", Stories: tagfeed.PickEarliest}, []string{"a1+b1+a4"}, 1},
		{"one story", tagfeed.Selection{InStories: []int64{ids["a1"]}}, []string{"a4", "b1", "a1"}, 3},
	}
	for _, tt := range tests {
		if got := folded(h.items(tt.sel)); !slices.Equal(got, tt.want) {
			h.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		if n := h.count(tt.sel); tt.count >= 0 && n != tt.count {
			h.Errorf("%s: Count = %d, want %d", tt.name, n, tt.count)
		}
	}
	// The story says which item each joined, and how alike they are.
	got := h.items(tagfeed.Selection{ID: ids["b1"]})[0].Story
	if want := (tagfeed.StoryRef{ID: ids["a1"], Match: ids["a1"], Similarity: 0.8}); got != want {
		h.Errorf("story of b1: %+v, want %+v", got, want)
	}
}

// testStoryPlacement reads items for grouping and places them: an item
// placed once keeps its story.
func testStoryPlacement(h *harness) {
	ctx := context.Background()
	src := h.source("https://a.example/feed")
	long := item("long", "Long")
	long.Content = strings.Repeat("ạ", 9000)
	summaryOnly := item("summary", "Summary only")
	h.save(src, item("one", "One"), long, summaryOnly)
	last, err := h.s.LastItemID(ctx)
	if err != nil || last == 0 {
		h.Fatalf("LastItemID = %d, %v", last, err)
	}
	ungrouped, err := h.s.UngroupedItems(ctx, 10)
	if err != nil || !slices.Equal(titles(ungrouped), []string{"One", "Long", "Summary only"}) || ungrouped[2].ID != last {
		h.Fatalf("UngroupedItems = %+v, %v; want the three in the order stored", ungrouped, err)
	}
	if n := len([]rune(ungrouped[1].Content)); n != 8192 {
		h.Errorf("a long content is read as %d characters, want its first 8192", n)
	}
	if ungrouped[2].Content != "summary of Summary only" {
		h.Errorf("an item without content is read by its summary, got %q", ungrouped[2].Content)
	}
	if limited, _ := h.s.UngroupedItems(ctx, 1); len(limited) != 1 {
		h.Errorf("UngroupedItems(1) = %d items", len(limited))
	}
	first, second := ungrouped[0].ID, ungrouped[1].ID
	place := func(id, story int64, match int64, sim float64) tagfeed.StoryPlacement {
		return tagfeed.StoryPlacement{ItemID: id, Story: tagfeed.StoryRef{ID: story, Match: match, Similarity: sim}}
	}
	if err := h.s.SetStories(ctx, []tagfeed.StoryPlacement{place(first, first, 0, 0), place(second, first, first, 0.5)}); err != nil {
		h.Fatal(err)
	}
	// Another process placed the second item first: it keeps that story.
	if err := h.s.SetStories(ctx, []tagfeed.StoryPlacement{place(second, second, 0, 0)}); err != nil {
		h.Fatal(err)
	}
	grouped, err := h.s.GroupedItems(ctx, 0, 10)
	if err != nil || len(grouped) != 2 || grouped[1].Story != (tagfeed.StoryRef{ID: first, Match: first, Similarity: 0.5}) {
		h.Errorf("GroupedItems = %+v, %v; want both, the second in the first's story", grouped, err)
	}
	if after, _ := h.s.GroupedItems(ctx, first, 10); len(after) != 1 || after[0].ID != second {
		h.Errorf("GroupedItems after the first = %+v", after)
	}
	if left, _ := h.s.UngroupedItems(ctx, 10); len(left) != 1 || left[0].ID != last {
		h.Errorf("UngroupedItems after placing two = %+v, want the last only", left)
	}
}

// titles returns the items' titles.
func titles(items []tagfeed.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}
