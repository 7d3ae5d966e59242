package db

import (
	"context"
	"github.com/tagfeed/tagfeed/ingest"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// rescored returns the tag with its score and explanation changed, as a
// new synonym in the rules would change them.
func rescored(tags []tagfeed.ItemTag) []tagfeed.ItemTag {
	out := make([]tagfeed.ItemTag, len(tags))
	for i, t := range tags {
		out[i] = tagfeed.ItemTag{Tag: t.Tag, Score: t.Score + 1, Matches: append(t.Matches[:len(t.Matches):len(t.Matches)],
			tagfeed.Match{Term: "synonym", Field: tagfeed.FieldSummary, Count: 1})}
	}
	return out
}

// TestRescoringIsNotAnUpdate changes only the scores and matched terms of
// an item's tags: the explanations are rewritten, but the item keeps its
// updated time, because to a reader it is the same item with the same
// categories.
func TestRescoringIsNotAnUpdate(t *testing.T) {
	d, clock := MustOpen(t)
	ctx := context.Background()
	src := mustSource(t, d, "https://example.org/rss")
	stored := item("1", "ai news", "ai")
	mustSave(t, d, src, stored)
	before := mustItems(t, d, tagfeed.Selection{})[0]
	clock.Advance(time.Hour)

	t.Run("retag", func(t *testing.T) {
		fn := func(it *tagfeed.Item) []tagfeed.ItemTag { return rescored(stored.Tags) }
		report, err := ingest.Retag(ctx, d, fn, tagfeed.RetagOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if report.Changed != 0 || report.Rescored != 1 || len(report.Tags) != 0 {
			t.Errorf("report = %+v, want 0 changed, 1 rescored, no tag gained or lost", report)
		}
		after := mustItems(t, d, tagfeed.Selection{})[0]
		if !after.Updated.Equal(before.Updated) {
			t.Errorf("updated moved from %v to %v", before.Updated, after.Updated)
		}
		if !tagfeed.SameTags(after.Tags, rescored(stored.Tags)) {
			t.Errorf("tags = %+v, want the new explanations stored", after.Tags)
		}
	})

	t.Run("save", func(t *testing.T) {
		again := stored
		again.Tags = rescored(rescored(stored.Tags))
		counts, err := d.SaveFetch(ctx, src, []tagfeed.Item{again}, ingest.Decide)
		if err != nil {
			t.Fatal(err)
		}
		if counts != (tagfeed.SaveCounts{Unchanged: 1}) {
			t.Errorf("counts = %+v, want the item unchanged", counts)
		}
		after := mustItems(t, d, tagfeed.Selection{})[0]
		if !after.Updated.Equal(before.Updated) || !tagfeed.SameTags(after.Tags, again.Tags) {
			t.Errorf("after save: updated %v (want %v), tags %+v (want %+v)", after.Updated, before.Updated, after.Tags, again.Tags)
		}
	})
}
