package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// RulesHash returns the hash of the rules the stored tags were made with,
// or "" if none is recorded.
func (s *Store) RulesHash(ctx context.Context) (string, error) {
	var hash string
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'rules_hash'`).Scan(&hash)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("pg: rules hash: %w", err)
	}
	return hash, nil
}

// SetRulesHash records the hash of the rules the stored tags were made
// with.
func (s *Store) SetRulesHash(ctx context.Context, hash string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('rules_hash', $1)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, text(hash))
	if err != nil {
		return fmt.Errorf("pg: set rules hash: %w", err)
	}
	return nil
}

// DataVersion returns the counters of changes to the stored data, which
// every write that changes what feeds or pages show moves on, in this
// process or any other.
func (s *Store) DataVersion(ctx context.Context) (tagfeed.DataVersion, error) {
	var v tagfeed.DataVersion
	var changed *time.Time
	err := s.pool.QueryRow(ctx, `SELECT items, sources, changed FROM data_version`).Scan(&v.Items, &v.Sources, &changed)
	if err != nil {
		return v, fmt.Errorf("pg: data version: %w", err)
	}
	v.Changed = fromNull(changed)
	return v, nil
}
