package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Count returns how many stored items sel selects, whatever its limit:
// from the counts the store keeps when sel is every item or one tag, else
// by counting. With sel.Stories it counts stories: the entries of the
// listing.
func (s *Store) Count(ctx context.Context, sel tagfeed.Selection) (int, error) {
	n, err := s.count(ctx, sel)
	if err != nil {
		return 0, fmt.Errorf("pg: count (%s): %w", sel, err)
	}
	return n, nil
}

func (s *Store) count(ctx context.Context, sel tagfeed.Selection) (int, error) {
	unfiltered := sel.Search == "" && len(sel.AnyTags) == 0 && sel.SourceID == 0 && sel.ID == 0 &&
		sel.Since.IsZero() && sel.Until.IsZero() && sel.After == nil && len(sel.InStories) == 0
	plain := unfiltered && sel.Stories == tagfeed.PickNone
	var sql string
	var args []any
	switch {
	case plain && len(sel.AllTags) == 0:
		sql = `SELECT coalesce(sum(items), 0) FROM sources`
	case unfiltered && len(sel.AllTags) == 0:
		sql = `SELECT count(DISTINCT coalesce(story_id, -id)) FROM items`
	case plain && len(sel.AllTags) == 1:
		sql, args = `SELECT coalesce((SELECT items FROM tag_counts WHERE tag = $1), 0)`, []any{sel.AllTags[0]}
	default:
		sel.Limit, sel.Offset = 0, 0
		q, err := s.selection(sel)
		if err != nil || q.none {
			return 0, err
		}
		sub := q.sql(sel)
		sql, args = `SELECT count(*) FROM (`+sub+`) x`, q.args
		if sel.Stories != tagfeed.PickNone { // stories, an item not yet grouped its own
			sql = `SELECT count(DISTINCT coalesce(i.story_id, -i.id)) FROM items i WHERE i.id IN (SELECT x.id FROM (` + sub + `) x)`
		}
	}
	var n int
	err := s.pool.QueryRow(ctx, sql, args...).Scan(&n)
	return n, searchError(err)
}

// DailyCounts returns how many of the items sel selects were published on
// each of the days UTC days up to and including end's, oldest first.
func (s *Store) DailyCounts(ctx context.Context, sel tagfeed.Selection, days int, end time.Time) ([]int, error) {
	counts, err := s.dailyCounts(ctx, sel, days, end)
	if err != nil {
		return nil, fmt.Errorf("pg: daily counts (%s): %w", sel, err)
	}
	return counts, nil
}

func (s *Store) dailyCounts(ctx context.Context, sel tagfeed.Selection, days int, end time.Time) ([]int, error) {
	counts := make([]int, days)
	if days <= 0 {
		return counts, nil
	}
	const day = 24 * time.Hour
	last := end.UTC().Truncate(day) // the start of end's day
	first := last.Add(-time.Duration(days-1) * day)
	sel.Since, sel.Until = first, last.Add(day)
	sel.Limit, sel.Offset, sel.After = 0, 0, nil
	q, err := s.selection(sel)
	if err != nil || q.none {
		return counts, err
	}
	rows, err := s.pool.Query(ctx, `SELECT floor(extract(epoch FROM x.published - `+q.arg(first)+`) / 86400)::int, count(*)
		FROM (`+q.sql(sel)+`) x GROUP BY 1`, q.args...)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var i, n int
		if err := rows.Scan(&i, &n); err != nil {
			return nil, err
		}
		if i >= 0 && i < days {
			counts[i] = n
		}
	}
	return counts, rows.Err()
}
