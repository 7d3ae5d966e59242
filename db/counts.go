package db

import (
	"context"
	"fmt"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Count returns how many stored items sel selects, whatever its limit:
// from the counts the triggers keep when sel is every item or one tag,
// else by counting.
//
// With sel.Stories it counts stories: the entries of the listing.
func (d *DB) Count(ctx context.Context, sel tagfeed.Selection) (int, error) {
	n, err := d.count(ctx, sel)
	if err != nil {
		return 0, fmt.Errorf("db: count (%s): %w", sel, err)
	}
	return n, nil
}

func (d *DB) count(ctx context.Context, sel tagfeed.Selection) (int, error) {
	unfiltered := sel.Search == "" && len(sel.AnyTags) == 0 && sel.SourceID == 0 && sel.ID == 0 &&
		sel.Since.IsZero() && sel.Until.IsZero() && sel.After == nil && len(sel.InStories) == 0
	plain := unfiltered && sel.Stories == tagfeed.PickNone
	var query string
	var args []any
	switch {
	case plain && len(sel.AllTags) == 0:
		query = `SELECT coalesce(sum(items), 0) FROM sources`
	case unfiltered && len(sel.AllTags) == 0:
		query = `SELECT count(DISTINCT coalesce(story_id, -id)) FROM items`
	case plain && len(sel.AllTags) == 1:
		query, args = `SELECT coalesce((SELECT items FROM tag_counts WHERE tag = ?), 0)`, []any{sel.AllTags[0]}
	default:
		sel.Limit, sel.Offset = 0, 0
		sub, subArgs, err := d.selectionQuery(sel, searchMatched)
		if err != nil {
			return 0, err
		}
		query, args = `SELECT count(*) FROM (`+sub+`)`, subArgs
		if sel.Stories != tagfeed.PickNone { // stories, an item not yet grouped its own
			query = `SELECT count(DISTINCT coalesce(x.story_id, -x.id)) FROM items x WHERE x.id IN (SELECT id FROM (` + sub + `))`
		}
	}
	var n int
	err := d.r.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, searchError(err)
}

// DailyCounts returns how many of the items sel selects were published on
// each of the days UTC days up to and including end's, oldest first.
func (d *DB) DailyCounts(ctx context.Context, sel tagfeed.Selection, days int, end time.Time) ([]int, error) {
	counts, err := d.dailyCounts(ctx, sel, days, end)
	if err != nil {
		return nil, fmt.Errorf("db: daily counts (%s): %w", sel, err)
	}
	return counts, nil
}

const dayMillis = 24 * 60 * 60 * 1000

func (d *DB) dailyCounts(ctx context.Context, sel tagfeed.Selection, days int, end time.Time) ([]int, error) {
	counts := make([]int, days)
	if days <= 0 {
		return counts, nil
	}
	last := millis(end) / dayMillis // the day of end
	first := last - int64(days) + 1
	sel.Since, sel.Until = fromMillis(first*dayMillis), fromMillis((last+1)*dayMillis)
	sel.Limit, sel.Offset, sel.After = 0, 0, nil
	sub, args, err := d.selectionQuery(sel, searchMatched)
	if err != nil {
		return nil, err
	}
	rows, err := d.r.QueryContext(ctx, `SELECT published / `+fmt.Sprint(dayMillis)+`, count(*) FROM (`+sub+`) GROUP BY 1`, args...)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var day int64
		var n int
		if err := rows.Scan(&day, &n); err != nil {
			return nil, err
		}
		if i := day - first; i >= 0 && i < int64(days) {
			counts[i] = n
		}
	}
	return counts, rows.Err()
}
