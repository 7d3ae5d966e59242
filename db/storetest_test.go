package db_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/storetest"
)

// TestConformance runs the stores' conformance suite against SQLite, each
// test on a file of its own.
func TestConformance(t *testing.T) {
	fresh := func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "tagfeed.db") }
	storetest.Run(t, storetest.Keyed(fresh, func(t *testing.T, path string, env storetest.Env) storetest.Store {
		d, err := db.OpenWith(context.Background(), path, db.Options{SearchForms: env.SearchForms, SearchVersion: env.SearchVersion})
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
	}))
}
