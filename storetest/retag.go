package storetest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// titleTagger tags an item with every word of its title that names a tag.
func titleTagger(known ...string) tagfeed.TagFunc {
	return func(it *tagfeed.Item) []tagfeed.ItemTag {
		var tags []tagfeed.ItemTag
		for _, w := range strings.Fields(it.Title) {
			if slices.Contains(known, w) {
				tags = append(tags, tagfeed.ItemTag{Tag: w, Score: 2, Threshold: 1, Matches: []tagfeed.Match{
					{Term: w, Field: tagfeed.FieldTitle, Count: 1},
				}})
			}
		}
		slices.SortFunc(tags, func(a, b tagfeed.ItemTag) int { return strings.Compare(a.Tag, b.Tag) })
		return tags
	}
}

// testRetag tags every stored item again under new rules: a dry run
// changes nothing, the real one stores the tags that changed (the items
// that gained or lost one updated now), and a second changes nothing.
func testRetag(h *harness) {
	ctx := context.Background()
	src := h.source("https://example.org/rss")
	// The stored tags follow the old rules, which knew only "ai" and "nic".
	h.save(src,
		item("1", "ai energy", "ai"),     // gains energy, loses ai
		item("2", "nic", "nic"),          // unchanged
		item("3", "ai nic", "ai", "nic"), // loses ai
		item("4", "energy"),              // gains energy
	)
	before := h.items(tagfeed.Selection{})
	fn := titleTagger("energy", "nic")
	h.clock.Advance(time.Hour)

	var progress [][2]int
	dry, err := ingest.Retag(ctx, h.s, fn, tagfeed.RetagOptions{DryRun: true, Examples: 1,
		Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) }})
	if err != nil {
		h.Fatal(err)
	}
	h.checkReport("dry run", dry, 4, 3, map[string][2]int{"energy": {2, 0}, "ai": {0, 2}})
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{4, 4} {
		h.Errorf("progress = %v, want it to end at 4 of 4", progress)
	}
	if after := h.items(tagfeed.Selection{}); !sameItems(before, after) {
		h.Error("the dry run changed the stored items")
	}

	real, err := ingest.Retag(ctx, h.s, fn, tagfeed.RetagOptions{Examples: 1})
	if err != nil {
		h.Fatal(err)
	}
	h.checkReport("retag", real, 4, 3, map[string][2]int{"energy": {2, 0}, "ai": {0, 2}})
	for _, it := range h.items(tagfeed.Selection{}) {
		if want := fn(&it); !tagfeed.SameTags(it.Tags, want) {
			h.Errorf("item %s: tags %v, want %v", it.Key, it.TagNames(), want)
		}
		updated := h.clock.Now()
		if it.Key == "2" {
			updated = updated.Add(-time.Hour)
		}
		if !it.Updated.Equal(updated) {
			h.Errorf("item %s: updated %v, want %v", it.Key, it.Updated, updated)
		}
	}
	h.checkCounts()

	again, err := ingest.Retag(ctx, h.s, fn, tagfeed.RetagOptions{})
	if err != nil {
		h.Fatal(err)
	}
	h.checkReport("second retag", again, 4, 0, nil)

	// Tags that only score differently are rewritten; the items keep
	// their dates.
	rescore := func(it *tagfeed.Item) []tagfeed.ItemTag { return rescored(fn(it)) }
	report, err := ingest.Retag(ctx, h.s, rescore, tagfeed.RetagOptions{})
	if err != nil || report.Changed != 0 || report.Rescored != 4 {
		h.Errorf("rescoring retag: %+v, %v; want 4 rescored, none changed", report, err)
	}
	for _, it := range h.items(tagfeed.Selection{}) {
		if !tagfeed.SameTags(it.Tags, rescore(&it)) || it.Updated.After(h.clock.Now()) {
			h.Errorf("item %s after rescoring: %+v", it.Key, it.Tags)
		}
	}
}

// checkReport checks a retag's report: how many items it looked at and
// changed, and per tag how many gained and lost it.
func (h *harness) checkReport(name string, r tagfeed.RetagReport, items, changed int, tags map[string][2]int) {
	h.Helper()
	if r.Items != items || r.Changed != changed || len(r.Tags) != len(tags) {
		h.Errorf("%s: %d items, %d changed, %d tags; want %d, %d, %d", name, r.Items, r.Changed, len(r.Tags), items, changed, len(tags))
	}
	for tag, want := range tags {
		if got := r.Tags[tag]; got == nil || got.Gained != want[0] || got.Lost != want[1] {
			h.Errorf("%s: tag %s = %+v, want gained %d, lost %d", name, tag, got, want[0], want[1])
		}
	}
}

// sameItems reports whether two listings hold the same items, dates and
// tags.
func sameItems(a, b []tagfeed.Item) bool {
	return slices.EqualFunc(a, b, func(x, y tagfeed.Item) bool {
		return x.ID == y.ID && x.Updated.Equal(y.Updated) && tagfeed.SameTags(x.Tags, y.Tags)
	})
}

// testRetagEditedMeanwhile edits an item while a retag is between reading
// it and writing its new tags: the fetch's tags, made from the new
// content, win, and the report does not count the change not made.
func testRetagEditedMeanwhile(h *harness) {
	ctx := context.Background()
	src := h.source("https://example.org/rss")
	h.save(src, item("1", "ai"), item("2", "ai"))
	edited := item("1", "energy now", "energy")
	fn := func(it *tagfeed.Item) []tagfeed.ItemTag {
		if it.Key == "1" { // a fetch lands after the retag read the item
			if _, err := h.s.SaveFetch(ctx, src, []tagfeed.Item{edited}, ingest.Decide); err != nil {
				h.Errorf("SaveFetch during Retag: %v", err)
			}
		}
		return titleTagger("ai")(it)
	}
	report, err := ingest.Retag(ctx, h.s, fn, tagfeed.RetagOptions{Examples: 5})
	if err != nil {
		h.Fatal(err)
	}
	if ai := report.Tags["ai"]; report.Changed != 1 || ai == nil || ai.Gained != 1 {
		h.Errorf("report: %d changed, ai %+v; want 1 changed, ai gained by item 2 only", report.Changed, ai)
	}
	got := h.byKey()
	one, two := got["1"], got["2"]
	if !slices.Equal(one.TagNames(), []string{"energy"}) || !slices.Equal(two.TagNames(), []string{"ai"}) {
		h.Errorf("tags: 1 %v, 2 %v; want 1: [energy] (from the fetch), 2: [ai] (from the retag)", one.TagNames(), two.TagNames())
	}
	h.checkCounts()
}
