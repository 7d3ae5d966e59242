package ingest

import (
	"context"
	"fmt"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// RetagChunkSize is how many items Retag reads, tags and writes at a time.
const RetagChunkSize = 1000

// Retag tags every stored item again with fn and stores the tags that
// changed, as Decide says: an item that gains or loses a tag is updated,
// one whose tags only score or explain differently keeps its dates. It
// goes through the items in id order, a chunk at a time, each read in one
// snapshot and its changes written in one transaction, so that fetches go
// on meanwhile; an item whose content a fetch changed between the read
// and the write keeps the tags that fetch stored. It reports, per tag,
// how many items gained and lost it, with examples, explained by
// opts.Explain if it is set. With opts.DryRun nothing is written, and the
// report says what would change.
func Retag(ctx context.Context, store tagfeed.Store, fn tagfeed.TagFunc, opts tagfeed.RetagOptions) (tagfeed.RetagReport, error) {
	report := tagfeed.RetagReport{Tags: map[string]*tagfeed.TagChange{}}
	total, err := store.Count(ctx, tagfeed.Selection{}) // from the sources' counts
	if err != nil {
		return report, fmt.Errorf("retag: %w", err)
	}
	var after int64
	for {
		chunk, err := store.ReadRetag(ctx, after, RetagChunkSize)
		if err != nil {
			return report, fmt.Errorf("retag: read items after id %d: %w", after, err)
		}
		if len(chunk.Items) == 0 {
			return report, nil
		}
		first, last := chunk.Items[0].Item.ID, chunk.Items[len(chunk.Items)-1].Item.ID
		changes, err := retagChanges(chunk, fn)
		if err != nil {
			return report, fmt.Errorf("retag: %w", err)
		}
		if !opts.DryRun && len(changes) > 0 {
			if changes, err = store.WriteRetag(ctx, changes); err != nil {
				return report, fmt.Errorf("retag: write items %d to %d: %w", first, last, err)
			}
		}
		for _, c := range changes {
			if c.Decision.Outcome == tagfeed.Rescored {
				report.Rescored++
				continue
			}
			report.Changed++
			noteChange(&report, opts, c.Item, tagfeed.TagRecordNames(c.Old), tagfeed.TagRecordNames(c.Tags))
		}
		after = last
		report.Items += len(chunk.Items)
		if opts.Progress != nil {
			opts.Progress(report.Items, max(total, report.Items))
		}
	}
}

// retagChanges tags the items of chunk with fn, and returns the changes
// of those whose tags differ from the stored ones, with how Decide stores
// them.
func retagChanges(chunk tagfeed.RetagChunk, fn tagfeed.TagFunc) ([]tagfeed.RetagChange, error) {
	var changes []tagfeed.RetagChange
	for i := range chunk.Items {
		c := &chunk.Items[i]
		tags, err := tagfeed.EncodeTags(fn(&c.Item))
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", c.Item.ID, err)
		}
		if slices.Equal(tags, c.Tags) {
			continue
		}
		known := &tagfeed.StoredItem{Published: c.Published, FirstSeen: c.FirstSeen, SameContent: true,
			SameTagNames: tagfeed.SameTagNames(c.Tags, tags)}
		changes = append(changes, tagfeed.RetagChange{Item: &c.Item, Hash: c.Hash, Old: c.Tags, Tags: tags,
			Decision: Decide(known, &c.Item, chunk.Read)})
	}
	return changes, nil
}

// noteChange counts the tags an item gained and lost; old and new are
// sorted. Examples are explained by opts.Explain, if it is set.
func noteChange(report *tagfeed.RetagReport, opts tagfeed.RetagOptions, item *tagfeed.Item, old, new []string) {
	var why []tagfeed.ItemTag // the item's explanation, made once if needed
	example := func(examples []tagfeed.RetagExample, tag string) []tagfeed.RetagExample {
		if len(examples) >= opts.Examples {
			return examples
		}
		ex := tagfeed.RetagExample{Title: item.Title}
		if ex.Title == "" {
			ex.Title = item.Key
		}
		if opts.Explain != nil {
			if why == nil {
				why = opts.Explain(item)
			}
			if i := slices.IndexFunc(why, func(t tagfeed.ItemTag) bool { return t.Tag == tag }); i >= 0 {
				ex.Why = why[i]
			}
		}
		return append(examples, ex)
	}
	for _, tag := range missing(new, old) {
		c := tagChange(report, tag)
		c.Gained++
		c.GainedExamples = example(c.GainedExamples, tag)
	}
	for _, tag := range missing(old, new) {
		c := tagChange(report, tag)
		c.Lost++
		c.LostExamples = example(c.LostExamples, tag)
	}
}

// missing returns the names in a that the sorted list b lacks.
func missing(a, b []string) []string {
	var out []string
	for _, name := range a {
		if _, found := slices.BinarySearch(b, name); !found {
			out = append(out, name)
		}
	}
	return out
}

// tagChange returns the report's entry for tag, adding it if needed.
func tagChange(report *tagfeed.RetagReport, tag string) *tagfeed.TagChange {
	c := report.Tags[tag]
	if c == nil {
		c = &tagfeed.TagChange{}
		report.Tags[tag] = c
	}
	return c
}
