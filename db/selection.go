package db

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// selectionQuery builds the SELECT of the items sel selects, as cheap for
// SQLite as the selection allows:
//
//   - with a search, from the search index, read as how says (see
//     searchFrom): ranked best first, or every match for a count;
//   - with tags to have, from the item_tags index of the first, which
//     keeps each tag's items newest first, probing each item for the rest;
//   - else from the items, newest first (of one source, from its own
//     index), probing each for its tags.
func (d *DB) selectionQuery(sel tagfeed.Selection, how searchMode) (string, []any, error) {
	var q selectionSQL
	switch {
	case sel.Search != "":
		q.filterTags(sel.AllTags, sel.AnyTags)
		q.window(tagfeed.Selection{Since: sel.Since, Until: sel.Until}, "i.published", "i.id")
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
	if sel.Search != "" {
		if err := d.searchFrom(&q, sel.Search, how); err != nil {
			return "", nil, err
		}
	}
	query, args := q.build(sel)
	return query, args, nil
}

// selectionSQL collects the parts of a selection's SELECT. The FROM's
// arguments are kept apart from the conditions', so that the FROM can be
// set last: a search's takes the conditions into itself.
type selectionSQL struct {
	fromSQL  string
	fromArgs []any
	conds    []string
	condArgs []any
	order    string
}

func (q *selectionSQL) from(sql string, args ...any) {
	q.fromSQL = sql
	q.fromArgs = args
}

func (q *selectionSQL) where(cond string, args ...any) {
	q.conds = append(q.conds, cond)
	q.condArgs = append(q.condArgs, args...)
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

// build returns the SELECT and its arguments.
func (q *selectionSQL) build(sel tagfeed.Selection) (string, []any) {
	var b strings.Builder
	args := append(slices.Clip(q.fromArgs), q.condArgs...)
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
		args = append(args, max(sel.Limit, -1))
		if sel.Search != "" && sel.Offset > 0 {
			b.WriteString(` OFFSET ?`)
			args = append(args, sel.Offset)
		}
	}
	return b.String(), args
}

// searchError says that FTS5 could not read a query, should it come to
// that: the queries it gets are built from parsed searches.
func searchError(err error) error {
	if err != nil && strings.Contains(err.Error(), "fts5") {
		return fmt.Errorf("%w: %w", tagfeed.ErrBadSearch, err)
	}
	return err
}
