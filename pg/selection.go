package pg

import (
	"strconv"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// rankWeights weigh the search vectors' parts for ts_rank, in the order
// D, C, B, A: a hit in the title (A) counts three times one in the body
// (D), as in SQLite's bm25(3.0, 1.0, …).
const rankWeights = `'{0.333, 0.333, 0.333, 1.0}'::float4[]`

// query collects the parts of a selection's SELECT. Its arguments are
// numbered as they are added, so parts may be written in any order.
type query struct {
	from  string
	conds []string
	order string
	args  []any
	// none is set when the selection can match nothing at all.
	none bool
}

// arg adds an argument and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *query) where(cond string) {
	q.conds = append(q.conds, cond)
}

// selection builds the SELECT of the items sel selects:
//
//   - with a search, from the search index: items that have the words as
//     typed first (pass 0), then, for a query typed without diacritics,
//     those that have them without (pass 1), each pass by rank, then
//     newest first;
//   - with tags to have, from the item_tags index of the first, which
//     keeps each tag's items newest first;
//   - else from the items, newest first.
func (s *Store) selection(sel tagfeed.Selection) (*query, error) {
	q := &query{}
	switch {
	case sel.Search != "":
		sq, err := tagfeed.ParseSearch(sel.Search)
		if err != nil {
			return nil, err
		}
		exact, ok := s.tsQuery(sq, false)
		if !ok {
			q.none = true
			return q, nil
		}
		e := `to_tsquery('simple', ` + q.arg(exact) + `)`
		if sq.Unaccented(s.forms) {
			bare, _ := s.tsQuery(sq, true)
			b := `to_tsquery('simple', ` + q.arg(bare) + `)`
			q.from = `(SELECT x.item_id AS id,
				CASE WHEN x.exact @@ ` + e + ` THEN 0 ELSE 1 END AS pass,
				CASE WHEN x.exact @@ ` + e + ` THEN ts_rank(` + rankWeights + `, x.exact, ` + e + `, 1)
					ELSE ts_rank(` + rankWeights + `, x.bare, ` + b + `, 1) END AS score
				FROM item_search x WHERE x.exact @@ ` + e + ` OR x.bare @@ ` + b + `) m JOIN items i ON i.id = m.id`
		} else {
			q.from = `(SELECT x.item_id AS id, 0 AS pass, ts_rank(` + rankWeights + `, x.exact, ` + e + `, 1) AS score
				FROM item_search x WHERE x.exact @@ ` + e + `) m JOIN items i ON i.id = m.id`
		}
		q.order = ` ORDER BY m.pass, m.score DESC, i.published DESC, i.id DESC`
		q.filterTags(sel.AllTags, sel.AnyTags)
		q.window(tagfeed.Selection{Since: sel.Since, Until: sel.Until}, "i.published", "i.id")
	case len(sel.AllTags) > 0 && sel.SourceID == 0:
		q.from = `item_tags t0 JOIN items i ON i.id = t0.item_id`
		q.where(`t0.tag = ` + q.arg(sel.AllTags[0]))
		q.filterTags(sel.AllTags[1:], sel.AnyTags)
		q.window(sel, "t0.published", "t0.item_id")
		q.order = ` ORDER BY t0.published DESC, t0.item_id DESC`
	default:
		q.from = `items i`
		q.filterTags(sel.AllTags, sel.AnyTags)
		q.window(sel, "i.published", "i.id")
		q.order = ` ORDER BY i.published DESC, i.id DESC`
	}
	if sel.SourceID != 0 {
		q.where(`i.source_id = ` + q.arg(sel.SourceID))
	}
	if sel.ID != 0 {
		q.where(`i.id = ` + q.arg(sel.ID))
	}
	if len(sel.InStories) > 0 {
		q.where(`i.story_id = ANY(` + q.arg(sel.InStories) + `)`)
	}
	return q, nil
}

// filterTags asks for every tag of all and at least one of anyOf.
func (q *query) filterTags(all, anyOf []string) {
	for _, tag := range all {
		q.where(`EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ` + q.arg(tag) + `)`)
	}
	if len(anyOf) > 0 {
		q.where(`EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ANY(` + q.arg(anyOf) + `))`)
	}
}

// window bounds the publication dates, and continues after the cursor,
// on the given columns.
func (q *query) window(sel tagfeed.Selection, published, id string) {
	if !sel.Since.IsZero() {
		q.where(published + ` >= ` + q.arg(ms(sel.Since)))
	}
	if !sel.Until.IsZero() {
		q.where(published + ` < ` + q.arg(ms(sel.Until)))
	}
	if c := sel.After; c != nil {
		at := q.arg(ms(c.Published))
		q.where(`(` + published + `, ` + id + `) < (` + at + `, ` + q.arg(c.ID) + `)`)
	}
}

// sql returns the SELECT of the selection, with its limit and offset.
func (q *query) sql(sel tagfeed.Selection) string {
	var b strings.Builder
	b.WriteString(`SELECT ` + itemColumns + ` FROM ` + q.from + ` JOIN sources s ON s.id = i.source_id`)
	for i, c := range q.conds {
		if i == 0 {
			b.WriteString(` WHERE `)
		} else {
			b.WriteString(` AND `)
		}
		b.WriteString(c)
	}
	b.WriteString(q.order)
	if sel.Limit > 0 {
		b.WriteString(` LIMIT ` + q.arg(sel.Limit))
	}
	if sel.Search != "" && sel.Offset > 0 {
		b.WriteString(` OFFSET ` + q.arg(sel.Offset))
	}
	return b.String()
}
