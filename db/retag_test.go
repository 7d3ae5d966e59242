package db

import (
	"context"
	"errors"
	"github.com/tagfeed/tagfeed/ingest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// titleTagger tags an item with every word of its title that names a tag.
func titleTagger(known ...string) tagfeed.TagFunc {
	return func(it *tagfeed.Item) []tagfeed.ItemTag {
		var tags []tagfeed.ItemTag
		for _, w := range strings.Fields(it.Title) {
			if slices.Contains(known, w) {
				tags = append(tags, tagfeed.ItemTag{Tag: w, Score: 2, Matches: []tagfeed.Match{
					{Term: w, Field: tagfeed.FieldTitle, Count: 1},
				}})
			}
		}
		slices.SortFunc(tags, func(a, b tagfeed.ItemTag) int { return strings.Compare(a.Tag, b.Tag) })
		return tags
	}
}

func TestRetag(t *testing.T) {
	d, clock := MustOpen(t)
	ctx := context.Background()
	src := mustSource(t, d, "https://example.org/rss")
	// Stored tags follow the old rules, which only knew "ai" and "nic".
	mustSave(t, d, src,
		item("1", "ai energy", "ai"),     // gains energy
		item("2", "nic", "nic"),          // unchanged
		item("3", "ai nic", "ai", "nic"), // loses ai
		item("4", "energy"),              // gains energy
	)
	before := mustItems(t, d, tagfeed.Selection{})
	fn := titleTagger("energy", "nic")
	wantTags := map[string]*tagfeed.TagChange{
		"energy": {Gained: 2, GainedExamples: []tagfeed.RetagExample{{Title: "ai energy"}}},
		"ai":     {Lost: 2, LostExamples: []tagfeed.RetagExample{{Title: "ai energy"}}},
	}

	clock.Advance(time.Hour)
	var progress [][2]int
	dry, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{DryRun: true, Examples: 1,
		Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) }})
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, "dry run", dry, 4, 3, wantTags)
	if want := [][2]int{{4, 4}}; !slices.Equal(progress, want) {
		t.Errorf("progress = %v, want %v", progress, want)
	}
	if after := mustItems(t, d, tagfeed.Selection{}); !sameItems(before, after) {
		t.Error("dry run changed the stored items")
	}

	real, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{Examples: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, "retag", real, 4, 3, wantTags)
	checkInvariants(t, d)
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		want := fn(&it)
		if !tagfeed.SameTags(it.Tags, want) {
			t.Errorf("item %s: tags %v, want %v", it.Key, it.TagNames(), want)
		}
		wantUpdated := clock.Now()
		if it.Key == "2" {
			wantUpdated = wantUpdated.Add(-time.Hour)
		}
		if !it.Updated.Equal(wantUpdated) {
			t.Errorf("item %s: updated %v, want %v", it.Key, it.Updated, wantUpdated)
		}
	}

	again, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, "second retag", again, 4, 0, map[string]*tagfeed.TagChange{})
}

func checkReport(t *testing.T, name string, r tagfeed.RetagReport, items, changed int, tags map[string]*tagfeed.TagChange) {
	t.Helper()
	if r.Items != items || r.Changed != changed {
		t.Errorf("%s: items %d, changed %d; want %d, %d", name, r.Items, r.Changed, items, changed)
	}
	if len(r.Tags) != len(tags) {
		t.Errorf("%s: %d tags changed, want %d", name, len(r.Tags), len(tags))
	}
	for tag, want := range tags {
		got := r.Tags[tag]
		if got == nil || got.Gained != want.Gained || got.Lost != want.Lost ||
			!slices.Equal(exampleTitles(got.GainedExamples), exampleTitles(want.GainedExamples)) ||
			!slices.Equal(exampleTitles(got.LostExamples), exampleTitles(want.LostExamples)) {
			t.Errorf("%s: tag %s = %+v, want %+v", name, tag, got, want)
		}
	}
}

func sameItems(a, b []tagfeed.Item) bool {
	return slices.EqualFunc(a, b, func(x, y tagfeed.Item) bool {
		return x.ID == y.ID && x.Updated.Equal(y.Updated) && tagfeed.SameTags(x.Tags, y.Tags)
	})
}

