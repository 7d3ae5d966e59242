package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Another process may hold the database's write lock: "tagfeed serve"
// saving a feed while a "tagfeed fetch" from cron or a "tagfeed retag"
// wants to write, or the other way round. SQLite waits for it up to
// busy_timeout (busyTimeout, 10 s), trying again with growing pauses.
// A write transaction that still finds the database busy then is begun
// again, after a pause that doubles from 2 ms up to 100 ms, until
// busyLimit has passed since the first try; only then does it fail with
// "database is locked". Every write transaction tagfeed makes is short
// (one feed's items, at most fetch.max_items; a chunk of a retag or of
// the search index), so a minute is ample.
const busyLimit = time.Minute

// isBusy reports whether err is SQLite's SQLITE_BUSY, "database is locked".
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// retryBusy runs op, and again while it fails with SQLITE_BUSY, pausing
// between tries, until limit has passed since the first try or ctx ends.
func retryBusy(ctx context.Context, limit time.Duration, op func() error) error {
	start := time.Now()
	for wait := 2 * time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := op()
		if err == nil || !isBusy(err) {
			return err
		}
		if time.Since(start)+wait > limit {
			return fmt.Errorf("%w (still busy after %v)", err, time.Since(start).Round(time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (waiting for another writer: %w)", err, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// beginWaiting begins a write transaction on w (IMMEDIATE, so it takes
// the write lock at once), waiting for other processes' writes for up to
// limit.
func beginWaiting(ctx context.Context, w *sql.DB, limit time.Duration) (*sql.Tx, error) {
	var tx *sql.Tx
	err := retryBusy(ctx, limit, func() error {
		var err error
		tx, err = w.BeginTx(ctx, nil)
		return err
	})
	return tx, err
}

// begin begins a write transaction on the writer connection, waiting for
// other processes' writes as beginWaiting does.
func (d *DB) begin(ctx context.Context) (*sql.Tx, error) {
	return beginWaiting(ctx, d.w, d.busyLimit)
}
