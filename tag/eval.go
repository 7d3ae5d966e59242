package tag

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// Label is the verdict of a person on one article: for each tag, whether
// the article belongs to it.
type Label struct {
	Tags map[string]bool
	Why  string // a few words on the decision
	// Borderline marks an article that could reasonably go either way; it
	// is left out of the figures.
	Borderline bool
}

// ParseLabels reads a labelled set: a JSON object from file names to
// objects with a true or false for each tag and a "why". An article whose
// "why" says "borderline", or that has "borderline": true, is borderline.
func ParseLabels(data []byte) (map[string]Label, error) {
	var raw map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("tag: labels: %w", err)
	}
	labels := make(map[string]Label, len(raw))
	for name, fields := range raw {
		l := Label{Tags: make(map[string]bool)}
		for key, v := range fields {
			var err error
			switch key {
			case "why":
				err = json.Unmarshal(v, &l.Why)
			case "borderline":
				err = json.Unmarshal(v, &l.Borderline)
			default:
				var b bool
				err = json.Unmarshal(v, &b)
				l.Tags[key] = b
			}
			if err != nil {
				return nil, fmt.Errorf("tag: labels: %s: %q: %w", name, key, err)
			}
		}
		l.Borderline = l.Borderline || strings.Contains(strings.ToLower(l.Why), "borderline")
		labels[name] = l
	}
	return labels, nil
}

// Evaluation is how well the rules agree with a labelled set.
type Evaluation struct {
	Articles   int // articles counted
	Borderline int // articles left out as borderline
	Tags       []TagEvaluation
}

// TagEvaluation is how well one tag's rule agrees with the labels.
type TagEvaluation struct {
	Tag            string
	Positives      int // articles labelled with the tag
	TP, FP, FN     int // true positives, false positives, false negatives
	FalsePositives []Case
	FalseNegatives []Case
}

// Precision is TP / (TP + FP); ok is false when the rule tagged nothing.
func (t TagEvaluation) Precision() (p float64, ok bool) { return ratio(t.TP, t.TP+t.FP) }

// Recall is TP / (TP + FN); ok is false when nothing is labelled with the tag.
func (t TagEvaluation) Recall() (r float64, ok bool) { return ratio(t.TP, t.TP+t.FN) }

// F1 is the harmonic mean of precision and recall; ok is false when
// either is undefined or both are 0.
func (t TagEvaluation) F1() (f float64, ok bool) {
	p, okP := t.Precision()
	r, okR := t.Recall()
	if !okP || !okR || p+r == 0 {
		return 0, false
	}
	return 2 * p * r / (p + r), true
}

func ratio(a, b int) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	return float64(a) / float64(b), true
}

// Case is an article the rule got wrong, with the engine's explanation
// for the tag (its zero value when no term of the tag was found).
type Case struct {
	Name    string
	Title   string
	Why     string // the label's reason
	Explain tagfeed.ItemTag
}

// Evaluate tags every labelled article and compares the result with the
// labels, tag by tag, for the tags the engine has that the labels name.
// items holds the articles by the same names as labels; a label without
// an article is an error, so that a typo does not pass unnoticed.
func (e *Engine) Evaluate(labels map[string]Label, items map[string]*tagfeed.Item) (Evaluation, error) {
	names := make([]string, 0, len(labels))
	for name := range labels {
		if _, ok := items[name]; !ok {
			return Evaluation{}, fmt.Errorf("tag: evaluate: no article for the label %q", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	var ev Evaluation
	byTag := make(map[string]*TagEvaluation)
	for _, r := range e.rules {
		for _, name := range names {
			if _, ok := labels[name].Tags[r.name]; ok {
				ev.Tags = append(ev.Tags, TagEvaluation{Tag: r.name})
				break
			}
		}
	}
	for i := range ev.Tags {
		byTag[ev.Tags[i].Tag] = &ev.Tags[i]
	}
	for _, name := range names {
		l := labels[name]
		if l.Borderline {
			ev.Borderline++
			continue
		}
		ev.Articles++
		item := items[name]
		explained := e.Explain(item)
		for tagName, te := range byTag {
			want := l.Tags[tagName]
			var ex tagfeed.ItemTag
			for _, t := range explained {
				if t.Tag == tagName {
					ex = t
				}
			}
			got := ex.Tag != "" && ex.Applies()
			if want {
				te.Positives++
			}
			c := Case{Name: name, Title: item.Title, Why: l.Why, Explain: ex}
			switch {
			case got && want:
				te.TP++
			case got:
				te.FP++
				te.FalsePositives = append(te.FalsePositives, c)
			case want:
				te.FN++
				te.FalseNegatives = append(te.FalseNegatives, c)
			}
		}
	}
	return ev, nil
}
