package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// ReadRetag reads up to n stored items with ids above after, in id
// order, with their tags, in one snapshot from the read pool, so that
// fetches go on meanwhile.
func (d *DB) ReadRetag(ctx context.Context, after int64, n int) (tagfeed.RetagChunk, error) {
	chunk, err := d.readRetag(ctx, after, n)
	if err != nil {
		return tagfeed.RetagChunk{}, fmt.Errorf("db: read items to retag: %w", err)
	}
	return tagfeed.RetagChunk{Items: chunk, Read: d.now()}, nil
}

func (d *DB) readRetag(ctx context.Context, after int64, n int) ([]tagfeed.RetagItem, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, `SELECT id, source_id, key, title, summary, content, author, content_hash,
		published, first_seen FROM items WHERE id > ? ORDER BY id LIMIT ?`, after, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	chunk := make([]tagfeed.RetagItem, 0, n)
	byID := make(map[int64]int, n)
	for rows.Next() {
		var c tagfeed.RetagItem
		var published, firstSeen int64
		it := &c.Item
		if err := rows.Scan(&it.ID, &it.SourceID, &it.Key, &it.Title, &it.Summary, &it.Content, &it.Author, &c.Hash,
			&published, &firstSeen); err != nil {
			return nil, err
		}
		c.Published, c.FirstSeen = fromMillis(published), fromMillis(firstSeen)
		byID[it.ID] = len(chunk)
		chunk = append(chunk, c)
	}
	if err := rows.Err(); err != nil || len(chunk) == 0 {
		return nil, err
	}

	tags, err := tx.QueryContext(ctx, `SELECT item_id, tag, score, matches, evidence FROM item_tags
		WHERE item_id > ? AND item_id <= ? ORDER BY item_id, tag`, after, chunk[len(chunk)-1].Item.ID)
	if err != nil {
		return nil, err
	}
	defer tags.Close()
	for tags.Next() {
		var id int64
		var r tagRow
		if err := tags.Scan(&id, &r.Tag, &r.Score, &r.Matches, &r.Evidence); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			chunk[i].Tags = append(chunk[i].Tags, r)
		}
	}
	if err := tags.Err(); err != nil {
		return nil, err
	}
	return chunk, tx.Commit()
}

// sqlTouchIfHash marks an item updated at a time (if the first parameter
// is true) unless its content changed since it was read, and returns its
// published time; no row comes back when the content changed.
const sqlTouchIfHash = `UPDATE items SET updated = CASE WHEN ? THEN ? ELSE updated END
	WHERE id = ? AND content_hash = ? RETURNING published`

// WriteRetag stores the new tags of changes in one transaction, each as
// its decision says, and skips every item whose content changed since its
// tags were computed. It returns the changes it wrote, reusing the slice.
func (d *DB) WriteRetag(ctx context.Context, changes []tagfeed.RetagChange) ([]tagfeed.RetagChange, error) {
	written, err := d.writeRetag(ctx, changes)
	if err != nil {
		return nil, fmt.Errorf("db: write retagged items: %w", err)
	}
	return written, nil
}

func (d *DB) writeRetag(ctx context.Context, changes []tagfeed.RetagChange) ([]tagfeed.RetagChange, error) {
	now := millis(d.now())
	w, err := d.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer w.tx.Rollback()

	written := changes[:0]
	for _, c := range changes {
		var published int64
		touch := c.Decision.Outcome == tagfeed.Retagged || c.Decision.Outcome == tagfeed.Updated
		err := w.queryRow(sqlTouchIfHash, touch, millis(c.Decision.Updated), c.Item.ID, c.Hash).Scan(&published)
		if errors.Is(err, sql.ErrNoRows) {
			continue // changed or gone since it was read
		}
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", c.Item.ID, err)
		}
		if err := w.replaceTags(c.Item.ID, published, c.Tags); err != nil {
			return nil, fmt.Errorf("item %d: %w", c.Item.ID, err)
		}
		written = append(written, c)
	}
	if len(written) > 0 {
		if err := w.itemsChanged(now); err != nil {
			return nil, err
		}
	}
	return written, w.tx.Commit()
}
