package pg

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// Search reads text as SQLite's FTS5 index (tokenizer unicode61, no
// diacritics removed) reads it: the forms of Options.SearchForms, cut into
// words, each a run of letters, digits and private-use characters. The
// store does the cutting itself and hands PostgreSQL the words one space
// apart, so that the 'simple' configuration, which only lower-cases what
// is already folded, sees the same words whatever the database's locale,
// and no URL, e-mail address or hyphenated word of its parser's.
//
// An item's vector holds at most the first maxBodyBytes of its body, which
// keeps it under PostgreSQL's limit of 1 MB a tsvector: a longer text is
// found by its start only.
const (
	maxTitleBytes = 16 << 10
	maxBodyBytes  = 400 << 10
)

// indexFormat is the version of how items are indexed, beside
// SearchVersion.
const indexFormat = "/pg1"

// sqlIndexItem writes or replaces an item's entry in the search index.
const sqlIndexItem = `INSERT INTO item_search (item_id, exact, bare) VALUES ($1,
		setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'D'),
		setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $5), 'D'))
	ON CONFLICT (item_id) DO UPDATE SET exact = excluded.exact, bare = excluded.bare`

// vectorArgs returns the words of the item's title and body (its summary
// and content), in the exact form then the bare one.
func (s *Store) vectorArgs(it *tagfeed.Item) []any {
	title, titleBare := s.forms(cut(it.Title, maxTitleBytes))
	body, bodyBare := s.forms(cut(it.Summary+"\n"+it.Content, maxBodyBytes))
	return []any{words(title), words(body), words(titleBare), words(bodyBare)}
}

// cut returns the start of s, at most n bytes, ending on a whole
// character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// wordRune reports whether r is part of a word, as FTS5's unicode61
// tokenizer reads it: a letter, a digit or a private-use character.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// words returns the words of s, one space apart.
func words(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !wordRune(r) }) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// tsQuery turns a parsed search into a tsquery over the words of one form:
// the exact one, or with bare the one without diacritics. Every phrase is
// quoted, so nothing a person types is read as tsquery syntax. ok is false
// when the query can match nothing: a group none of whose phrases has a
// word.
func (s *Store) tsQuery(sq tagfeed.SearchQuery, bare bool) (query string, ok bool) {
	var b strings.Builder
	for _, group := range sq.All {
		var alts []string
		for _, phrase := range group {
			if p := s.tsPhrase(phrase, bare); p != "" {
				alts = append(alts, p)
			}
		}
		if len(alts) == 0 {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteString(" & ")
		}
		b.WriteString("(" + strings.Join(alts, " | ") + ")")
	}
	for _, phrase := range sq.None {
		if p := s.tsPhrase(phrase, bare); p != "" {
			b.WriteString(" & !" + p)
		}
	}
	return b.String(), true
}

// tsPhrase quotes the words of a phrase, in the form the index holds, as
// a tsquery phrase: "" when it has none.
func (s *Store) tsPhrase(phrase string, bare bool) string {
	exact, noMarks := s.forms(phrase)
	if bare {
		exact = noMarks
	}
	ws := strings.Fields(words(exact))
	if len(ws) == 0 {
		return ""
	}
	quote := strings.NewReplacer(`'`, `''`, `\`, `\\`)
	for i, w := range ws {
		ws[i] = "'" + quote.Replace(w) + "'"
	}
	return "(" + strings.Join(ws, " <-> ") + ")"
}

// buildIndex fills the search index again when it was built with other
// forms than s's, a thousand items per transaction. The version is
// recorded last, so that an interrupted build starts over at the next
// Open.
func (s *Store) buildIndex(ctx context.Context) error {
	want := s.searchVersion + indexFormat
	var have string
	err := s.pool.QueryRow(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = 'search_version'), '')`).Scan(&have)
	if err != nil || have == want {
		return err
	}
	for after := int64(0); ; {
		n, last, err := s.indexChunk(ctx, after)
		if err != nil {
			return fmt.Errorf("after item %d: %w", after, err)
		}
		if n == 0 {
			break
		}
		after = last
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('search_version', $1)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, want)
	return err
}

// indexChunk indexes up to a thousand items after the id after, in one
// transaction, and returns how many and the last id.
func (s *Store) indexChunk(ctx context.Context, after int64) (n int, last int64, err error) {
	err = s.write(ctx, func(w *writer) error {
		rows, err := w.tx.Query(ctx, `SELECT id, title, summary, content FROM items WHERE id > $1 ORDER BY id LIMIT 1000`, after)
		if err != nil {
			return err
		}
		items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (tagfeed.Item, error) {
			var it tagfeed.Item
			err := row.Scan(&it.ID, &it.Title, &it.Summary, &it.Content)
			return it, err
		})
		if err != nil {
			return err
		}
		var b pgx.Batch
		for i := range items {
			b.Queue(sqlIndexItem, append([]any{items[i].ID}, s.vectorArgs(&items[i])...)...)
			last = items[i].ID
		}
		n = len(items)
		return w.send(&b)
	})
	return n, last, err
}
