package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// newSchema creates a schema of its own for one run, named after it, on
// the server dsn connects to, and returns a DSN whose search_path is that
// schema: every run starts from an empty database, and the user of
// $TAGFEED_TEST_POSTGRES need only be allowed to create schemas.
func newSchema(ctx context.Context, dsn, run string) (schema, runDSN string, err error) {
	var b [4]byte
	rand.Read(b[:])
	schema = "pgscale_" + run + "_" + hex.EncodeToString(b[:])
	if err := execOnce(ctx, dsn, `CREATE SCHEMA `+schema); err != nil {
		return "", "", fmt.Errorf("create schema: %w", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", "", fmt.Errorf("database URL: %w", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return schema, u.String(), nil
}

// dropSchema removes a run's schema and everything in it.
func dropSchema(ctx context.Context, dsn, schema string) error {
	if err := execOnce(ctx, dsn, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
		return fmt.Errorf("drop schema %s: %w", schema, err)
	}
	return nil
}

// execOnce runs one statement on a connection of its own.
func execOnce(ctx context.Context, dsn, sql string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// noTable reports whether err is PostgreSQL's "relation does not exist":
// the first worker has not created the tables yet.
func noTable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "42P01"
}
