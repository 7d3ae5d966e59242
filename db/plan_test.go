package db

import (
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// TestItemsQueryPlans guards the speed of Items: each shape of query must
// walk an index in order (no sort of the whole result) and probe the rest
// by key.
func TestItemsQueryPlans(t *testing.T) {
	d, _ := MustOpen(t)
	tests := []struct {
		name string
		q    tagfeed.Selection
		uses string
	}{
		{"all", tagfeed.Selection{Limit: 50}, "items_newest"},
		{"tag", tagfeed.Selection{AllTags: []string{"ai"}, Limit: 50}, "item_tags_newest"},
		{"source", tagfeed.Selection{SourceID: 3, Limit: 50}, "items_source_newest"},
		{"tag and source", tagfeed.Selection{AllTags: []string{"ai"}, SourceID: 3, Limit: 50}, "items_source_newest"},
		{"all of two tags", tagfeed.Selection{AllTags: []string{"ai", "energy"}, Limit: 50}, "item_tags_newest"},
		{"any of two tags", tagfeed.Selection{AnyTags: []string{"ai", "energy"}, Limit: 50}, "items_newest"},
		{"a page on", tagfeed.Selection{AllTags: []string{"ai"}, Limit: 50, After: &tagfeed.Cursor{ID: 9}}, "item_tags_newest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			query, args, err := d.selectionQuery(tt.q, searchRanked)
			if err != nil {
				t.Fatal(err)
			}
			plan := queryPlan(t, d, query, args...)
			if !strings.Contains(plan, tt.uses) || strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "SCAN t") {
				t.Errorf("plan:\n%s\nwant it to walk %s, with no temporary B-tree and no scan of item_tags", plan, tt.uses)
			}
		})
	}
	t.Run("search", func(t *testing.T) {
		query, args, err := d.selectionQuery(tagfeed.Selection{Search: "bán dẫn", AllTags: []string{"ai"}, Limit: 50}, searchRanked)
		if err != nil {
			t.Fatal(err)
		}
		if plan := queryPlan(t, d, query, args...); !strings.Contains(plan, "VIRTUAL TABLE INDEX") {
			t.Errorf("plan:\n%s\nwant the search index", plan)
		}
	})
	// A ranked search pass must walk the index newest first, probing each
	// match for the selection's filters, so that it stops at the cap
	// instead of reading and sorting every match.
	for name, sel := range map[string]tagfeed.Selection{
		"search pass":              {Search: "bán dẫn", Limit: 50},
		"search pass with filters": {Search: "bán dẫn", AllTags: []string{"ai"}, SourceID: 3, Since: time.Unix(0, 0), Limit: 50},
	} {
		t.Run(name, func(t *testing.T) {
			query, args, err := d.selectionQuery(sel, searchExactOnly)
			if err != nil {
				t.Fatal(err)
			}
			plan := queryPlan(t, d, query, args...)
			pass, _, _ := strings.Cut(plan, "SCAN m\n")
			if !strings.HasPrefix(pass, "CO-ROUTINE m\nSCAN search_exact VIRTUAL TABLE INDEX") || strings.Contains(pass, "TEMP B-TREE") {
				t.Errorf("plan:\n%s\nwant the pass to walk search_exact first, with no temporary B-tree", plan)
			}
		})
	}
	for name, q := range map[string]struct {
		where string
		args  []any
		uses  string
	}{
		"ungrouped items":     {whereUngrouped, []any{500}, "items_ungrouped"},
		"grouped items after": {whereGroupedAfter, []any{9, 500}, "INTEGER PRIMARY KEY (rowid>?)"},
	} {
		t.Run(name, func(t *testing.T) {
			plan := queryPlan(t, d, "SELECT "+storyColumns+" FROM items i "+q.where, q.args...)
			if !strings.Contains(plan, q.uses) || strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("plan:\n%s\nwant it to walk %s, with no temporary B-tree", plan, q.uses)
			}
		})
	}
	t.Run("stored items of a batch", func(t *testing.T) {
		plan := queryPlan(t, d, sqlStoredItems, 1, `["a"]`)
		if !strings.Contains(plan, "sqlite_autoindex_items_1 (source_id=? AND key=?)") {
			t.Errorf("plan:\n%s\nwant a search of the (source_id, key) index", plan)
		}
	})
}

// queryPlan returns SQLite's EXPLAIN QUERY PLAN for query, one step a line.
func queryPlan(t *testing.T, d *DB, query string, args ...any) string {
	t.Helper()
	rows, err := d.r.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
