package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// rulesHashKey is the meta row holding the hash of the tag rules.
const rulesHashKey = "rules_hash"

// RulesHash returns the hash of the rules the stored tags were made with,
// or "" if none is recorded.
func (d *DB) RulesHash(ctx context.Context) (string, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return "", fmt.Errorf("db: rules hash: %w", err)
	}
	defer tx.Rollback()

	var hash string
	err = tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, rulesHashKey).Scan(&hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("db: rules hash: %w", err)
	}
	return hash, tx.Commit()
}

// SetRulesHash records the hash of the rules the stored tags were made with.
func (d *DB) SetRulesHash(ctx context.Context, hash string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return fmt.Errorf("db: set rules hash: %w", err)
	}
	defer tx.Rollback()

	_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, rulesHashKey, hash)
	if err != nil {
		return fmt.Errorf("db: set rules hash: %w", err)
	}
	return tx.Commit()
}

// RowCounts is how many rows the main tables hold.
type RowCounts struct {
	Sources, Items, ItemTags int
}

// Counts returns the number of rows in the sources, items and item_tags
// tables. Two identical fetch rounds leave them the same.
func (d *DB) Counts(ctx context.Context) (RowCounts, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return RowCounts{}, fmt.Errorf("db: counts: %w", err)
	}
	defer tx.Rollback()

	var c RowCounts
	err = tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM items),
		(SELECT count(*) FROM item_tags)`).Scan(&c.Sources, &c.Items, &c.ItemTags)
	if err != nil {
		return RowCounts{}, fmt.Errorf("db: counts: %w", err)
	}
	return c, tx.Commit()
}
