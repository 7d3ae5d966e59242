package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
)

// runBackup writes a consistent copy of the database while serve or fetch
// may be writing to it.
func runBackup(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("usage: tagfeed backup FILE")
	}
	cfg, _, err := loadRules(g)
	if err != nil {
		return err
	}
	store, err := openDB(ctx, dbPath(cfg, g))
	if err != nil {
		return err
	}
	defer store.Close()
	b, ok := store.(interface {
		Backup(ctx context.Context, path string) error
	})
	if !ok {
		return errors.New("backup: tagfeed backs up a SQLite file; back up a PostgreSQL database with pg_dump")
	}
	if err := b.Backup(ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", dbPath(cfg, g), rest[0])
	return nil
}
