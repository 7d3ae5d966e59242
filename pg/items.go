package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tagfeed/tagfeed"
)

// itemColumns are the columns scanItems reads. The source title falls
// back to its URL, as tagfeed.Source.Name does.
const itemColumns = `i.id, i.source_id, i.key, i.guid, i.link, i.title, i.summary, i.content,
	i.author, i.outlet, i.language, i.enclosures::text, i.published, i.dated, i.updated, i.first_seen,
	coalesce(i.story_id, 0), coalesce(i.story_match, 0), i.story_score,
	coalesce(nullif(s.title, ''), s.url), s.kind, s.url`

// Items returns the items sel selects, with their tags: newest first (by
// published time, then by id), or for a search the best matches first.
func (s *Store) Items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	var items []tagfeed.Item
	var err error
	if sel.Stories != tagfeed.PickNone {
		items, err = tagfeed.FoldStories(ctx, sel, s.items)
	} else {
		items, err = s.items(ctx, sel)
	}
	if err != nil {
		return nil, fmt.Errorf("pg: items (%s): %w", sel, err)
	}
	return items, nil
}

// items reads the items sel selects, and their tags, in one snapshot.
func (s *Store) items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	q, err := s.selection(sel)
	if err != nil {
		return nil, err
	}
	if q.none {
		return nil, nil
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	rows, err := tx.Query(ctx, q.sql(sel), q.args...)
	if err != nil {
		return nil, searchError(err)
	}
	items, err := scanItems(rows)
	if err != nil {
		return nil, searchError(err)
	}
	if err := loadTags(ctx, tx, items, sel.Explained); err != nil {
		return nil, err
	}
	return items, tx.Commit(ctx)
}

// scanItems reads rows of itemColumns.
func scanItems(rows pgx.Rows) ([]tagfeed.Item, error) {
	defer rows.Close()
	var items []tagfeed.Item
	for rows.Next() {
		var it tagfeed.Item
		var published, updated, firstSeen time.Time
		var dated bool
		var enclosures, kind string
		err := rows.Scan(&it.ID, &it.SourceID, &it.Key, &it.GUID, &it.Link, &it.Title, &it.Summary,
			&it.Content, &it.Author, &it.Outlet, &it.Language, &enclosures, &published, &dated, &updated, &firstSeen,
			&it.Story.ID, &it.Story.Match, &it.Story.Similarity,
			&it.SourceTitle, &kind, &it.SourceURL)
		if err != nil {
			return nil, err
		}
		it.SourceKind = tagfeed.SourceKind(kind)
		if dated {
			it.Published = published.UTC()
		}
		it.Updated, it.FirstSeen = updated.UTC(), firstSeen.UTC()
		if it.Enclosures, err = tagfeed.DecodeEnclosures(enclosures); err != nil {
			return nil, fmt.Errorf("item %d: %w", it.ID, err)
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// loadTags fills the tags of items with one query: their names and
// scores, and with explained their explanations.
func loadTags(ctx context.Context, tx pgx.Tx, items []tagfeed.Item, explained bool) error {
	if len(items) == 0 {
		return nil
	}
	byID := make(map[int64]*tagfeed.Item, len(items))
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
		byID[items[i].ID] = &items[i]
	}
	explain := `'[]', '{}'`
	if explained {
		explain = `matches::text, evidence::text`
	}
	rows, err := tx.Query(ctx, `SELECT item_id, tag, score, `+explain+` FROM item_tags
		WHERE item_id = ANY($1) ORDER BY item_id, tag`, ids)
	if err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r tagfeed.TagRecord
		if err := rows.Scan(&id, &r.Tag, &r.Score, &r.Matches, &r.Evidence); err != nil {
			return fmt.Errorf("tags: %w", err)
		}
		t, err := r.Decode()
		if err != nil {
			return fmt.Errorf("item %d: %w", id, err)
		}
		it := byID[id]
		it.Tags = append(it.Tags, t)
	}
	return rows.Err()
}

// TagCounts returns how many items carry each tag, from the counts the
// store keeps.
func (s *Store) TagCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT tag, items FROM tag_counts WHERE items > 0`)
	if err != nil {
		return nil, fmt.Errorf("pg: tag counts: %w", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var tag string
		var n int
		if err := rows.Scan(&tag, &n); err != nil {
			return nil, fmt.Errorf("pg: tag counts: %w", err)
		}
		counts[tag] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pg: tag counts: %w", err)
	}
	return counts, nil
}

// searchError says that PostgreSQL could not read a search query, should
// it come to that: the queries it gets are built from parsed searches.
func searchError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42601" {
		return fmt.Errorf("%w: %w", tagfeed.ErrBadSearch, err)
	}
	return err
}
