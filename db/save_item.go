package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tagfeed/tagfeed"
)

// pending is an item ready to save: its hash and encoded tags computed
// before the transaction starts, so the write lock is held for less time.
type pending struct {
	item *tagfeed.Item
	hash string
	tags []tagRow
}

// newBatch checks the items' keys and prepares them, keeping only the last
// item of each key, in the order the keys first appear.
func newBatch(items []tagfeed.Item) ([]pending, error) {
	index := make(map[string]int, len(items))
	batch := make([]pending, 0, len(items))
	for i := range items {
		it := &items[i]
		if it.Key == "" {
			return nil, fmt.Errorf("item %d (%q) has an empty key", i, it.Title)
		}
		tags, err := encodeTags(it.Tags)
		if err != nil {
			return nil, fmt.Errorf("item %q: %w", it.Key, err)
		}
		p := pending{item: it, hash: it.Hash(), tags: tags}
		if j, ok := index[it.Key]; ok {
			batch[j] = p
			continue
		}
		index[it.Key] = len(batch)
		batch = append(batch, p)
	}
	return batch, nil
}

// outcome is what saving one item did.
type outcome int

const (
	outcomeUnchanged outcome = iota
	outcomeNew
	outcomeUpdated
)

// saveItem inserts or updates one item and its tags.
func saveItem(ctx context.Context, tx *sql.Tx, sourceID int64, p pending, now time.Time) (outcome, error) {
	it := p.item
	var (
		id, published int64
		hash          string
	)
	err := tx.QueryRowContext(ctx, `SELECT id, content_hash, published FROM items WHERE source_id = ? AND key = ?`,
		sourceID, it.Key).Scan(&id, &hash, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return outcomeNew, insertItem(ctx, tx, sourceID, p, now)
	}
	if err != nil {
		return 0, err
	}

	stored, err := loadTagRows(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	contentChanged := hash != p.hash
	tagsChanged := !slices.Equal(stored, p.tags)
	if !contentChanged && !tagsChanged {
		return outcomeUnchanged, nil
	}

	newPublished := published
	if contentChanged && !it.Published.IsZero() {
		newPublished = millis(it.Published)
	}
	if contentChanged {
		_, err = tx.ExecContext(ctx, `UPDATE items SET guid = ?, link = ?, title = ?, summary = ?, content = ?,
			author = ?, outlet = ?, published = ?, updated = ?, content_hash = ? WHERE id = ?`,
			it.GUID, it.Link, it.Title, it.Summary, it.Content, it.Author, it.Outlet,
			newPublished, millis(now), p.hash, id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE items SET updated = ? WHERE id = ?`, millis(now), id)
	}
	if err != nil {
		return 0, err
	}
	switch {
	case tagsChanged:
		err = replaceTags(ctx, tx, id, newPublished, p.tags)
	case newPublished != published:
		_, err = tx.ExecContext(ctx, `UPDATE item_tags SET published = ? WHERE item_id = ?`, newPublished, id)
	}
	return outcomeUpdated, err
}

// insertItem stores a new item with its tags.
func insertItem(ctx context.Context, tx *sql.Tx, sourceID int64, p pending, now time.Time) error {
	it := p.item
	published := it.Published
	if published.IsZero() {
		published = now
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO items (source_id, key, guid, link, title, summary, content,
		author, outlet, published, updated, first_seen, content_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		sourceID, it.Key, it.GUID, it.Link, it.Title, it.Summary, it.Content, it.Author, it.Outlet,
		millis(published), millis(now), millis(now), p.hash).Scan(&id)
	if err != nil {
		return err
	}
	return insertTags(ctx, tx, id, millis(published), p.tags)
}

// loadTagRows returns an item's stored tag rows, sorted by tag.
func loadTagRows(ctx context.Context, tx *sql.Tx, itemID int64) ([]tagRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT tag, score, matches FROM item_tags WHERE item_id = ? ORDER BY tag`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tagRow{}
	for rows.Next() {
		var r tagRow
		if err := rows.Scan(&r.Tag, &r.Score, &r.Matches); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
