package db

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// The conformance suite (storetest) checks what a retag stores and
// reports, with SQLite's invariants checked after it; these tests check
// how ingest.Retag drives this store: in chunks, canceled, explained.

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
