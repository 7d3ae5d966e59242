package db

import (
	"fmt"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// selectionQuery builds the SELECT of the items sel selects, as cheap for
// SQLite as the selection allows:
//
//   - with a search, from the search index, both passes (the normalized
//     columns, then, for a query typed without diacritics, the columns
//     without them) in one query, an item ranked by its best pass, then by
//     bm25, then newest first;
//   - with tags to have, from the item_tags index of the first, which
//     keeps each tag's items newest first, probing each item for the rest;
//   - else from the items, newest first (of one source, from its own
//     index), probing each for its tags.
func (d *DB) selectionQuery(sel tagfeed.Selection) (string, []any, error) {
	var q selectionSQL
	switch {
	case sel.Search != "":
		sq, err := tagfeed.ParseSearch(sel.Search)
		if err != nil {
			return "", nil, err
		}
		exact, bare := d.matchExpr(sq)
		if d.unaccented(sq) {
			q.from(`(SELECT id, min(pass) AS pass, min(score) AS score FROM (
				SELECT rowid AS id, 0 AS pass, rank AS score FROM search_exact WHERE search_exact MATCH ?
				UNION ALL
				SELECT rowid, 1, rank FROM search_bare WHERE search_bare MATCH ?
			) GROUP BY id) m JOIN items i ON i.id = m.id`, exact, bare)
		} else {
			q.from(`(SELECT rowid AS id, 0 AS pass, rank AS score FROM search_exact WHERE search_exact MATCH ?) m
				JOIN items i ON i.id = m.id`, exact)
		}
		q.order = ` ORDER BY m.pass, m.score, i.published DESC, i.id DESC`
		q.filterTags(sel.AllTags, sel.AnyTags)
	case len(sel.AllTags) > 0 && sel.SourceID == 0:
		q.from(`item_tags t0 JOIN items i ON i.id = t0.item_id`)
		q.where(`t0.tag = ?`, sel.AllTags[0])
		q.filterTags(sel.AllTags[1:], sel.AnyTags)
		q.window(sel, "t0.published", "t0.item_id")
		q.order = ` ORDER BY t0.published DESC, t0.item_id DESC`
	default:
		q.from(`items i`)
		q.filterTags(sel.AllTags, sel.AnyTags)
		q.window(sel, "i.published", "i.id")
		q.order = ` ORDER BY i.published DESC, i.id DESC`
	}
	if sel.Search != "" {
		q.window(tagfeed.Selection{Since: sel.Since, Until: sel.Until}, "i.published", "i.id")
	}
	if sel.SourceID != 0 {
		q.where(`i.source_id = ?`, sel.SourceID)
	}
	if sel.ID != 0 {
		q.where(`i.id = ?`, sel.ID)
	}
	if len(sel.InStories) > 0 {
		args := make([]any, len(sel.InStories))
		for i, id := range sel.InStories {
			args[i] = id
		}
		q.where(`i.story_id IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	}
	return q.build(sel), q.args, nil
}

// selectionSQL collects the parts of a selection's SELECT.
type selectionSQL struct {
	fromSQL string
	conds   []string
	order   string
	args    []any
}

func (q *selectionSQL) from(sql string, args ...any) {
	q.fromSQL = sql
	q.args = append(q.args, args...)
}

func (q *selectionSQL) where(cond string, args ...any) {
	q.conds = append(q.conds, cond)
	q.args = append(q.args, args...)
}

// filterTags asks for every tag of all and at least one of anyOf.
func (q *selectionSQL) filterTags(all, anyOf []string) {
	for _, tag := range all {
		q.where(`EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ?)`, tag)
	}
	if len(anyOf) > 0 {
		args := make([]any, len(anyOf))
		for i, tag := range anyOf {
			args[i] = tag
		}
		q.where(`EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag IN (?`+
			strings.Repeat(", ?", len(anyOf)-1)+`))`, args...)
	}
}

// window bounds the publication dates, and continues after the cursor,
// on the given columns.
func (q *selectionSQL) window(sel tagfeed.Selection, published, id string) {
	if !sel.Since.IsZero() {
		q.where(published+` >= ?`, millis(sel.Since))
	}
	if !sel.Until.IsZero() {
		q.where(published+` < ?`, millis(sel.Until))
	}
	if c := sel.After; c != nil {
		at := millis(c.Published)
		q.where(`(`+published+` < ? OR `+published+` = ? AND `+id+` < ?)`, at, at, c.ID)
	}
}

func (q *selectionSQL) build(sel tagfeed.Selection) string {
	var b strings.Builder
	b.WriteString(`SELECT ` + itemColumns + ` FROM ` + q.fromSQL + ` JOIN sources s ON s.id = i.source_id`)
	for i, c := range q.conds {
		if i == 0 {
			b.WriteString(` WHERE `)
		} else {
			b.WriteString(` AND `)
		}
		b.WriteString(c)
	}
	b.WriteString(q.order)
	if sel.Limit > 0 || sel.Offset > 0 {
		b.WriteString(` LIMIT ?`)
		q.args = append(q.args, max(sel.Limit, -1))
		if sel.Search != "" && sel.Offset > 0 {
			b.WriteString(` OFFSET ?`)
			q.args = append(q.args, sel.Offset)
		}
	}
	return b.String()
}

// searchError says that FTS5 could not read a query, should it come to
// that: the queries it gets are built from parsed searches.
func searchError(err error) error {
	if err != nil && strings.Contains(err.Error(), "fts5") {
		return fmt.Errorf("%w: %w", tagfeed.ErrBadSearch, err)
	}
	return err
}
