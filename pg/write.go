package pg

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// writer is one write transaction, with what it changed that the
// counters must hear of when it ends.
type writer struct {
	ctx context.Context
	tx  pgx.Tx
	now time.Time
	// sourceItems counts the items the transaction added, by source.
	sourceItems map[int64]int
	// tagItems counts the items that gained (or, negative, lost) each tag.
	tagItems map[string]int
	// itemsChanged and sourcesChanged say which counters of
	// data_version move on.
	itemsChanged, sourcesChanged bool
}

// write runs fn in a write transaction, then updates the counters fn's
// writes touched and commits.
func (s *Store) write(ctx context.Context, fn func(w *writer) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	w := &writer{ctx: ctx, tx: tx, now: s.now(), sourceItems: map[int64]int{}, tagItems: map[string]int{}}
	if err := fn(w); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// send sends a batch of statements in one round trip and runs their
// callbacks; it returns the first error.
func (w *writer) send(b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	return w.tx.SendBatch(w.ctx, b).Close()
}

// tagged notes that an item gained (n = 1) or lost (n = -1) each of tags.
func (w *writer) tagged(n int, tags []string) {
	for _, t := range tags {
		w.tagItems[t] += n
	}
}

// finish updates the counters in the lock order of the package comment:
// the sources' item counts by id, the tag counts by name, then
// data_version.
func (w *writer) finish() error {
	var b pgx.Batch
	for _, id := range slices.Sorted(maps.Keys(w.sourceItems)) {
		if n := w.sourceItems[id]; n != 0 {
			b.Queue(`UPDATE sources SET items = items + $2 WHERE id = $1`, id, n)
		}
	}
	var tags []string
	var counts []int64
	for _, tag := range slices.Sorted(maps.Keys(w.tagItems)) {
		if n := w.tagItems[tag]; n != 0 {
			tags, counts = append(tags, tag), append(counts, int64(n))
		}
	}
	if len(tags) > 0 {
		b.Queue(`INSERT INTO tag_counts (tag, items)
			SELECT tag, n FROM unnest($1::text[], $2::bigint[]) AS x(tag, n) ORDER BY tag
			ON CONFLICT (tag) DO UPDATE SET items = tag_counts.items + excluded.items`, tags, counts)
	}
	if w.itemsChanged || w.sourcesChanged {
		b.Queue(`UPDATE data_version SET
			items = items + CASE WHEN $1 THEN 1 ELSE 0 END,
			sources = sources + CASE WHEN $2 THEN 1 ELSE 0 END,
			changed = CASE WHEN $1 THEN $3 ELSE changed END`, w.itemsChanged, w.sourcesChanged, w.now)
	}
	return w.send(&b)
}

// text makes s storable: valid UTF-8 without NUL bytes, each bad byte
// sequence and each NUL made U+FFFD.
func text(s string) string {
	if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}
