package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tagfeed/tagfeed"
)

// retagItem is a stored item as Retag reads it.
type retagItem struct {
	item                 tagfeed.Item
	published, firstSeen time.Time
	hash                 string
	tags                 []tagRow
}

// retagChange is the new tags of one item, and how the policy stores them.
type retagChange struct {
	id       int64
	hash     string        // the content hash the tags were computed from
	item     *tagfeed.Item // for the report's examples
	old      []tagRow
	tags     []tagRow
	decision tagfeed.SaveDecision
}

// itemCount returns the number of stored items, from the per-source counts.
func (d *DB) itemCount(ctx context.Context) (int, error) {
	var n int
	err := d.r.QueryRowContext(ctx, `SELECT coalesce(sum(items), 0) FROM sources`).Scan(&n)
	return n, err
}

// readChunk reads up to n items with ids above after, with their tag rows,
// in one snapshot.
func (d *DB) readChunk(ctx context.Context, after int64, n int) ([]retagItem, error) {
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
	chunk := make([]retagItem, 0, n)
	byID := make(map[int64]int, n)
	for rows.Next() {
		var c retagItem
		var published, firstSeen int64
		it := &c.item
		if err := rows.Scan(&it.ID, &it.SourceID, &it.Key, &it.Title, &it.Summary, &it.Content, &it.Author, &c.hash,
			&published, &firstSeen); err != nil {
			return nil, err
		}
		c.published, c.firstSeen = fromMillis(published), fromMillis(firstSeen)
		byID[it.ID] = len(chunk)
		chunk = append(chunk, c)
	}
	if err := rows.Err(); err != nil || len(chunk) == 0 {
		return nil, err
	}

	tags, err := tx.QueryContext(ctx, `SELECT item_id, tag, score, matches, evidence FROM item_tags
		WHERE item_id > ? AND item_id <= ? ORDER BY item_id, tag`, after, chunk[len(chunk)-1].item.ID)
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
			chunk[i].tags = append(chunk[i].tags, r)
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

// writeRetag stores new tags for items in one transaction, skipping any
// item whose content changed since its tags were computed. It returns the
// changes it made, reusing the changes slice.
func (d *DB) writeRetag(ctx context.Context, changes []retagChange) ([]retagChange, error) {
	now := millis(d.now())
	w, err := d.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer w.tx.Rollback()

	written := changes[:0]
	for _, c := range changes {
		var published int64
		touch := c.decision.Outcome == tagfeed.Retagged || c.decision.Outcome == tagfeed.Updated
		err := w.queryRow(sqlTouchIfHash, touch, millis(c.decision.Updated), c.id, c.hash).Scan(&published)
		if errors.Is(err, sql.ErrNoRows) {
			continue // changed or gone since it was read
		}
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", c.id, err)
		}
		if err := w.replaceTags(c.id, published, c.tags); err != nil {
			return nil, fmt.Errorf("item %d: %w", c.id, err)
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
