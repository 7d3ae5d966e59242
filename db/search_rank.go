package db

import (
	"strconv"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// defaultSearchCap is how many matches a search pass ranks at most.
// Ranking costs each match its bm25 score (the hits of every phrase and
// the item's length), so a query that matches a third of the items, a
// common word or one typed without diacritics, cost more than all the
// rest of a request: 100 to 200 ms at 100,000 items. A pass that finds
// more items than the cap ranks only those stored last: the index gives
// them newest first by id, and ids grow as items are first stored, so
// for news these are the most recent. Counts are not capped, only what is
// ranked, and the cap counts only the matches that the selection's other
// filters (tags, dates, source) keep.
const defaultSearchCap = 1000

// searchMode says how a selection with a search is read.
type searchMode int

const (
	// searchRanked reads the matches best first: the items that have the
	// words as typed (pass 0), then, for a query typed without
	// diacritics, those that have them without (pass 1), each pass by
	// bm25, then newest first.
	searchRanked searchMode = iota
	// searchExactOnly reads pass 0 alone, best first.
	searchExactOnly
	// searchMatched reads every match, unranked: for counts.
	searchMatched
)

// searchFrom sets the FROM of q to the items a search finds, read as how
// says. Ranked, each pass walks the index newest first with the
// conditions q holds so far, and ranks its first d.searchCap items; the
// conditions move into the passes.
func (d *DB) searchFrom(q *selectionSQL, search string, how searchMode) error {
	sq, err := tagfeed.ParseSearch(search)
	if err != nil {
		return err
	}
	exact, bare := d.matchExpr(sq)
	both := how != searchExactOnly && sq.Unaccented(d.searchForms)
	if how == searchMatched {
		if both {
			q.from(`(SELECT rowid AS id FROM search_exact WHERE search_exact MATCH ?
				UNION SELECT rowid FROM search_bare WHERE search_bare MATCH ?) m JOIN items i ON i.id = m.id`, exact, bare)
		} else {
			q.from(`(SELECT rowid AS id FROM search_exact WHERE search_exact MATCH ?) m JOIN items i ON i.id = m.id`, exact)
		}
		return nil
	}
	conds, condArgs := q.conds, q.condArgs
	q.conds, q.condArgs = nil, nil
	pass0, args := d.searchPass("search_exact", 0, exact, conds, condArgs)
	if both {
		pass1, args1 := d.searchPass("search_bare", 1, bare, conds, condArgs)
		// An item both passes find ranks in pass 0 with its score there:
		// with one min() in a GROUP BY, SQLite takes the other columns
		// from the row that has the minimum.
		pass0 = `SELECT id, min(pass) AS pass, score FROM (SELECT * FROM (` + pass0 + `)
			UNION ALL SELECT * FROM (` + pass1 + `)) GROUP BY id`
		args = append(args, args1...)
	}
	q.from(`(`+pass0+`) m JOIN items i ON i.id = m.id`, args...)
	q.order = ` ORDER BY m.pass, m.score, i.published DESC, i.id DESC`
	return nil
}

// searchPass returns the SELECT of one ranked pass over table, search_exact
// or search_bare, and its arguments: the matches that meet conds, newest
// first by id, at most d.searchCap of them, with their bm25 scores. The
// index is the outer loop (CROSS JOIN keeps SQLite from walking the items
// instead), and gives its rows in id order, so the walk stops at the cap.
func (d *DB) searchPass(table string, pass int, match string, conds []string, condArgs []any) (string, []any) {
	var b strings.Builder
	b.WriteString(`SELECT ` + table + `.rowid AS id, ` + strconv.Itoa(pass) + ` AS pass, ` + table + `.rank AS score FROM ` + table)
	if len(conds) > 0 {
		b.WriteString(` CROSS JOIN items i ON i.id = ` + table + `.rowid`)
	}
	b.WriteString(` WHERE ` + table + ` MATCH ?`)
	for _, c := range conds {
		b.WriteString(` AND ` + c)
	}
	b.WriteString(` ORDER BY ` + table + `.rowid DESC LIMIT ` + strconv.Itoa(d.searchCap))
	return b.String(), append([]any{match}, condArgs...)
}

// twoPasses reports whether a search has a pass without diacritics: whether
// it was typed without them.
func (d *DB) twoPasses(search string) bool {
	sq, err := tagfeed.ParseSearch(search)
	return err == nil && sq.Unaccented(d.searchForms)
}
