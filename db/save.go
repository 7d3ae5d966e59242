package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// SaveFetch records one read of src in a single transaction: the source's
// title, site URL and fetch URL (an empty one keeps what is stored), its
// fetch status, and the items, matched to stored ones by key and stored
// as policy decides. Items are never deleted. An item with an empty key
// fails the whole call; when a key repeats in items, the last one wins.
func (d *DB) SaveFetch(ctx context.Context, src tagfeed.Source, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	counts, err := d.save(ctx, &src, src.ID, items, policy)
	if err != nil {
		return tagfeed.SaveCounts{}, fmt.Errorf("db: save items for source %d: %w", src.ID, err)
	}
	return counts, nil
}

// SaveItems stores items of a source as policy decides, in a single
// transaction, leaving the source's state as it is.
func (d *DB) SaveItems(ctx context.Context, sourceID int64, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	counts, err := d.save(ctx, nil, sourceID, items, policy)
	if err != nil {
		return tagfeed.SaveCounts{}, fmt.Errorf("db: save items for source %d: %w", sourceID, err)
	}
	return counts, nil
}

// save stores the items of source sourceID, and src's state if src is
// not nil, atomically: in a savepoint of a transaction that may commit
// other sources' saves too (see group).
func (d *DB) save(ctx context.Context, src *tagfeed.Source, sourceID int64, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	var counts tagfeed.SaveCounts
	batch, err := tagfeed.PrepareSave(items, storableKey)
	if err != nil {
		return counts, err
	}
	now := millis(d.now())
	stateOnly := src != nil && len(batch) == 0
	return d.commit(ctx, stateOnly, func(w *writer) (tagfeed.SaveCounts, error) {
		return w.saveBatch(d, src, sourceID, batch, now, policy)
	})
}

// saveBatch stores the items of source sourceID, and src's state if src
// is not nil, in the writer's transaction.
func (w *writer) saveBatch(d *DB, src *tagfeed.Source, sourceID int64, batch []tagfeed.PendingItem, now int64, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	var counts tagfeed.SaveCounts
	var err error
	renamed := false
	if src != nil {
		if renamed, err = w.saveSource(src); err != nil {
			return counts, err
		}
	} else if err := w.sourceExists(sourceID); err != nil {
		return counts, err
	}
	stored, err := w.storedItems(sourceID, batch)
	if err != nil {
		return counts, err
	}
	for _, p := range batch {
		out, err := w.saveItem(d, sourceID, p, stored[p.Key], now, policy)
		if err != nil {
			return counts, fmt.Errorf("item %q: %w", p.Key, err)
		}
		switch out {
		case tagfeed.New:
			counts.New++
		case tagfeed.Updated, tagfeed.Retagged:
			counts.Updated++
		default:
			counts.Unchanged++
		}
	}
	// An item whose explanations alone changed counts as unchanged, but
	// its page shows them: any write to items or tags moves the counter.
	if renamed || counts.New+counts.Updated > 0 || w.wroteTags {
		if err := w.itemsChanged(now); err != nil {
			return counts, err
		}
	}
	return counts, nil // the group indexes the items noted for search
}

// saveSource writes the source's names and fetch state, and reports
// whether its names changed.
func (w *writer) saveSource(src *tagfeed.Source) (renamed bool, err error) {
	if renamed, err = w.updateSource(*src); err != nil {
		return false, err
	}
	if err := w.saveStatus(src.ID, &src.Status); err != nil {
		return false, err
	}
	return renamed, w.sourcesChanged()
}

// sqlSourceExists finds a source by id.
const sqlSourceExists = `SELECT 1 FROM sources WHERE id = ?`

// sourceExists fails with ErrNotFound when there is no source id.
func (w *writer) sourceExists(id int64) error {
	var one int
	err := w.queryRow(sqlSourceExists, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("source: %w", tagfeed.ErrNotFound)
	}
	return err
}

// Fingerprints returns the fingerprints of a source's stored items, by
// key, for those that have one.
func (d *DB) Fingerprints(ctx context.Context, sourceID int64) (map[string]string, error) {
	rows, err := d.r.QueryContext(ctx, `SELECT key, fingerprint FROM items WHERE source_id = ? AND fingerprint != ''`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("db: fingerprints of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	prints := make(map[string]string)
	for rows.Next() {
		var key, fp string
		if err := rows.Scan(&key, &fp); err != nil {
			return nil, fmt.Errorf("db: fingerprints of source %d: %w", sourceID, err)
		}
		prints[key] = fp
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: fingerprints of source %d: %w", sourceID, err)
	}
	return prints, nil
}

const (
	sqlSourceFields = `SELECT fetch_url, title, site_url FROM sources WHERE id = ?`
	sqlUpdateSource = `UPDATE sources SET fetch_url = ?, title = ?, site_url = ? WHERE id = ?`
)

// updateSource writes the source's title, site URL and fetch URL, keeping
// the stored value of each that src leaves empty, and only if one differs,
// which it reports.
func (w *writer) updateSource(src tagfeed.Source) (changed bool, err error) {
	var fetchURL, title, siteURL string
	err = w.queryRow(sqlSourceFields, src.ID).Scan(&fetchURL, &title, &siteURL)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("source: %w", tagfeed.ErrNotFound)
	}
	if err != nil {
		return false, err
	}
	newFetchURL, newTitle, newSiteURL := orKeep(src.FetchURL, fetchURL), orKeep(src.Title, title), orKeep(src.SiteURL, siteURL)
	if newFetchURL == fetchURL && newTitle == title && newSiteURL == siteURL {
		return false, nil
	}
	_, err = w.exec(sqlUpdateSource, newFetchURL, newTitle, newSiteURL, src.ID)
	return err == nil, err
}

// orKeep returns s, or old when s is empty.
func orKeep(s, old string) string {
	if s == "" {
		return old
	}
	return s
}

const sqlSaveStatus = `INSERT INTO fetch_state (source_id, etag, last_modified, last_attempt, last_success,
		http_status, error, warning, failures, next_fetch, min_interval, gone)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (source_id) DO UPDATE SET
		etag = excluded.etag, last_modified = excluded.last_modified,
		last_attempt = excluded.last_attempt, last_success = excluded.last_success,
		http_status = excluded.http_status, error = excluded.error, warning = excluded.warning,
		failures = excluded.failures, next_fetch = excluded.next_fetch,
		min_interval = excluded.min_interval, gone = excluded.gone`

// saveStatus writes the source's fetch state.
func (w *writer) saveStatus(sourceID int64, st *tagfeed.FetchStatus) error {
	_, err := w.exec(sqlSaveStatus,
		sourceID, st.ETag, st.LastModified, nullMillis(st.LastAttempt), nullMillis(st.LastSuccess),
		st.HTTPStatus, st.Error, st.Warning, st.Failures, nullMillis(st.NextFetch), st.MinInterval.Milliseconds(), st.Gone)
	if err != nil {
		return fmt.Errorf("fetch state: %w", err)
	}
	return nil
}