func TestRetagChunks(t *testing.T) {
	d, _ := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	n := ingest.RetagChunkSize*2 + 7
	batch := make([]tagfeed.Item, n)
	for i := range batch {
		batch[i] = item(strconv.Itoa(i), "ai")
	}
	mustSave(t, d, src, batch...)
	var calls []int
	r, err := ingest.Retag(context.Background(), d, titleTagger("ai"), tagfeed.RetagOptions{
		Progress: func(done, total int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if r.Items != n || r.Changed != n || r.Tags["ai"].Gained != n {
		t.Errorf("report %+v, want %d items all gaining ai", r, n)
	}
	if want := []int{ingest.RetagChunkSize, 2 * ingest.RetagChunkSize, n}; !slices.Equal(calls, want) {
		t.Errorf("progress calls %v, want %v", calls, want)
	}
	counts, _ := d.TagCounts(context.Background())
	if counts["ai"] != n {
		t.Errorf("ai count %d, want %d", counts["ai"], n)
	}
	checkInvariants(t, d)
}

// TestRetagKeepsTagsOfItemsEditedMeanwhile edits an item while Retag is
// between reading it and writing its new tags: the fetch's tags, made from
// the new content, must win over tags computed from the old, and the
// report must not count the change that was not made.
func TestRetagKeepsTagsOfItemsEditedMeanwhile(t *testing.T) {
	d, _ := MustOpen(t)
	ctx := context.Background()
	src := mustSource(t, d, "https://example.org/rss")
	mustSave(t, d, src, item("1", "ai"), item("2", "ai"))

	edited := item("1", "energy now", "energy")
	fn := func(it *tagfeed.Item) []tagfeed.ItemTag {
		if it.Key == "1" {
			// A fetch lands after Retag read the chunk.
			if _, err := d.SaveFetch(ctx, src, []tagfeed.Item{edited}, ingest.Decide); err != nil {
				t.Errorf("SaveFetch during Retag: %v", err)
			}
		}
		return titleTagger("ai")(it)
	}
	report, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{Examples: 5})
	if err != nil {
		t.Fatal(err)
	}
	// The report tells what was written: item 2 only.
	if ai := report.Tags["ai"]; report.Changed != 1 || ai == nil || ai.Gained != 1 || !slices.Equal(exampleTitles(ai.GainedExamples), []string{"ai"}) {
		t.Errorf("report: %d changed, ai %+v; want 1 changed, ai gained by item 2 only", report.Changed, ai)
	}
	got := map[string][]string{}
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		got[it.Key] = it.TagNames()
	}
	if !slices.Equal(got["1"], []string{"energy"}) || !slices.Equal(got["2"], []string{"ai"}) {
		t.Errorf("tags = %v, want 1: [energy] (from the fetch), 2: [ai] (from the retag)", got)
	}
}

func TestRetagCanceled(t *testing.T) {
	d, _ := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	mustSave(t, d, src, item("1", "ai"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ingest.Retag(ctx, d, titleTagger("ai"), tagfeed.RetagOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Retag with a canceled context: err = %v, want context.Canceled", err)
	}
	if _, err := d.SaveFetch(ctx, src, []tagfeed.Item{item("2", "B")}, ingest.Decide); !errors.Is(err, context.Canceled) {
		t.Errorf("SaveFetch with a canceled context: err = %v, want context.Canceled", err)
	}
	if c, _ := d.Counts(context.Background()); c.Items != 1 || c.ItemTags != 0 {
		t.Errorf("counts %+v after canceled calls, want 1 item and no tags", c)
	}
}

func exampleTitles(examples []tagfeed.RetagExample) []string {
	var titles []string
	for _, ex := range examples {
		titles = append(titles, ex.Title)
	}
	return titles
}

// TestRetagExplainsExamples checks that with RetagOptions.Explain each
// example carries its tag's explanation under the new rules, and the zero
// one where the new rules found nothing of the tag.
func TestRetagExplainsExamples(t *testing.T) {
	ctx := context.Background()
	d, _ := MustOpen(t)
	src := mustSource(t, d, "https://example.org/feed")
	mustSave(t, d, src, item("1", "ai energy", "ai"))
	fn := titleTagger("energy")
	report, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{DryRun: true, Examples: 3, Explain: fn})
	if err != nil {
		t.Fatal(err)
	}
	gained, lost := report.Tags["energy"].GainedExamples, report.Tags["ai"].LostExamples
	if len(gained) != 1 || gained[0].Why.Tag != "energy" || gained[0].Title != "ai energy" {
		t.Errorf("gained examples %+v, want one explained by its energy tag", gained)
	}
	if len(lost) != 1 || lost[0].Why.Tag != "" {
		t.Errorf("lost examples %+v, want one with nothing found", lost)
	}
}
