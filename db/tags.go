package db

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// tagRow is one item_tags row as stored: the matches and the rest of the
// explanation as JSON text.
type tagRow struct {
	Tag      string
	Score    float64
	Matches  string
	Evidence string
}

// evidenceJSON is how the rest of a tag's explanation is stored in
// item_tags.evidence.
type evidenceJSON struct {
	Threshold float64             `json:"threshold"`
	BodyWords int                 `json:"body_words,omitempty"`
	Terms     []tagfeed.TermScore `json:"terms,omitempty"`
	Cancelled []tagfeed.Cancel    `json:"cancelled,omitempty"`
}

// matchJSON is how one tagfeed.Match is stored in item_tags.matches.
type matchJSON struct {
	Term  string        `json:"term"`
	Field tagfeed.Field `json:"field"`
	Count int           `json:"count"`
}

// encodeTags turns an item's tags into rows sorted by tag name, the last
// one winning when a name repeats. The encoding is deterministic, so two tag
// lists are tagfeed.SameTags exactly when their rows are equal.
func encodeTags(tags []tagfeed.ItemTag) ([]tagRow, error) {
	rows := make([]tagRow, 0, len(tags))
	for _, t := range tags {
		ms := make([]matchJSON, len(t.Matches))
		for i, m := range t.Matches {
			ms[i] = matchJSON{Term: m.Term, Field: m.Field, Count: m.Count}
		}
		b, err := json.Marshal(ms)
		if err != nil {
			return nil, fmt.Errorf("encode matches of tag %q: %w", t.Tag, err)
		}
		ev, err := json.Marshal(evidenceJSON{Threshold: t.Threshold, BodyWords: t.BodyWords, Terms: t.Terms, Cancelled: t.Cancelled})
		if err != nil {
			return nil, fmt.Errorf("encode evidence of tag %q: %w", t.Tag, err)
		}
		rows = append(rows, tagRow{Tag: t.Tag, Score: t.Score, Matches: string(b), Evidence: string(ev)})
	}
	slices.SortStableFunc(rows, func(a, b tagRow) int { return cmp.Compare(a.Tag, b.Tag) })
	// Keep the last of each run of equal names.
	out := rows[:0]
	for i, r := range rows {
		if i+1 < len(rows) && rows[i+1].Tag == r.Tag {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// decode turns a stored row back into an ItemTag.
func (r tagRow) decode() (tagfeed.ItemTag, error) {
	t := tagfeed.ItemTag{Tag: r.Tag, Score: r.Score}
	var ms []matchJSON
	if err := json.Unmarshal([]byte(r.Matches), &ms); err != nil {
		return t, fmt.Errorf("decode matches of tag %q: %w", r.Tag, err)
	}
	for _, m := range ms {
		t.Matches = append(t.Matches, tagfeed.Match{Term: m.Term, Field: m.Field, Count: m.Count})
	}
	var ev evidenceJSON
	if err := json.Unmarshal([]byte(r.Evidence), &ev); err != nil {
		return t, fmt.Errorf("decode evidence of tag %q: %w", r.Tag, err)
	}
	t.Threshold, t.BodyWords, t.Terms, t.Cancelled = ev.Threshold, ev.BodyWords, ev.Terms, ev.Cancelled
	return t, nil
}

// sameTagNames reports whether two sorted tag row lists name the same tags.
func sameTagNames(a, b []tagRow) bool {
	return slices.EqualFunc(a, b, func(x, y tagRow) bool { return x.Tag == y.Tag })
}

// tagNames returns the names in rows, which are sorted.
func tagNames(rows []tagRow) []string {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Tag
	}
	return names
}

const (
	sqlDeleteTags    = `DELETE FROM item_tags WHERE item_id = ?`
	sqlInsertTag     = `INSERT INTO item_tags (item_id, tag, score, matches, evidence, published) VALUES (?, ?, ?, ?, ?, ?)`
	sqlTagsPublished = `UPDATE item_tags SET published = ? WHERE item_id = ?`
)

// replaceTags deletes the item's tags and writes rows in their place.
func (w *writer) replaceTags(itemID, published int64, rows []tagRow) error {
	w.wroteTags = true
	if _, err := w.exec(sqlDeleteTags, itemID); err != nil {
		return err
	}
	return w.insertTags(itemID, published, rows)
}

// insertTags writes the tag rows of an item that has none.
func (w *writer) insertTags(itemID, published int64, rows []tagRow) error {
	for _, r := range rows {
		if _, err := w.exec(sqlInsertTag, itemID, r.Tag, r.Score, r.Matches, r.Evidence, published); err != nil {
			return fmt.Errorf("tag %q: %w", r.Tag, err)
		}
	}
	return nil
}
