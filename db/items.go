package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/tagfeed/tagfeed"
)

// itemColumns are the columns scanItem reads. The source title falls back to
// its URL, as tagfeed.Source.Name does.
const itemColumns = `i.id, i.source_id, i.key, i.guid, i.link, i.title, i.summary, i.content,
	i.author, i.outlet, i.language, i.enclosures, i.published, i.dated, i.updated, i.first_seen,
	coalesce(i.story_id, 0), coalesce(i.story_match, 0), i.story_score,
	coalesce(nullif(s.title, ''), s.url), s.kind, s.url`

// Items returns the items sel selects, with their tags: newest first (by
// published time, then by id), or for a search the best matches first,
// of at most the 1,000 newest matches (see defaultSearchCap).
func (d *DB) Items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	var items []tagfeed.Item
	var err error
	if sel.Stories != tagfeed.PickNone {
		items, err = tagfeed.FoldStories(ctx, sel, d.items)
	} else {
		items, err = d.items(ctx, sel)
	}
	if err != nil {
		return nil, fmt.Errorf("db: items (%s): %w", sel, err)
	}
	return items, nil
}

func (d *DB) items(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	// A page of a search reads the pass of the words as typed alone
	// first: when that fills the page, the pass without diacritics, which
	// ranks below it, cannot change the page and is not run.
	how := searchRanked
	if sel.Search != "" && sel.Limit > 0 {
		how = searchExactOnly
	}
	query, args, err := d.selectionQuery(sel, how)
	if err != nil {
		return nil, err
	}
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	items, err := readItems(ctx, tx, query, args)
	if err == nil && how == searchExactOnly && len(items) < sel.Limit && d.twoPasses(sel.Search) {
		if query, args, err = d.selectionQuery(sel, searchRanked); err == nil {
			items, err = readItems(ctx, tx, query, args)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := loadTags(ctx, tx, items, sel.Explained); err != nil {
		return nil, err
	}
	return items, tx.Commit()
}

// readItems runs a query of itemColumns in tx.
func readItems(ctx context.Context, tx *sql.Tx, query string, args []any) ([]tagfeed.Item, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	items, err := scanItems(rows)
	return items, searchError(err)
}

// scanItems reads rows of itemColumns.
func scanItems(rows *sql.Rows) ([]tagfeed.Item, error) {
	var items []tagfeed.Item
	for rows.Next() {
		var it tagfeed.Item
		var published, updated, firstSeen int64
		var dated bool
		var enclosures string
		err := rows.Scan(&it.ID, &it.SourceID, &it.Key, &it.GUID, &it.Link, &it.Title, &it.Summary,
			&it.Content, &it.Author, &it.Outlet, &it.Language, &enclosures, &published, &dated, &updated, &firstSeen,
			&it.Story.ID, &it.Story.Match, &it.Story.Similarity,
			&it.SourceTitle, &it.SourceKind, &it.SourceURL)
		if err != nil {
			return nil, err
		}
		if dated {
			it.Published = fromMillis(published)
		}
		it.Updated, it.FirstSeen = fromMillis(updated), fromMillis(firstSeen)
		if it.Enclosures, err = tagfeed.DecodeEnclosures(enclosures); err != nil {
			return nil, fmt.Errorf("item %d: %w", it.ID, err)
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// loadTags fills the tags of items with one query: their names and scores,
// and with explained their explanations.
func loadTags(ctx context.Context, tx *sql.Tx, items []tagfeed.Item, explained bool) error {
	if len(items) == 0 {
		return nil
	}
	byID := make(map[int64]*tagfeed.Item, len(items))
	ids := make([]byte, 0, 8*len(items))
	ids = append(ids, '[')
	for i := range items {
		if i > 0 {
			ids = append(ids, ',')
		}
		ids = strconv.AppendInt(ids, items[i].ID, 10)
		byID[items[i].ID] = &items[i]
	}
	ids = append(ids, ']')

	explain := `'[]', '{}'`
	if explained {
		explain = `matches, evidence`
	}
	rows, err := tx.QueryContext(ctx, `SELECT item_id, tag, score, `+explain+` FROM item_tags
		WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, tag`, string(ids))
	if err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r tagRow
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

// TagCounts returns how many items carry each tag, from the counts that
// triggers keep (migration 0002).
func (d *DB) TagCounts(ctx context.Context) (map[string]int, error) {
	counts, err := d.tagCounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: tag counts: %w", err)
	}
	return counts, nil
}

func (d *DB) tagCounts(ctx context.Context) (map[string]int, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, `SELECT tag, items FROM tag_counts WHERE items > 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var tag string
		var n int
		if err := rows.Scan(&tag, &n); err != nil {
			return nil, err
		}
		counts[tag] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return counts, tx.Commit()
}
