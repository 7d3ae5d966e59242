package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// writeStatements are the statements the hot write paths (SaveFetch and
// Retag) run, parsed once on the writer connection at Open: parsing costs
// more than running them. A statement missing from this list still works,
// parsed on each call.
var writeStatements = []string{
	sqlSourceExists, sqlSourceFields, sqlUpdateSource, sqlSaveStatus,
	sqlStoredItems, sqlInsertItem, sqlUpdateItem, sqlTouchItem, sqlTouchIfHash,
	sqlDeleteTags, sqlInsertTag, sqlTagsPublished,
	sqlIndexExact, sqlIndexBare, sqlUnindexExact, sqlUnindexBare, sqlItemsChanged, sqlSourcesChanged,
	sqlSetStory, sqlSavepoint, sqlRelease,
}

// prepareWrites prepares writeStatements on w.
func prepareWrites(ctx context.Context, w *sql.DB) (map[string]*sql.Stmt, error) {
	stmts := make(map[string]*sql.Stmt, len(writeStatements))
	for _, q := range writeStatements {
		s, err := w.PrepareContext(ctx, q)
		if err != nil {
			closeStatements(stmts)
			return nil, fmt.Errorf("prepare %q: %w", q, err)
		}
		stmts[q] = s
	}
	return stmts, nil
}

// closeStatements closes prepared statements.
func closeStatements(stmts map[string]*sql.Stmt) error {
	var errs []error
	for _, s := range stmts {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// writer runs the statements of one write transaction, using the prepared
// form of each when there is one.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // prepared on the writer connection
	bound map[string]*sql.Stmt // those bound to tx so far
	// wroteTags says the transaction rewrote some item's tags.
	wroteTags bool
	// search is what to index last (see indexLater).
	search []searchEntry
}

// beginWrite starts a write transaction (IMMEDIATE, on the one writer
// connection). The caller defers w.tx.Rollback() and ends with w.tx.Commit().
func (d *DB) beginWrite(ctx context.Context) (*writer, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	return &writer{ctx: ctx, tx: tx, stmts: d.stmts, bound: map[string]*sql.Stmt{}}, nil
}

// stmt returns the prepared statement for query bound to the transaction,
// or nil when query is not prepared.
func (w *writer) stmt(query string) *sql.Stmt {
	if s, ok := w.bound[query]; ok {
		return s
	}
	s, ok := w.stmts[query]
	if !ok {
		return nil
	}
	s = w.tx.StmtContext(w.ctx, s)
	w.bound[query] = s
	return s
}

// exec runs a statement that returns no rows.
func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	if s := w.stmt(query); s != nil {
		return s.ExecContext(w.ctx, args...)
	}
	return w.tx.ExecContext(w.ctx, query, args...)
}

// queryRow runs a statement that returns at most one row.
func (w *writer) queryRow(query string, args ...any) *sql.Row {
	if s := w.stmt(query); s != nil {
		return s.QueryRowContext(w.ctx, args...)
	}
	return w.tx.QueryRowContext(w.ctx, query, args...)
}

// query runs a statement that returns rows.
func (w *writer) query(query string, args ...any) (*sql.Rows, error) {
	if s := w.stmt(query); s != nil {
		return s.QueryContext(w.ctx, args...)
	}
	return w.tx.QueryContext(w.ctx, query, args...)
}
