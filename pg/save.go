package pg

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/tagfeed/tagfeed"
)

// SaveFetch records one read of src in a single transaction: the source's
// title, site URL and fetch URL (an empty one keeps what is stored), its
// fetch status, and the items, matched to stored ones by key and stored as
// policy decides. Items are never deleted. An item with an empty key fails
// the whole call; when a key repeats in items, the last one wins.
func (s *Store) SaveFetch(ctx context.Context, src tagfeed.Source, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	counts, err := s.save(ctx, &src, src.ID, items, policy)
	if err != nil {
		return tagfeed.SaveCounts{}, fmt.Errorf("pg: save items for source %d: %w", src.ID, err)
	}
	return counts, nil
}

// SaveItems stores items of a source as policy decides, in a single
// transaction, leaving the source's state as it is.
func (s *Store) SaveItems(ctx context.Context, sourceID int64, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	counts, err := s.save(ctx, nil, sourceID, items, policy)
	if err != nil {
		return tagfeed.SaveCounts{}, fmt.Errorf("pg: save items for source %d: %w", sourceID, err)
	}
	return counts, nil
}

// save stores the items of source sourceID, and src's state if src is
// not nil, in one transaction. It locks the source's row first, so two
// saves of one source take turns.
func (s *Store) save(ctx context.Context, src *tagfeed.Source, sourceID int64, items []tagfeed.Item, policy tagfeed.SavePolicy) (tagfeed.SaveCounts, error) {
	batch, err := tagfeed.PrepareSave(items, text)
	if err != nil {
		return tagfeed.SaveCounts{}, err
	}
	var counts tagfeed.SaveCounts
	err = s.write(ctx, func(w *writer) error {
		stored, err := w.lockSource(sourceID)
		if err != nil {
			return err
		}
		if src != nil {
			if err := w.saveSource(src, stored); err != nil {
				return err
			}
		}
		known, err := w.storedItems(sourceID, batch)
		if err != nil {
			return err
		}
		counts, err = w.saveItems(s, sourceID, batch, known, policy)
		return err
	})
	return counts, err
}

// lockSource locks the source's row for the transaction and returns its
// names, or fails with ErrNotFound.
func (w *writer) lockSource(id int64) (tagfeed.Source, error) {
	src := tagfeed.Source{ID: id}
	err := w.tx.QueryRow(w.ctx, `SELECT fetch_url, title, site_url FROM sources WHERE id = $1 FOR NO KEY UPDATE`, id).
		Scan(&src.FetchURL, &src.Title, &src.SiteURL)
	if errors.Is(err, pgx.ErrNoRows) {
		return src, fmt.Errorf("source: %w", tagfeed.ErrNotFound)
	}
	return src, err
}

// sqlSaveStatus writes a source's fetch state.
const sqlSaveStatus = `INSERT INTO fetch_state (source_id, etag, last_modified, last_attempt, last_success,
		http_status, error, warning, failures, next_fetch, min_interval, gone)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
	ON CONFLICT (source_id) DO UPDATE SET
		etag = excluded.etag, last_modified = excluded.last_modified,
		last_attempt = excluded.last_attempt, last_success = excluded.last_success,
		http_status = excluded.http_status, error = excluded.error, warning = excluded.warning,
		failures = excluded.failures, next_fetch = excluded.next_fetch,
		min_interval = excluded.min_interval, gone = excluded.gone`

// saveSource writes the source's title, site URL and fetch URL, keeping
// the stored value of each that src leaves empty, and its fetch state.
// A change of names moves the items' counter on, as feeds show them.
func (w *writer) saveSource(src *tagfeed.Source, stored tagfeed.Source) error {
	fetchURL, title, siteURL := orKeep(text(src.FetchURL), stored.FetchURL), orKeep(text(src.Title), stored.Title), orKeep(text(src.SiteURL), stored.SiteURL)
	var b pgx.Batch
	if fetchURL != stored.FetchURL || title != stored.Title || siteURL != stored.SiteURL {
		b.Queue(`UPDATE sources SET fetch_url = $1, title = $2, site_url = $3 WHERE id = $4`, fetchURL, title, siteURL, src.ID)
		w.itemsChanged = true
	}
	st := &src.Status
	interval := pgtype.Interval{Microseconds: st.MinInterval.Milliseconds() * 1000, Valid: true}
	b.Queue(sqlSaveStatus, src.ID, text(st.ETag), text(st.LastModified), nullTime(st.LastAttempt), nullTime(st.LastSuccess),
		st.HTTPStatus, text(st.Error), text(st.Warning), st.Failures, nullTime(st.NextFetch), interval, st.Gone)
	w.sourcesChanged = true
	if err := w.send(&b); err != nil {
		return fmt.Errorf("fetch state: %w", err)
	}
	return nil
}

// orKeep returns s, or old when s is empty.
func orKeep(s, old string) string {
	if s == "" {
		return old
	}
	return s
}

// Fingerprints returns the fingerprints of a source's stored items, by
// key, for those that have one.
func (s *Store) Fingerprints(ctx context.Context, sourceID int64) (map[string]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT key, fingerprint FROM items WHERE source_id = $1 AND fingerprint <> ''`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("pg: fingerprints of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	prints := make(map[string]string)
	for rows.Next() {
		var key, fp string
		if err := rows.Scan(&key, &fp); err != nil {
			return nil, fmt.Errorf("pg: fingerprints of source %d: %w", sourceID, err)
		}
		prints[key] = fp
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pg: fingerprints of source %d: %w", sourceID, err)
	}
	return prints, nil
}
