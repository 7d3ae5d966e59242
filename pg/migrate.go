package pg

import (
	"context"
	"embed"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

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

// migrate applies, each in its own transaction, the migrations the
// database lacks, and records each one's number in schema_version. It
// refuses a database that a newer tagfeed has migrated further.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	ms, err := readMigrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := apply(ctx, pool, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	var v int
	if err := pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return err
	}
	if v > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this tagfeed knows (%d)", v, len(ms))
	}
	return nil
}

// sqlSchemaVersion creates the table of applied migrations.
const sqlSchemaVersion = `CREATE TABLE IF NOT EXISTS schema_version (
	version integer     PRIMARY KEY,
	name    text        NOT NULL,
	applied timestamptz NOT NULL DEFAULT now()
)`

// apply runs one migration unless the database already has it. An
// advisory lock, taken first and held until the transaction ends, keeps
// two processes opening the same new schema from both applying it.
func apply(ctx context.Context, pool *pgxpool.Pool, m migrations.Migration) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)

	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('tagfeed migrate ' || current_schema()))`); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, sqlSchemaVersion); err != nil {
		return err
	}
	var have bool
	err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_version WHERE version >= $1)`, m.Version).Scan(&have)
	if err != nil || have {
		return err
	}
	if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
