package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// verdict is what the database holds at the end of a round.
type verdict struct {
	items      int      // items stored
	duplicates int      // (source, key) pairs stored more than once
	complete   int      // expected feeds stored with exactly their items, each once
	missing    int      // expected feeds with no source row
	failed     int      // feeds whose last fetch failed, or that never succeeded
	problems   []string // the first few feeds that are not right, and why
}

// ok reports whether every feed was fetched and stored with all its
// items, none twice.
func (v verdict) ok(feeds, items int) bool {
	return v.items == feeds*items && v.duplicates == 0 && v.complete == feeds && v.missing == 0 && v.failed == 0
}

// String says what is wrong, if anything.
func (v verdict) String() string {
	return fmt.Sprintf("%d items, %d duplicate keys, %d feeds complete, %d missing, %d failed; %s",
		v.items, v.duplicates, v.complete, v.missing, v.failed, strings.Join(v.problems, "; "))
}

// check reads the stored items and states and compares them with the
// feeds the server serves: urls, items items each.
func check(ctx context.Context, conn *pgx.Conn, urls []string, items int) (verdict, error) {
	var v verdict
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM items`).Scan(&v.items); err != nil {
		return v, err
	}
	err := conn.QueryRow(ctx, `SELECT count(*) FROM (
		SELECT source_id, key FROM items GROUP BY source_id, key HAVING count(*) > 1) d`).Scan(&v.duplicates)
	if err != nil {
		return v, err
	}
	rows, err := conn.Query(ctx, `SELECT s.url, count(i.id), count(DISTINCT i.key),
			f.last_success IS NOT NULL, f.error
		FROM sources s JOIN fetch_state f ON f.source_id = s.id LEFT JOIN items i ON i.source_id = s.id
		WHERE s.kind = 'feed' GROUP BY s.url, f.last_success, f.error`)
	if err != nil {
		return v, err
	}
	want := make(map[string]bool, len(urls))
	for _, u := range urls {
		want[u] = true
	}
	seen := make(map[string]bool, len(urls))
	for rows.Next() {
		var url string
		var n, distinct int
		var succeeded bool
		var ferr string
		if err := rows.Scan(&url, &n, &distinct, &succeeded, &ferr); err != nil {
			rows.Close()
			return v, err
		}
		seen[url] = true
		switch {
		case !succeeded || ferr != "":
			v.failed++
			v.problem(fmt.Sprintf("%s: not fetched: %q", url, ferr))
		case !want[url]:
			v.problem(url + ": not a feed of the server")
		case n != items || distinct != items:
			v.problem(fmt.Sprintf("%s: %d items, %d distinct; want %d", url, n, distinct, items))
		default:
			v.complete++
		}
	}
	if rows.Close(); rows.Err() != nil {
		return v, rows.Err()
	}
	for _, u := range urls {
		if !seen[u] {
			v.missing++
			v.problem(u + ": no source")
		}
	}
	return v, nil
}

// problem notes a feed that is not right; the first five are kept.
func (v *verdict) problem(s string) {
	if len(v.problems) < 5 {
		v.problems = append(v.problems, s)
	}
}
