package db

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tagfeed/tagfeed/storetest"
)

// TestConformance runs the stores' conformance suite against SQLite, each
// test on a file of its own, and checks SQLite's own invariants after each
// (checkInvariants: the denormalized counts and dates, the search index).
func TestConformance(t *testing.T) {
	fresh := func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "tagfeed.db") }
	o := storetest.Keyed(fresh, func(t *testing.T, path string, env storetest.Env) storetest.Store {
		d, err := OpenWith(context.Background(), path, Options{SearchForms: env.SearchForms, SearchVersion: env.SearchVersion})
		if err != nil {
			t.Fatalf("db.OpenWith: %v", err)
		}
		d.Now = env.Now
		t.Cleanup(func() {
			if err := d.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return d
	})
	o.Check = func(t *testing.T, s storetest.Store) { checkInvariants(t, s.(*DB)) }
	storetest.Run(t, o)
}
