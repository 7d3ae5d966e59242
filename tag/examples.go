package tag

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// ExampleFailure is an example of a tag's rule that the rule gets wrong.
type ExampleFailure struct {
	Tag  string
	Key  string // where the example is in the config: tags.ai.examples.tagged[2]
	Text string
	Want bool // the example must get the tag
	// Explain is why the engine decided as it did: the tag's explanation,
	// or its zero value when no term of the tag was found.
	Explain tagfeed.ItemTag
}

// Error quotes the example's first line and says how its score missed.
func (f ExampleFailure) Error() string {
	first, _, _ := strings.Cut(f.Text, "\n")
	if f.Want {
		return fmt.Sprintf("example %q does not get the tag %s: score %v < %v", first, f.Tag, f.Explain.Score, f.Explain.Threshold)
	}
	return fmt.Sprintf("example %q gets the tag %s, which it must not: score %v ≥ %v", first, f.Tag, f.Explain.Score, f.Explain.Threshold)
}

// CheckExamples tags every example of every rule, each read into an item
// by read as an article file is read, and returns how many were checked
// and those the rules get wrong, in the order of the tags' names.
func (e *Engine) CheckExamples(read func(text string) (tagfeed.Item, error)) (checked int, failures []ExampleFailure, err error) {
	for _, r := range e.rules {
		ex := e.examples[r.name]
		for _, set := range []struct {
			name  string
			texts []string
			want  bool
		}{{"tagged", ex.Tagged, true}, {"not_tagged", ex.NotTagged, false}} {
			for i, text := range set.texts {
				key := fmt.Sprintf("tags.%s.examples.%s[%d]", r.name, set.name, i)
				item, err := read(text)
				if err != nil {
					return checked, failures, fmt.Errorf("tag: %s: %w", key, err)
				}
				checked++
				tags := e.Explain(&item)
				at := slices.IndexFunc(tags, func(t tagfeed.ItemTag) bool { return t.Tag == r.name })
				var got tagfeed.ItemTag
				if at >= 0 {
					got = tags[at]
				} else {
					got.Threshold = r.threshold
				}
				if (at >= 0 && got.Applies()) != set.want {
					failures = append(failures, ExampleFailure{Tag: r.name, Key: key, Text: text, Want: set.want, Explain: got})
				}
			}
		}
	}
	return checked, failures, nil
}
