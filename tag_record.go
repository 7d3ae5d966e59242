package tagfeed

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
)

// TagRecord is an item's tag as a store keeps it: its name and score, and
// the rest of its explanation as JSON text. EncodeTags writes records
// deterministically, so two tag lists are SameTags exactly when their
// records are equal, and a store can compare what it holds with what it
// is given without decoding it.
type TagRecord struct {
	Tag   string
	Score float64
	// Matches is a JSON array of {"term", "field", "count"}.
	Matches string
	// Evidence is a JSON object: {"threshold", "body_words", "terms",
	// "cancelled"}, the terms and cancelled hits in their JSON forms.
	Evidence string
}

// evidenceJSON is the stored form of the explanation beside the matches.
type evidenceJSON struct {
	Threshold float64     `json:"threshold"`
	BodyWords int         `json:"body_words,omitempty"`
	Terms     []TermScore `json:"terms,omitempty"`
	Cancelled []Cancel    `json:"cancelled,omitempty"`
}

// matchJSON is the stored form of one Match.
type matchJSON struct {
	Term  string `json:"term"`
	Field Field  `json:"field"`
	Count int    `json:"count"`
}

// EncodeTags turns an item's tags into records sorted by tag name, the
// last one winning when a name repeats.
func EncodeTags(tags []ItemTag) ([]TagRecord, error) {
	recs := make([]TagRecord, 0, len(tags))
	for _, t := range tags {
		ms := make([]matchJSON, len(t.Matches))
		for i, m := range t.Matches {
			ms[i] = matchJSON{Term: m.Term, Field: m.Field, Count: m.Count}
		}
		matches, err := json.Marshal(ms)
		if err != nil {
			return nil, fmt.Errorf("encode matches of tag %q: %w", t.Tag, err)
		}
		ev, err := json.Marshal(evidenceJSON{Threshold: t.Threshold, BodyWords: t.BodyWords, Terms: t.Terms, Cancelled: t.Cancelled})
		if err != nil {
			return nil, fmt.Errorf("encode evidence of tag %q: %w", t.Tag, err)
		}
		recs = append(recs, TagRecord{Tag: t.Tag, Score: t.Score, Matches: string(matches), Evidence: string(ev)})
	}
	slices.SortStableFunc(recs, func(a, b TagRecord) int { return cmp.Compare(a.Tag, b.Tag) })
	out := recs[:0]
	for i, r := range recs {
		if i+1 < len(recs) && recs[i+1].Tag == r.Tag {
			continue // a later one of the same name wins
		}
		out = append(out, r)
	}
	return out, nil
}

// Decode turns a record back into the tag it was made from.
func (r TagRecord) Decode() (ItemTag, error) {
	t := ItemTag{Tag: r.Tag, Score: r.Score}
	var ms []matchJSON
	if err := json.Unmarshal([]byte(r.Matches), &ms); err != nil {
		return t, fmt.Errorf("decode matches of tag %q: %w", r.Tag, err)
	}
	for _, m := range ms {
		t.Matches = append(t.Matches, Match{Term: m.Term, Field: m.Field, Count: m.Count})
	}
	var ev evidenceJSON
	if err := json.Unmarshal([]byte(r.Evidence), &ev); err != nil {
		return t, fmt.Errorf("decode evidence of tag %q: %w", r.Tag, err)
	}
	t.Threshold, t.BodyWords, t.Terms, t.Cancelled = ev.Threshold, ev.BodyWords, ev.Terms, ev.Cancelled
	return t, nil
}

// SameTagNames reports whether two record lists, sorted as EncodeTags
// sorts them, name the same tags.
func SameTagNames(a, b []TagRecord) bool {
	return slices.EqualFunc(a, b, func(x, y TagRecord) bool { return x.Tag == y.Tag })
}

// TagRecordNames returns the names of the records, in their order.
func TagRecordNames(recs []TagRecord) []string {
	names := make([]string, len(recs))
	for i, r := range recs {
		names[i] = r.Tag
	}
	return names
}

// EncodeEnclosures turns an item's enclosures into the JSON array a store
// keeps: "[]" for none.
func EncodeEnclosures(es []Enclosure) (string, error) {
	if len(es) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(es)
	if err != nil {
		return "", fmt.Errorf("encode enclosures: %w", err)
	}
	return string(b), nil
}

// DecodeEnclosures reads what EncodeEnclosures wrote.
func DecodeEnclosures(s string) ([]Enclosure, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var es []Enclosure
	if err := json.Unmarshal([]byte(s), &es); err != nil {
		return nil, fmt.Errorf("decode enclosures: %w", err)
	}
	return es, nil
}
