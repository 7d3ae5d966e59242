package main

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// sqlProgress counts the feeds fetched at least once (their state has a
// last attempt, written in the transaction that saves their items) and,
// of those, the ones whose last fetch failed.
const sqlProgress = `SELECT count(*) FILTER (WHERE f.last_attempt IS NOT NULL),
		count(*) FILTER (WHERE f.error <> '')
	FROM sources s JOIN fetch_state f ON f.source_id = s.id
	WHERE s.kind = 'feed'`

// progress is how far a round has come.
type progress struct {
	fetched, failed int
}

// readProgress reads how far the round has come; nothing yet if the
// first worker has not made the tables.
func readProgress(ctx context.Context, conn *pgx.Conn) (progress, error) {
	var p progress
	err := conn.QueryRow(ctx, sqlProgress).Scan(&p.fetched, &p.failed)
	if noTable(err) {
		return progress{}, nil
	}
	return p, err
}

// sqlLeasesOf counts the feeds leased to a process, by its pid (the
// owner is host/pid/random), whose lease has not run out.
const sqlLeasesOf = `SELECT count(*) FROM fetch_state
	WHERE lease_owner LIKE '%/' || $1 || '/%' AND lease_until > now()`

// leasesOf counts the live leases of process pid.
func leasesOf(ctx context.Context, conn *pgx.Conn, pid int) (int, error) {
	var n int
	err := conn.QueryRow(ctx, sqlLeasesOf, strconv.Itoa(pid)).Scan(&n)
	return n, err
}
