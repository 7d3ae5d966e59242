package pg_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/tagfeed/tagfeed/pg"
	"github.com/tagfeed/tagfeed/pg/pgtest"
	"github.com/tagfeed/tagfeed/storetest"
)

// server is the PostgreSQL server of this package's tests; nil when
// there is none, and they skip.
var server *pgtest.Server

// skipReason says why there is no server.
var skipReason string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run starts a server for the tests, or notes why there is none, and
// stops it when they are done.
func run(m *testing.M) int {
	s, err := pgtest.Start(context.Background())
	switch {
	case errors.Is(err, pgtest.ErrUnavailable):
		skipReason = err.Error()
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		return 1
	default:
		server = s
		defer s.Stop()
	}
	return m.Run()
}

// openStore opens a store on a schema of its own, closed when the test
// ends.
func openStore(t testing.TB, dsn string, opts pg.Options) *pg.Store {
	t.Helper()
	s, err := pg.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("pg.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// needServer skips the test when there is no PostgreSQL.
func needServer(t testing.TB) {
	t.Helper()
	if server == nil {
		t.Skip(skipReason)
	}
}

// TestConformance runs the stores' conformance suite against PostgreSQL,
// each test on a schema of its own, and checks PostgreSQL's own
// invariants after each (pg.CheckInvariants).
func TestConformance(t *testing.T) {
	needServer(t)
	o := storetest.Keyed(server.Schema, func(t *testing.T, dsn string, env storetest.Env) storetest.Store {
		s := openStore(t, dsn, pg.Options{SearchForms: env.SearchForms, SearchVersion: env.SearchVersion})
		s.Now = env.Now
		return s
	})
	o.Check = func(t *testing.T, s storetest.Store) { pg.CheckInvariants(t, s.(*pg.Store)) }
	storetest.Run(t, o)
}
