package db

import (
	"context"
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// DataVersion returns the counters of changes to the stored data, which
// every write that changes what feeds or pages show moves on.
func (d *DB) DataVersion(ctx context.Context) (tagfeed.DataVersion, error) {
	var v tagfeed.DataVersion
	var changed int64
	err := d.r.QueryRowContext(ctx, `SELECT
		(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'items_version'),
		(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sources_version'),
		(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'items_changed')`).Scan(&v.Items, &v.Sources, &changed)
	if err != nil {
		return v, fmt.Errorf("db: data version: %w", err)
	}
	if changed > 0 {
		v.Changed = fromMillis(changed)
	}
	return v, nil
}

const (
	sqlItemsChanged = `UPDATE meta SET value = CASE key
		WHEN 'items_version' THEN CAST(value AS INTEGER) + 1 ELSE ? END
		WHERE key IN ('items_version', 'items_changed')`
	sqlSourcesChanged = `UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'sources_version'`
)

// itemsChanged moves the items counter on, in the write transaction that
// changes items, tags or sources' names.
func (w *writer) itemsChanged(now int64) error {
	if _, err := w.exec(sqlItemsChanged, now); err != nil {
		return fmt.Errorf("count the change: %w", err)
	}
	return nil
}

// sourcesChanged moves the sources counter on, in the write transaction
// that records a fetch.
func (w *writer) sourcesChanged() error {
	if _, err := w.exec(sqlSourcesChanged); err != nil {
		return fmt.Errorf("count the fetch: %w", err)
	}
	return nil
}
