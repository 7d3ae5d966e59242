package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// Options configure a store beyond its file.
type Options struct {
	// SearchForms gives the two forms a text is indexed and searched in:
	// normalized with its case folded, and the same without diacritics.
	// tagfeed uses package tag's SearchForms, so that search reads
	// Vietnamese as the tag rules do (hoà ≡ hòa, Việt_Nam ≡ Việt Nam). Nil
	// lower-cases, which is enough for tests of other things.
	SearchForms func(text string) (exact, bare string)
	// SearchVersion names SearchForms. When the index was built with
	// another, Open builds it again.
	SearchVersion string
}

// searchVersionKey is the meta row that names the forms the index holds.
const searchVersionKey = "search_version"

// searchForms returns the forms of text the index holds.
func (d *DB) searchForms(text string) (exact, bare string) {
	if d.opts.SearchForms == nil {
		s := strings.ToLower(text)
		return s, s
	}
	return d.opts.SearchForms(text)
}

// The search index is two FTS5 tables of the same shape (migration
// 0010): search_exact holds the normalized forms, search_bare the forms
// without diacritics.
const (
	sqlIndexExact   = `INSERT INTO search_exact (rowid, title, body) VALUES (?, ?, ?)`
	sqlIndexBare    = `INSERT INTO search_bare (rowid, title, body) VALUES (?, ?, ?)`
	sqlUnindexExact = `DELETE FROM search_exact WHERE rowid = ?`
	sqlUnindexBare  = `DELETE FROM search_bare WHERE rowid = ?`
)

// index adds an item to the search index: its title, and its summary and
// content as its body, in both forms.
func (w *writer) index(d *DB, id int64, it *tagfeed.Item) error {
	title, titleBare := d.searchForms(it.Title)
	body, bodyBare := d.searchForms(it.Summary + "\n" + it.Content)
	if _, err := w.exec(sqlIndexExact, id, title, body); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if _, err := w.exec(sqlIndexBare, id, titleBare, bodyBare); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// reindex replaces an item's entries in the search index.
func (w *writer) reindex(d *DB, id int64, it *tagfeed.Item) error {
	for _, q := range []string{sqlUnindexExact, sqlUnindexBare} {
		if _, err := w.exec(q, id); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return w.index(d, id, it)
}

// buildIndex fills the search index again when it was built with other
// forms than d's, a thousand items per transaction. The version is
// recorded last, so that an interrupted build starts over at the next
// Open.
func (d *DB) buildIndex(ctx context.Context) error {
	var have string
	err := d.w.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = ?), '')`, searchVersionKey).Scan(&have)
	if err != nil || have == d.opts.SearchVersion+"/1" {
		return err
	}
	for _, table := range []string{"search_exact", "search_bare"} {
		if _, err := d.w.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`) VALUES ('delete-all')`); err != nil {
			return err
		}
	}
	for after := int64(0); ; {
		n, last, err := d.indexChunk(ctx, after)
		if err != nil {
			return fmt.Errorf("search index after item %d: %w", after, err)
		}
		if n == 0 {
			break
		}
		after = last
	}
	_, err = d.w.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, searchVersionKey, d.opts.SearchVersion+"/1")
	return err
}

// indexChunk indexes up to a thousand items after the id after, in one
// transaction, and returns how many and the last id.
func (d *DB) indexChunk(ctx context.Context, after int64) (n int, last int64, err error) {
	w, err := d.beginWrite(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer w.tx.Rollback()
	rows, err := w.query(`SELECT id, title, summary, content FROM items WHERE id > ? ORDER BY id LIMIT 1000`, after)
	if err != nil {
		return 0, 0, err
	}
	var items []tagfeed.Item
	for rows.Next() {
		var it tagfeed.Item
		if err := rows.Scan(&it.ID, &it.Title, &it.Summary, &it.Content); err != nil {
			rows.Close()
			return 0, 0, err
		}
		items = append(items, it)
	}
	if err := rows.Close(); err != nil {
		return 0, 0, err
	}
	for i := range items {
		if err := w.index(d, items[i].ID, &items[i]); err != nil {
			return 0, 0, err
		}
		last = items[i].ID
	}
	return len(items), last, w.tx.Commit()
}

// matchExpr turns a parsed search into the two FTS5 queries of the index:
// one for search_exact, with the normalized forms, one for search_bare,
// without diacritics. Every phrase is quoted, so nothing a person types is
// read as FTS5 syntax.
func (d *DB) matchExpr(sq tagfeed.SearchQuery) (exact, bare string) {
	var e, b strings.Builder
	write := func(sb *strings.Builder, bare bool) {
		for i, group := range sq.All {
			if i > 0 {
				sb.WriteString(" AND ")
			}
			sb.WriteString("(")
			for j, phrase := range group {
				if j > 0 {
					sb.WriteString(" OR ")
				}
				sb.WriteString(d.ftsPhrase(phrase, bare))
			}
			sb.WriteString(")")
		}
		for _, phrase := range sq.None {
			sb.WriteString(" NOT ")
			sb.WriteString(d.ftsPhrase(phrase, bare))
		}
	}
	e.WriteString("(")
	write(&e, false)
	e.WriteString(")")
	b.WriteString("(")
	write(&b, true)
	b.WriteString(")")
	return e.String(), b.String()
}

// ftsPhrase quotes a phrase of a query, in the form its columns hold.
func (d *DB) ftsPhrase(phrase string, bare bool) string {
	exact, noMarks := d.searchForms(phrase)
	if bare {
		exact = noMarks
	}
	return `"` + strings.ReplaceAll(exact, `"`, `""`) + `"`
}
