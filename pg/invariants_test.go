package pg

import (
	"context"
	"testing"

	"github.com/tagfeed/tagfeed/storetest"
)

// CheckInvariants checks what the conformance suite cannot see through
// the store's interfaces: that the copies PostgreSQL keeps agree with the
// data (see storetest.CheckInvariants) and that every item is in the
// search index. The conformance test runs it after each of its tests.
func CheckInvariants(t *testing.T, s *Store) {
	t.Helper()
	count := func(query string) (n int, err error) {
		err = s.pool.QueryRow(context.Background(), query).Scan(&n)
		return n, err
	}
	storetest.CheckInvariants(t, count, storetest.Invariant{What: "items are missing from the search index",
		Query: `SELECT count(*) FROM items WHERE id NOT IN (SELECT item_id FROM item_search)`})
}
