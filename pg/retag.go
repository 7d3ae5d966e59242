package pg

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// retagChunk is how many items Retag reads, tags and writes at a time.
const retagChunk = 1000

// retagItem is a stored item as Retag reads it.
type retagItem struct {
	item                 tagfeed.Item
	published, firstSeen time.Time
	hash                 string
	tags                 []tagfeed.TagRecord
}

// retagChange is the new tags of one item, and how the policy stores them.
type retagChange struct {
	item     *tagfeed.Item
	hash     string // the content hash the tags were computed from
	old      []tagfeed.TagRecord
	tags     []tagfeed.TagRecord
	decision tagfeed.SaveDecision
	written  bool
}

// Retag runs a pass over every stored item, in id order and in chunks:
// it tags each item with pass.Tag and stores the tags that changed as
// pass.Policy decides, in one write transaction per chunk that touches
// only the items whose tags differ. The items handed to pass.Tag have ID,
// SourceID, Key, Title, Summary, Content and Author filled, and no tags.
// With pass.DryRun nothing is written. It returns how many items it
// looked at.
//
// An item whose content a fetch changed between the read and the write
// keeps the tags that fetch stored, and pass.Changed does not hear of it.
func (s *Store) Retag(ctx context.Context, pass tagfeed.RetagPass) (int, error) {
	n, err := s.retag(ctx, pass)
	if err != nil {
		return n, fmt.Errorf("pg: retag: %w", err)
	}
	return n, nil
}

func (s *Store) retag(ctx context.Context, pass tagfeed.RetagPass) (int, error) {
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(items), 0) FROM sources`).Scan(&total); err != nil {
		return 0, err
	}
	var after int64
	done := 0
	for {
		chunk, err := s.readChunk(ctx, after)
		if err != nil {
			return done, fmt.Errorf("read items after id %d: %w", after, err)
		}
		if len(chunk) == 0 {
			return done, nil
		}
		now := s.now()
		var changes []retagChange
		for i := range chunk {
			c := &chunk[i]
			recs, err := tagfeed.EncodeTags(pass.Tag(&c.item))
			if err != nil {
				return done, fmt.Errorf("item %d: %w", c.item.ID, err)
			}
			if slices.Equal(recs, c.tags) {
				continue
			}
			v := pass.Policy(&tagfeed.StoredItem{Published: c.published, FirstSeen: c.firstSeen, SameContent: true,
				SameTagNames: tagfeed.SameTagNames(c.tags, recs)}, &c.item, now)
			changes = append(changes, retagChange{item: &c.item, hash: c.hash, old: c.tags, tags: recs, decision: v})
		}
		if !pass.DryRun && len(changes) > 0 {
			if changes, err = s.writeRetag(ctx, changes); err != nil {
				return done, fmt.Errorf("write items %d to %d: %w", chunk[0].item.ID, chunk[len(chunk)-1].item.ID, err)
			}
		}
		if pass.Changed != nil {
			for _, c := range changes {
				pass.Changed(c.item, c.decision.Outcome, tagfeed.TagRecordNames(c.old), tagfeed.TagRecordNames(c.tags))
			}
		}
		after = chunk[len(chunk)-1].item.ID
		done += len(chunk)
		if pass.Progress != nil {
			pass.Progress(done, max(total, done))
		}
	}
}

// readChunk reads up to retagChunk items with ids above after, with
// their tags, in one statement.
func (s *Store) readChunk(ctx context.Context, after int64) ([]retagItem, error) {
	rows, err := s.pool.Query(ctx, `SELECT i.id, i.source_id, i.key, i.title, i.summary, i.content, i.author,
			i.content_hash, i.published, i.first_seen, t.tag, t.score, t.matches::text, t.evidence::text
		FROM (SELECT * FROM items WHERE id > $1 ORDER BY id LIMIT $2) i
		LEFT JOIN item_tags t ON t.item_id = i.id
		ORDER BY i.id, t.tag`, after, retagChunk)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var chunk []retagItem
	for rows.Next() {
		var c retagItem
		var tag, matches, evidence *string
		var score *float64
		it := &c.item
		if err := rows.Scan(&it.ID, &it.SourceID, &it.Key, &it.Title, &it.Summary, &it.Content, &it.Author,
			&c.hash, &c.published, &c.firstSeen, &tag, &score, &matches, &evidence); err != nil {
			return nil, err
		}
		if n := len(chunk); n == 0 || chunk[n-1].item.ID != it.ID {
			c.published, c.firstSeen = c.published.UTC(), c.firstSeen.UTC()
			chunk = append(chunk, c)
		}
		if tag != nil {
			last := &chunk[len(chunk)-1]
			last.tags = append(last.tags, tagfeed.TagRecord{Tag: *tag, Score: *score, Matches: *matches, Evidence: *evidence})
		}
	}
	return chunk, rows.Err()
}

// sqlTouchIfHash marks an item updated at a time (if $1 is true) unless
// its content changed since it was read, and returns its published time;
// no row comes back when the content changed. It locks the item's row.
const sqlTouchIfHash = `UPDATE items SET updated = CASE WHEN $1 THEN $2 ELSE updated END
	WHERE id = $3 AND content_hash = $4 RETURNING published`

// writeRetag stores new tags for items in one transaction, skipping any
// item whose content changed since its tags were computed. It returns the
// changes it made, reusing the changes slice.
func (s *Store) writeRetag(ctx context.Context, changes []retagChange) ([]retagChange, error) {
	err := s.write(ctx, func(w *writer) error {
		var touch pgx.Batch
		published := make([]time.Time, len(changes))
		for i := range changes {
			c := &changes[i]
			c.written = false
			bump := c.decision.Outcome == tagfeed.Retagged || c.decision.Outcome == tagfeed.Updated
			touch.Queue(sqlTouchIfHash, bump, ms(c.decision.Updated), c.item.ID, c.hash).QueryRow(func(row pgx.Row) error {
				err := row.Scan(&published[i])
				if errors.Is(err, pgx.ErrNoRows) {
					return nil // changed since it was read
				}
				c.written = err == nil
				return err
			})
		}
		if err := w.send(&touch); err != nil {
			return err
		}
		var b pgx.Batch
		for i, c := range changes {
			if c.written {
				w.replaceTags(&b, c.item.ID, published[i], c.tags)
			}
		}
		return w.send(&b)
	})
	if err != nil {
		return nil, err
	}
	written := changes[:0]
	for _, c := range changes {
		if c.written {
			written = append(written, c)
		}
	}
	return written, nil
}
