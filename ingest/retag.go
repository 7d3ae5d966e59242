package ingest

import (
	"context"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// Retag tags every stored item again with fn and stores the tags that
// changed, as Decide says: an item that gains or loses a tag is updated,
// one whose tags only score or explain differently keeps its dates. It
// reports, per tag, how many items gained and lost it, with examples,
// explained by opts.Explain if it is set. With opts.DryRun nothing is
// written, and the report says what would change.
func Retag(ctx context.Context, store tagfeed.Store, fn tagfeed.TagFunc, opts tagfeed.RetagOptions) (tagfeed.RetagReport, error) {
	report := tagfeed.RetagReport{Tags: map[string]*tagfeed.TagChange{}}
	n, err := store.Retag(ctx, tagfeed.RetagPass{
		Tag: fn, Policy: Decide, DryRun: opts.DryRun, Progress: opts.Progress,
		Changed: func(item *tagfeed.Item, outcome tagfeed.Outcome, old, new []string) {
			if outcome == tagfeed.Rescored {
				report.Rescored++
				return
			}
			report.Changed++
			noteChange(&report, opts, item, old, new)
		},
	})
	report.Items = n
	return report, err // the store's error says where it comes from
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
