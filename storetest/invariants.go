package storetest

import "testing"

// Invariant is a check of the copies a SQL store keeps of its own data:
// a query that counts the rows that break it, and what they break.
type Invariant struct {
	What, Query string
}

// sqlInvariants are the invariants of the copies both SQL stores keep, in
// SQL that both engines read: each tag row's copy of its item's date, the
// counts of tags, and each source's count of its items.
func sqlInvariants() []Invariant {
	return []Invariant{
		{"item_tags rows disagree with their item's published time", `SELECT count(*) FROM item_tags t
			JOIN items i ON i.id = t.item_id WHERE t.published <> i.published`},
		{"tag counts are wrong", `SELECT count(*) FROM tag_counts c
			WHERE c.items <> (SELECT count(*) FROM item_tags t WHERE t.tag = c.tag)`},
		{"tags are not counted", `SELECT count(DISTINCT tag) FROM item_tags WHERE tag NOT IN (SELECT tag FROM tag_counts)`},
		{"source item counts are wrong", `SELECT count(*) FROM sources s
			WHERE s.items <> (SELECT count(*) FROM items i WHERE i.source_id = s.id)`},
	}
}

// CheckInvariants checks the invariants that both SQL stores keep, then
// the store's own (extra), running each query with count, which returns
// the one number it selects. It reports each invariant that rows break,
// and how many.
func CheckInvariants(tb testing.TB, count func(query string) (int, error), extra ...Invariant) {
	tb.Helper()
	for _, c := range append(sqlInvariants(), extra...) {
		n, err := count(c.Query)
		if err != nil {
			tb.Fatalf("%s: %v", c.What, err)
		}
		if n != 0 {
			tb.Errorf("%d %s", n, c.What)
		}
	}
}
