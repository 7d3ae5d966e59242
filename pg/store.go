// Package pg stores tagfeed's sources, items and tags in PostgreSQL,
// through jackc/pgx. It is the SQLite store of package db in PostgreSQL's
// dialect, for installations that outgrow one machine: many fetchers and
// web servers on one database.
//
// It talks to PostgreSQL through a pgxpool.Pool, not database/sql: the
// store is the only user of its connections, and pgx's own interface
// gives it what database/sql would hide behind shims: arrays and
// timestamps as parameters, and batches that send many statements in one
// round trip, so that saving a feed of a thousand items costs a handful
// of round trips instead of a thousand.
//
// The schema lives in numbered migrations (migrations/0001_init.sql, …),
// embedded in the binary and applied at Open, each in its own transaction
// that records its number in the schema_version table.
//
// Many processes may write at once. Every write transaction locks rows in
// one order: the source, its items (by id), then the counters (the tag
// counts by name, then the data_version row), which it updates last, just
// before it commits. Writers wait for each other only where they touch
// the same rows, and never deadlock.
//
// Times are timestamptz, kept to the millisecond as SQLite keeps them; an
// unknown time is NULL and comes back as the zero time.Time. Text is
// stored as valid UTF-8 without NUL bytes, which PostgreSQL refuses: each
// bad byte sequence and each NUL becomes U+FFFD.
package pg

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tagfeed/tagfeed"
)

// Options configure a store beyond its database.
type Options struct {
	// SearchForms gives the two forms a text is indexed and searched in:
	// normalized with its case folded, and the same without diacritics.
	// tagfeed uses package tag's SearchForms, as the SQLite store does, so
	// that both read Vietnamese alike. Nil lower-cases.
	SearchForms tagfeed.SearchFormsFunc
	// SearchVersion names SearchForms. When the index was built with
	// another, Open builds it again.
	SearchVersion string
}

// Store is the PostgreSQL store. It implements tagfeed.Store,
// tagfeed.StoryStore, tagfeed.StoryLeader and tagfeed.ArticleStore.
type Store struct {
	pool          *pgxpool.Pool
	forms         tagfeed.SearchFormsFunc
	searchVersion string

	// Now returns the current time. It defaults to time.Now; tests set it.
	Now func() time.Time

	leadMu   sync.Mutex
	leadConn *pgx.Conn // holds the lock of story grouping's leader (see LeadStories)
}

var (
	_ tagfeed.Store        = (*Store)(nil)
	_ tagfeed.StoryStore   = (*Store)(nil)
	_ tagfeed.ArticleStore = (*Store)(nil)
)

// Open connects to the database dsn names (a postgres:// URL or a
// key=value string, as libpq reads them), applies the migrations it
// lacks, and builds the search index again if it was built with other
// forms than opts's.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("pg: open: %w", err) // pgx leaves the password out
	}
	where := fmt.Sprintf("%s on %s", cfg.ConnConfig.Database, cfg.ConnConfig.Host)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pg: open %s: %w", where, err)
	}
	s := &Store{pool: pool, forms: opts.SearchForms, searchVersion: opts.SearchVersion, Now: time.Now}
	if s.forms == nil {
		s.forms = tagfeed.LowerForms
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pg: open %s: %w", where, err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pg: open %s: %w", where, err)
	}
	if err := s.buildIndex(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pg: open %s: search index: %w", where, err)
	}
	return s, nil
}

// Close closes the store's connections.
func (s *Store) Close() error {
	s.leadMu.Lock()
	s.dropLead()
	s.leadMu.Unlock()
	s.pool.Close()
	return nil
}

// now returns the current time from the injected clock, to the
// millisecond.
func (s *Store) now() time.Time {
	if s.Now == nil {
		return ms(time.Now())
	}
	return ms(s.Now())
}

// ms returns t in UTC, to the millisecond, as the store keeps times.
func ms(t time.Time) time.Time {
	return time.UnixMilli(t.UnixMilli()).UTC()
}

// nullTime encodes t for a nullable column: NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ms(t)
}

// fromNull decodes a nullable time column: NULL is the zero time.
func fromNull(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
