package db

import (
	"context"
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// storyColumns are what grouping reads of an item: its text (the body
// cut to 8,192 characters), its dates and its story.
const storyColumns = `i.id, i.title, substr(CASE WHEN i.content <> '' THEN i.content ELSE i.summary END, 1, 8192),
	i.published, i.dated, i.first_seen, coalesce(i.story_id, 0), coalesce(i.story_match, 0), i.story_score`

// The conditions of the items that grouping reads. Those without a story
// are few, the last ones stored, and their partial index lists them in id
// order; without INDEXED BY, SQLite may pick the index of stories, whose
// NULLs it must then sort by id, every one of them for each batch read.
const (
	whereUngrouped    = `INDEXED BY items_ungrouped WHERE i.story_id IS NULL ORDER BY i.id LIMIT ?`
	whereGroupedAfter = `WHERE i.id > ? AND i.story_id IS NOT NULL ORDER BY i.id LIMIT ?`
)

// storyItems reads the items a grouping query selects, up to limit; where
// is the query after FROM items i, its last parameter the limit.
func (d *DB) storyItems(ctx context.Context, where string, limit int, args ...any) ([]tagfeed.Item, error) {
	rows, err := d.r.QueryContext(ctx, `SELECT `+storyColumns+` FROM items i `+where, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := make([]tagfeed.Item, 0, min(limit, 1000))
	for rows.Next() {
		var it tagfeed.Item
		var published, firstSeen int64
		var dated bool
		if err := rows.Scan(&it.ID, &it.Title, &it.Content, &published, &dated, &firstSeen,
			&it.Story.ID, &it.Story.Match, &it.Story.Similarity); err != nil {
			return nil, err
		}
		if dated {
			it.Published = fromMillis(published)
		}
		it.FirstSeen = fromMillis(firstSeen)
		items = append(items, it)
	}
	return items, rows.Err()
}

// UngroupedItems returns up to limit items that have no story yet, in id
// order, with what grouping reads: the title, the first 8,192 characters
// of the content (or of the summary when there is none) as Content, the
// dates and the story.
func (d *DB) UngroupedItems(ctx context.Context, limit int) ([]tagfeed.Item, error) {
	items, err := d.storyItems(ctx, whereUngrouped, limit)
	if err != nil {
		return nil, fmt.Errorf("db: ungrouped items: %w", err)
	}
	return items, nil
}

// GroupedItems returns up to limit items that have a story and an id
// above afterID, in id order, read as UngroupedItems reads them.
func (d *DB) GroupedItems(ctx context.Context, afterID int64, limit int) ([]tagfeed.Item, error) {
	items, err := d.storyItems(ctx, whereGroupedAfter, limit, afterID)
	if err != nil {
		return nil, fmt.Errorf("db: grouped items after %d: %w", afterID, err)
	}
	return items, nil
}

// LastItemID returns the highest item id stored, 0 when there is none.
func (d *DB) LastItemID(ctx context.Context) (int64, error) {
	var id int64
	if err := d.r.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM items`).Scan(&id); err != nil {
		return 0, fmt.Errorf("db: last item id: %w", err)
	}
	return id, nil
}

// SetStories records where grouping put items, in one transaction, and
// counts it as a change of the items, which the feeds that fold stories
// show. An item grouped meanwhile by another process keeps its story.
func (d *DB) SetStories(ctx context.Context, placements []tagfeed.StoryPlacement) error {
	if len(placements) == 0 {
		return nil
	}
	if err := d.setStories(ctx, placements); err != nil {
		return fmt.Errorf("db: set stories of %d items: %w", len(placements), err)
	}
	return nil
}

// sqlSetStory records an item's story unless it has one.
const sqlSetStory = `UPDATE items SET story_id = ?, story_match = ?, story_score = ? WHERE id = ? AND story_id IS NULL`

func (d *DB) setStories(ctx context.Context, placements []tagfeed.StoryPlacement) error {
	w, err := d.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer w.tx.Rollback()
	for _, p := range placements {
		var match any
		if p.Story.Match != 0 {
			match = p.Story.Match
		}
		if _, err := w.exec(sqlSetStory, p.Story.ID, match, p.Story.Similarity, p.ItemID); err != nil {
			return fmt.Errorf("item %d: %w", p.ItemID, err)
		}
	}
	if err := w.itemsChanged(millis(d.now())); err != nil {
		return err
	}
	return w.tx.Commit()
}
