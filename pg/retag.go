package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// ReadRetag reads up to n stored items with ids above after, in id
// order, with their tags, in one statement.
func (s *Store) ReadRetag(ctx context.Context, after int64, n int) (tagfeed.RetagChunk, error) {
	chunk, err := s.readRetag(ctx, after, n)
	if err != nil {
		return tagfeed.RetagChunk{}, fmt.Errorf("pg: read items to retag: %w", err)
	}
	return tagfeed.RetagChunk{Items: chunk, Read: s.now()}, nil
}

func (s *Store) readRetag(ctx context.Context, after int64, n int) ([]tagfeed.RetagItem, error) {
	rows, err := s.pool.Query(ctx, `SELECT i.id, i.source_id, i.key, i.title, i.summary, i.content, i.author,
			i.content_hash, i.published, i.first_seen, t.tag, t.score, t.matches::text, t.evidence::text
		FROM (SELECT * FROM items WHERE id > $1 ORDER BY id LIMIT $2) i
		LEFT JOIN item_tags t ON t.item_id = i.id
		ORDER BY i.id, t.tag`, after, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var chunk []tagfeed.RetagItem
	for rows.Next() {
		var c tagfeed.RetagItem
		var tag, matches, evidence *string
		var score *float64
		it := &c.Item
		if err := rows.Scan(&it.ID, &it.SourceID, &it.Key, &it.Title, &it.Summary, &it.Content, &it.Author,
			&c.Hash, &c.Published, &c.FirstSeen, &tag, &score, &matches, &evidence); err != nil {
			return nil, err
		}
		if k := len(chunk); k == 0 || chunk[k-1].Item.ID != it.ID {
			c.Published, c.FirstSeen = c.Published.UTC(), c.FirstSeen.UTC()
			chunk = append(chunk, c)
		}
		if tag != nil {
			last := &chunk[len(chunk)-1]
			last.Tags = append(last.Tags, tagfeed.TagRecord{Tag: *tag, Score: *score, Matches: *matches, Evidence: *evidence})
		}
	}
	return chunk, rows.Err()
}

// sqlTouchIfHash marks an item updated at a time (if $1 is true) unless
// its content changed since it was read, and returns its published time;
// no row comes back when the content changed. It locks the item's row.
const sqlTouchIfHash = `UPDATE items SET updated = CASE WHEN $1 THEN $2 ELSE updated END
	WHERE id = $3 AND content_hash = $4 RETURNING published`

// WriteRetag stores the new tags of changes in one transaction, each as
// its decision says, and skips every item whose content changed since its
// tags were computed. It returns the changes it wrote, reusing the slice.
func (s *Store) WriteRetag(ctx context.Context, changes []tagfeed.RetagChange) ([]tagfeed.RetagChange, error) {
	written := make([]bool, len(changes))
	err := s.write(ctx, func(w *writer) error {
		var touch pgx.Batch
		published := make([]time.Time, len(changes))
		for i := range changes {
			c := &changes[i]
			bump := c.Decision.Outcome == tagfeed.Retagged || c.Decision.Outcome == tagfeed.Updated
			touch.Queue(sqlTouchIfHash, bump, ms(c.Decision.Updated), c.Item.ID, c.Hash).QueryRow(func(row pgx.Row) error {
				err := row.Scan(&published[i])
				if errors.Is(err, pgx.ErrNoRows) {
					return nil // changed since it was read
				}
				written[i] = err == nil
				return err
			})
		}
		if err := w.send(&touch); err != nil {
			return err
		}
		var b pgx.Batch
		for i, c := range changes {
			if written[i] {
				w.replaceTags(&b, c.Item.ID, published[i], c.Tags)
			}
		}
		return w.send(&b)
	})
	if err != nil {
		return nil, fmt.Errorf("pg: write retagged items: %w", err)
	}
	kept := changes[:0]
	for i, c := range changes {
		if written[i] {
			kept = append(kept, c)
		}
	}
	return kept, nil
}
