package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tagfeed/tagfeed"
)

// selectSources reads what scanSource scans: sources joined with their
// fetch_state. The item count is kept by triggers (migration 0002).
const selectSources = `SELECT s.id, s.kind, s.url, s.fetch_url, s.title, s.site_url,
	coalesce(f.etag, ''), coalesce(f.last_modified, ''), f.last_attempt, f.last_success,
	coalesce(f.http_status, 0), coalesce(f.error, ''), coalesce(f.warning, ''), coalesce(f.failures, 0), f.next_fetch,
	coalesce(f.min_interval, 0), coalesce(f.gone, 0), s.items
	FROM sources s LEFT JOIN fetch_state f ON f.source_id = s.id`

// EnsureSource returns the source of that kind and URL, creating it if it is
// new. A non-empty title replaces the stored one (the configured title wins
// over the feed's own); an empty title keeps whatever title is stored.
func (d *DB) EnsureSource(ctx context.Context, kind tagfeed.SourceKind, url, title string) (tagfeed.Source, error) {
	src, err := d.ensureSource(ctx, kind, url, title)
	if err != nil {
		return tagfeed.Source{}, fmt.Errorf("db: ensure %s source %s: %w", kind, url, err)
	}
	return src, nil
}

func (d *DB) ensureSource(ctx context.Context, kind tagfeed.SourceKind, url, title string) (tagfeed.Source, error) {
	srcs, err := d.ensureSources(ctx, []tagfeed.SourceSpec{{Kind: kind, URL: url, Title: title}})
	if err != nil {
		return tagfeed.Source{}, err
	}
	return srcs[0], nil
}

// EnsureSources is EnsureSource for many sources at once, in one
// transaction: a config of ten thousand feeds starts in one write.
func (d *DB) EnsureSources(ctx context.Context, specs []tagfeed.SourceSpec) ([]tagfeed.Source, error) {
	srcs, err := d.ensureSources(ctx, specs)
	if err != nil {
		return nil, fmt.Errorf("db: ensure sources: %w", err)
	}
	return srcs, nil
}

func (d *DB) ensureSources(ctx context.Context, specs []tagfeed.SourceSpec) ([]tagfeed.Source, error) {
	tx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := millis(d.now())
	changed := false
	srcs := make([]tagfeed.Source, 0, len(specs))
	for _, spec := range specs {
		if spec.URL == "" {
			return nil, errors.New("empty URL")
		}
		var id int64
		err = tx.QueryRowContext(ctx, `
			INSERT INTO sources (kind, url, title, created) VALUES (?, ?, ?, ?)
			ON CONFLICT (kind, url) DO UPDATE SET title = excluded.title
				WHERE excluded.title <> '' AND excluded.title <> sources.title
			RETURNING id`, string(spec.Kind), spec.URL, spec.Title, now).Scan(&id)
		if err == nil { // inserted, or its title updated
			changed = true
		} else if errors.Is(err, sql.ErrNoRows) { // it exists and needed no update
			err = tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE kind = ? AND url = ?`, string(spec.Kind), spec.URL).Scan(&id)
		}
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", spec.Kind, spec.URL, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO fetch_state (source_id) VALUES (?) ON CONFLICT DO NOTHING`, id); err != nil {
			return nil, err
		}
		src, err := scanSource(tx.QueryRowContext(ctx, selectSources+` WHERE s.id = ?`, id))
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	if changed {
		if _, err := tx.ExecContext(ctx, sqlItemsChanged, now); err != nil {
			return nil, err
		}
	}
	return srcs, tx.Commit()
}

// MoveSource gives a source a new URL, keeping its items. The new URL must
// not be another source's of the same kind.
func (d *DB) MoveSource(ctx context.Context, id int64, url string) error {
	tx, err := d.begin(ctx)
	if err != nil {
		return fmt.Errorf("db: move source %d: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE sources SET url = ? WHERE id = ?`, url, id)
	if err != nil {
		return fmt.Errorf("db: move source %d to %s: %w", id, url, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("db: move source %d: %w", id, tagfeed.ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, sqlItemsChanged, millis(d.now())); err != nil {
		return fmt.Errorf("db: move source %d: %w", id, err)
	}
	return tx.Commit()
}

// Source returns one source by id, or an error wrapping tagfeed.ErrNotFound.
func (d *DB) Source(ctx context.Context, id int64) (tagfeed.Source, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return tagfeed.Source{}, fmt.Errorf("db: source %d: %w", id, err)
	}
	defer tx.Rollback()

	src, err := scanSource(tx.QueryRowContext(ctx, selectSources+` WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = tagfeed.ErrNotFound
	}
	if err != nil {
		return tagfeed.Source{}, fmt.Errorf("db: source %d: %w", id, err)
	}
	return src, tx.Commit()
}

// Sources returns every source with its status and item count, in id order.
func (d *DB) Sources(ctx context.Context) ([]tagfeed.Source, error) {
	srcs, err := d.sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: sources: %w", err)
	}
	return srcs, nil
}

func (d *DB) sources(ctx context.Context) ([]tagfeed.Source, error) {
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, selectSources+` ORDER BY s.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var srcs []tagfeed.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return srcs, tx.Commit()
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// scanSource reads a row of selectSources.
func scanSource(sc scanner) (tagfeed.Source, error) {
	var (
		s                      tagfeed.Source
		kind                   string
		attempt, success, next sql.NullInt64
		minInterval            int64
		gone                   bool
	)
	st := &s.Status
	err := sc.Scan(&s.ID, &kind, &s.URL, &s.FetchURL, &s.Title, &s.SiteURL,
		&st.ETag, &st.LastModified, &attempt, &success,
		&st.HTTPStatus, &st.Error, &st.Warning, &st.Failures, &next,
		&minInterval, &gone, &s.ItemCount)
	if err != nil {
		return s, err
	}
	s.Kind = tagfeed.SourceKind(kind)
	st.LastAttempt = fromNullMillis(attempt)
	st.LastSuccess = fromNullMillis(success)
	st.NextFetch = fromNullMillis(next)
	st.MinInterval = time.Duration(minInterval) * time.Millisecond
	st.Gone = gone
	return s, nil
}
