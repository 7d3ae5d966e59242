package pg

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// storyColumns are what grouping reads of an item: its text (the body
// cut to 8,192 characters), its dates and its story.
const storyColumns = `i.id, i.title, substr(CASE WHEN i.content <> '' THEN i.content ELSE i.summary END, 1, 8192),
	i.published, i.dated, i.first_seen, coalesce(i.story_id, 0), coalesce(i.story_match, 0), i.story_score`

// storyItems reads the items a grouping query selects; where is the
// query after FROM items i.
func (s *Store) storyItems(ctx context.Context, where string, args ...any) ([]tagfeed.Item, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+storyColumns+` FROM items i `+where, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (tagfeed.Item, error) {
		var it tagfeed.Item
		var published, firstSeen time.Time
		var dated bool
		err := row.Scan(&it.ID, &it.Title, &it.Content, &published, &dated, &firstSeen,
			&it.Story.ID, &it.Story.Match, &it.Story.Similarity)
		if dated {
			it.Published = published.UTC()
		}
		it.FirstSeen = firstSeen.UTC()
		return it, err
	})
}

// UngroupedItems returns up to limit items that have no story yet, in id
// order, with what grouping reads: the title, the first 8,192 characters
// of the content (or of the summary when there is none) as Content, the
// dates and the story.
func (s *Store) UngroupedItems(ctx context.Context, limit int) ([]tagfeed.Item, error) {
	items, err := s.storyItems(ctx, `WHERE i.story_id IS NULL ORDER BY i.id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("pg: ungrouped items: %w", err)
	}
	return items, nil
}

// GroupedItems returns up to limit items that have a story and an id
// above afterID, in id order, read as UngroupedItems reads them.
func (s *Store) GroupedItems(ctx context.Context, afterID int64, limit int) ([]tagfeed.Item, error) {
	items, err := s.storyItems(ctx, `WHERE i.id > $1 AND i.story_id IS NOT NULL ORDER BY i.id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("pg: grouped items after %d: %w", afterID, err)
	}
	return items, nil
}

// LastItemID returns the highest item id stored, 0 when there is none.
func (s *Store) LastItemID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM items`).Scan(&id); err != nil {
		return 0, fmt.Errorf("pg: last item id: %w", err)
	}
	return id, nil
}

// The statements of SetStories. An item grouped meanwhile by another
// process is left as it is; a match of 0 (none) is stored as NULL.
const (
	sqlLockUngrouped = `SELECT id FROM items WHERE id = ANY($1) AND story_id IS NULL ORDER BY id FOR UPDATE`
	sqlSetStories    = `UPDATE items i SET story_id = p.story, story_match = nullif(p.match, 0), story_score = p.score
		FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::float8[]) AS p(id, story, match, score)
		WHERE i.id = p.id AND i.story_id IS NULL`
)

// SetStories records where grouping put items, in one transaction, and
// counts it as a change of the items, which the feeds that fold stories
// show. An item grouped meanwhile by another process keeps its story.
func (s *Store) SetStories(ctx context.Context, placements []tagfeed.StoryPlacement) error {
	if len(placements) == 0 {
		return nil
	}
	sorted := slices.SortedFunc(slices.Values(placements), func(a, b tagfeed.StoryPlacement) int {
		return cmp.Compare(a.ItemID, b.ItemID) // the items' lock order
	})
	n := len(sorted)
	ids, stories, matches, scores := make([]int64, n), make([]int64, n), make([]int64, n), make([]float64, n)
	for i, p := range sorted {
		ids[i], stories[i], matches[i], scores[i] = p.ItemID, p.Story.ID, p.Story.Match, p.Story.Similarity
	}
	err := s.write(ctx, func(w *writer) error {
		// Two statements in one round trip, each for all the items, where
		// a statement per item cost PostgreSQL 30 µs each: the first locks
		// the rows in id order, as every writer does, and the second
		// updates them.
		var b pgx.Batch
		b.Queue(sqlLockUngrouped, ids)
		b.Queue(sqlSetStories, ids, stories, matches, scores)
		w.itemsChanged = true
		return w.send(&b)
	})
	if err != nil {
		return fmt.Errorf("pg: set stories of %d items: %w", len(placements), err)
	}
	return nil
}
