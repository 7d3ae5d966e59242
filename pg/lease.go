package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/tagfeed/tagfeed"
)

var _ tagfeed.FeedLeaser = (*Store)(nil)

// sqlLease leases the due feeds no live lease holds, the longest due
// first. FOR UPDATE SKIP LOCKED lets processes that lease at the same
// moment pass over each other's rows instead of waiting or taking them.
const sqlLease = `UPDATE fetch_state f SET lease_owner = $1, lease_until = $2
	WHERE f.source_id IN (
		SELECT source_id FROM fetch_state
		WHERE source_id = ANY($3) AND NOT gone
			AND (next_fetch IS NULL OR next_fetch <= $4)
			AND (lease_until IS NULL OR lease_until <= $4)
		ORDER BY next_fetch NULLS FIRST, source_id
		LIMIT $5
		FOR UPDATE SKIP LOCKED)
	RETURNING f.source_id`

// LeaseDue leases to owner, until now+ttl, up to n of the feeds among ids
// that are due at now, not gone, and not leased beyond now; it returns
// them with their state.
func (s *Store) LeaseDue(ctx context.Context, owner string, ids []int64, now time.Time, ttl time.Duration, n int) ([]tagfeed.Source, error) {
	srcs, err := s.leaseDue(ctx, owner, ids, now, ttl, n)
	if err != nil {
		return nil, fmt.Errorf("pg: lease feeds to %s: %w", owner, err)
	}
	return srcs, nil
}

func (s *Store) leaseDue(ctx context.Context, owner string, ids []int64, now time.Time, ttl time.Duration, n int) ([]tagfeed.Source, error) {
	if n <= 0 || len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, sqlLease, owner, now.Add(ttl), ids, now, n)
	if err != nil {
		return nil, err
	}
	var leased []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		leased = append(leased, id)
	}
	if rows.Close(); rows.Err() != nil {
		return nil, rows.Err()
	}
	if len(leased) == 0 {
		return nil, nil
	}
	rows, err = s.pool.Query(ctx, selectSources+` WHERE s.id = ANY($1) ORDER BY s.id`, leased)
	if err != nil {
		return nil, err
	}
	byID, err := scanSources(rows)
	if err != nil {
		return nil, err
	}
	srcs := make([]tagfeed.Source, 0, len(leased))
	for _, id := range leased {
		srcs = append(srcs, byID[id])
	}
	return srcs, nil
}

// Release ends owner's leases of the sources.
func (s *Store) Release(ctx context.Context, owner string, ids []int64) error {
	_, err := s.pool.Exec(ctx, `UPDATE fetch_state SET lease_owner = '', lease_until = NULL
		WHERE source_id = ANY($1) AND lease_owner = $2`, ids, owner)
	if err != nil {
		return fmt.Errorf("pg: release %d feeds of %s: %w", len(ids), owner, err)
	}
	return nil
}
