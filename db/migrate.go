package db

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/tagfeed/tagfeed/internal/migrations"
)

// migrationFiles holds the schema changes, numbered from 0001. A migration
// that has shipped is never edited: a change is a new file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// readMigrations returns the embedded migrations in order (see package
// migrations for how they are numbered).
func readMigrations() ([]migrations.Migration, error) {
	return migrations.Read(migrationFiles, "migrations/*.sql")
}

// migrate applies, each in its own transaction, the migrations newer than
// the database's user_version, and records each one's number there.
func migrate(ctx context.Context, w *sql.DB) error {
	ms, err := readMigrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := apply(ctx, w, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	var v int
	if err := w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this tagfeed knows (%d)", v, len(ms))
	}
	return nil
}

// apply runs one migration unless the database already has it. The version
// is read inside the (immediate) transaction, so two processes opening the
// same new file do not both apply it.
func apply(ctx context.Context, w *sql.DB, m migrations.Migration) error {
	tx, err := beginWaiting(ctx, w, busyLimit)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v >= m.Version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.Version)); err != nil {
		return err
	}
	return tx.Commit()
}
