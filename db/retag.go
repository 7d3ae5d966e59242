package db

import (
	"context"
	"fmt"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// retagChunk is how many items Retag reads, tags and writes at a time.
const retagChunk = 1000

// Retag applies fn to every stored item, in id order and in chunks, and
// stores the tags that changed: one write transaction per chunk, touching
// only the items whose tags differ. An item that gains or loses a tag is
// updated (its updated time becomes now); one whose tags only score or
// match differently gets its explanations rewritten and stays as it was
// for readers. The
// items handed to fn have ID, SourceID, Key, Title, Summary, Content and
// Author filled, and no tags. The report's examples are item titles (the
// key of an untitled item). With opts.DryRun nothing is written.
//
// Items are read from the read pool, so fetches go on meanwhile; an item
// whose content a fetch changed between the read and the write keeps the
// tags that fetch stored, and the report leaves it out.
func (d *DB) Retag(ctx context.Context, fn tagfeed.TagFunc, opts tagfeed.RetagOptions) (tagfeed.RetagReport, error) {
	report := tagfeed.RetagReport{Tags: map[string]*tagfeed.TagChange{}}
	if err := d.retag(ctx, fn, opts, &report); err != nil {
		return report, fmt.Errorf("db: retag: %w", err)
	}
	return report, nil
}

func (d *DB) retag(ctx context.Context, fn tagfeed.TagFunc, opts tagfeed.RetagOptions, report *tagfeed.RetagReport) error {
	total, err := d.itemCount(ctx)
	if err != nil {
		return err
	}
	var after int64
	for {
		chunk, err := d.readChunk(ctx, after, retagChunk)
		if err != nil {
			return fmt.Errorf("read items after id %d: %w", after, err)
		}
		if len(chunk) == 0 {
			return nil
		}
		var changes []retagChange
		for i := range chunk {
			c := &chunk[i]
			rows, err := encodeTags(fn(&c.item))
			if err != nil {
				return fmt.Errorf("item %d: %w", c.item.ID, err)
			}
			if slices.Equal(rows, c.tags) {
				continue
			}
			changes = append(changes, retagChange{id: c.item.ID, hash: c.hash, item: &c.item, old: c.tags, tags: rows})
		}
		if !opts.DryRun && len(changes) > 0 {
			if changes, err = d.writeRetag(ctx, changes); err != nil {
				return fmt.Errorf("write items %d to %d: %w", chunk[0].item.ID, chunk[len(chunk)-1].item.ID, err)
			}
		}
		for _, c := range changes {
			if !c.renamed() {
				report.Rescored++
				continue
			}
			report.Changed++
			noteChange(report, opts, c.item, tagNames(c.old), tagNames(c.tags))
		}
		after = chunk[len(chunk)-1].item.ID
		report.Items += len(chunk)
		if opts.Progress != nil {
			opts.Progress(report.Items, max(total, report.Items))
		}
	}
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
