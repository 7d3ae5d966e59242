package main

import (
	"fmt"
	"io"
	"strconv"

	tagfeed "github.com/tagfeed/tagfeed"
)

// tagEvidence is why an item has a tag, or does not, in the JSON of tag,
// items and eval.
type tagEvidence struct {
	Tag       string              `json:"tag"`
	Score     float64             `json:"score"`
	Threshold float64             `json:"threshold"`
	Matches   []matchEvidence     `json:"matches"`
	Terms     []tagfeed.TermScore `json:"terms"`
	Cancelled []tagfeed.Cancel    `json:"cancelled,omitempty"`
	BodyWords int                 `json:"body_words"`
	Excluded  string              `json:"excluded,omitempty"`
}

type matchEvidence struct {
	Term  string `json:"term"`
	Field string `json:"field"`
	Count int    `json:"count"`
}

func tagNames(tags []tagfeed.ItemTag) []string {
	names := make([]string, 0, len(tags))
	for _, t := range tags {
		names = append(names, t.Tag)
	}
	return names
}

// explain turns tags and their explanations into JSON evidence.
func explain(tags []tagfeed.ItemTag) []tagEvidence {
	out := make([]tagEvidence, 0, len(tags))
	for _, t := range tags {
		out = append(out, evidenceOf(t))
	}
	return out
}

func evidenceOf(t tagfeed.ItemTag) tagEvidence {
	ev := tagEvidence{Tag: t.Tag, Score: t.Score, Threshold: t.Threshold, BodyWords: t.BodyWords,
		Excluded: t.Excluded, Matches: []matchEvidence{}, Terms: t.Terms, Cancelled: t.Cancelled}
	if ev.Terms == nil {
		ev.Terms = []tagfeed.TermScore{}
	}
	for _, m := range t.Matches {
		ev.Matches = append(ev.Matches, matchEvidence{Term: m.Term, Field: string(m.Field), Count: m.Count})
	}
	return ev
}

// writeExplanation prints why a tag applies or not: the score against the
// threshold, then each term's points and where it was found, then the hits
// that were other senses.
func writeExplanation(w io.Writer, t tagfeed.ItemTag, indent string) {
	verdict := "≥"
	if !t.Applies() {
		verdict = "<"
	}
	fmt.Fprintf(w, "%s%s  score %s %s %s", indent, t.Tag, points(t.Score), verdict, points(t.Threshold))
	if t.BodyWords > 0 {
		fmt.Fprintf(w, "  (body %d words)", t.BodyWords)
	}
	if t.Excluded != "" {
		fmt.Fprintf(w, "  vetoed by exclude %q", t.Excluded)
	}
	fmt.Fprintln(w)
	for _, s := range t.Terms {
		fmt.Fprintf(w, "%s  %6s  %-22q %-8s %s\n", indent, signed(s.Points), s.Term, s.Role, s.Where())
	}
	for _, c := range t.Cancelled {
		fmt.Fprintf(w, "%s  cancelled %q ×%d: another sense, %q\n", indent, c.Term, c.Count, c.Sense)
	}
}

func points(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func signed(x float64) string {
	if x >= 0 {
		return "+" + strconv.FormatFloat(x, 'f', 1, 64)
	}
	return "−" + strconv.FormatFloat(-x, 'f', 1, 64)
}
