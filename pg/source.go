package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/tagfeed/tagfeed"
)

// selectSources reads what scanSource scans: sources joined with their
// fetch_state.
const selectSources = `SELECT s.id, s.kind, s.url, s.fetch_url, s.title, s.site_url,
	coalesce(f.etag, ''), coalesce(f.last_modified, ''), f.last_attempt, f.last_success,
	coalesce(f.http_status, 0), coalesce(f.error, ''), coalesce(f.warning, ''), coalesce(f.failures, 0), f.next_fetch,
	coalesce(f.min_interval, '0'), coalesce(f.gone, false), s.items
	FROM sources s LEFT JOIN fetch_state f ON f.source_id = s.id`

// sqlEnsureSource inserts a source, or gives a stored one a new title
// that is not empty, and returns its id and whether it wrote.
const sqlEnsureSource = `WITH put AS (
		INSERT INTO sources (kind, url, title, created) VALUES ($1, $2, $3, $4)
		ON CONFLICT (kind, md5(url)) DO UPDATE SET title = excluded.title
			WHERE excluded.title <> '' AND excluded.title <> sources.title
		RETURNING id)
	SELECT id, true FROM put
	UNION ALL
	SELECT id, false FROM sources WHERE kind = $1 AND md5(url) = md5($2) AND url = $2
		AND NOT EXISTS (SELECT 1 FROM put)`

// EnsureSource returns the source of that kind and URL, creating it if it
// is new. A non-empty title replaces the stored one (the configured title
// wins over the feed's own); an empty title keeps whatever title is
// stored.
func (s *Store) EnsureSource(ctx context.Context, kind tagfeed.SourceKind, url, title string) (tagfeed.Source, error) {
	srcs, err := s.ensureSources(ctx, []tagfeed.SourceSpec{{Kind: kind, URL: url, Title: title}})
	if err != nil {
		return tagfeed.Source{}, fmt.Errorf("pg: ensure %s source %s: %w", kind, url, err)
	}
	return srcs[0], nil
}

// EnsureSources is EnsureSource for many sources at once, in one
// transaction and a few round trips, however many there are.
//
// Two processes may add the same source at the same moment: the one that
// waited for the other's insert cannot see that row in the statement
// that waited (its snapshot is older), so it tries again, once the row is
// there to see.
func (s *Store) EnsureSources(ctx context.Context, specs []tagfeed.SourceSpec) ([]tagfeed.Source, error) {
	srcs, err := s.ensureSources(ctx, specs)
	for try := 1; try < 3 && errors.Is(err, pgx.ErrNoRows); try++ {
		srcs, err = s.ensureSources(ctx, specs)
	}
	if err != nil {
		return nil, fmt.Errorf("pg: ensure sources: %w", err)
	}
	return srcs, nil
}

func (s *Store) ensureSources(ctx context.Context, specs []tagfeed.SourceSpec) ([]tagfeed.Source, error) {
	ids := make([]int64, len(specs))
	var srcs []tagfeed.Source
	err := s.write(ctx, func(w *writer) error {
		var b pgx.Batch
		for i, spec := range specs {
			if spec.URL == "" {
				return errors.New("empty URL")
			}
			b.Queue(sqlEnsureSource, string(spec.Kind), text(spec.URL), text(spec.Title), w.now).QueryRow(func(row pgx.Row) error {
				var wrote bool
				if err := row.Scan(&ids[i], &wrote); err != nil {
					return fmt.Errorf("%s %s: %w", spec.Kind, spec.URL, err)
				}
				w.itemsChanged = w.itemsChanged || wrote
				return nil
			})
		}
		if err := w.send(&b); err != nil {
			return err
		}
		if _, err := w.tx.Exec(ctx, `INSERT INTO fetch_state (source_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING`, ids); err != nil {
			return err
		}
		rows, err := w.tx.Query(ctx, selectSources+` WHERE s.id = ANY($1)`, ids)
		if err != nil {
			return err
		}
		byID, err := scanSources(rows)
		if err != nil {
			return err
		}
		srcs = make([]tagfeed.Source, len(ids))
		for i, id := range ids {
			srcs[i] = byID[id]
		}
		return nil
	})
	return srcs, err
}

// MoveSource gives a source a new URL, keeping its items. The new URL
// must not be another source's of the same kind.
func (s *Store) MoveSource(ctx context.Context, id int64, url string) error {
	err := s.write(ctx, func(w *writer) error {
		tag, err := w.tx.Exec(ctx, `UPDATE sources SET url = $1 WHERE id = $2`, text(url), id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return tagfeed.ErrNotFound
		}
		w.itemsChanged = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("pg: move source %d to %s: %w", id, url, err)
	}
	return nil
}

// Source returns one source by id, or an error wrapping
// tagfeed.ErrNotFound.
func (s *Store) Source(ctx context.Context, id int64) (tagfeed.Source, error) {
	src, err := scanSource(s.pool.QueryRow(ctx, selectSources+` WHERE s.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		err = tagfeed.ErrNotFound
	}
	if err != nil {
		return tagfeed.Source{}, fmt.Errorf("pg: source %d: %w", id, err)
	}
	return src, nil
}

// Sources returns every source with its status and item count, in id
// order.
func (s *Store) Sources(ctx context.Context) ([]tagfeed.Source, error) {
	rows, err := s.pool.Query(ctx, selectSources+` ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("pg: sources: %w", err)
	}
	defer rows.Close()
	var srcs []tagfeed.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("pg: sources: %w", err)
		}
		srcs = append(srcs, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pg: sources: %w", err)
	}
	return srcs, nil
}

// scanSources reads rows of selectSources, by id.
func scanSources(rows pgx.Rows) (map[int64]tagfeed.Source, error) {
	defer rows.Close()
	srcs := map[int64]tagfeed.Source{}
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		srcs[src.ID] = src
	}
	return srcs, rows.Err()
}

// scanSource reads a row of selectSources.
func scanSource(row pgx.Row) (tagfeed.Source, error) {
	var (
		s                      tagfeed.Source
		kind                   string
		attempt, success, next *time.Time
		minInterval            pgtype.Interval
	)
	st := &s.Status
	err := row.Scan(&s.ID, &kind, &s.URL, &s.FetchURL, &s.Title, &s.SiteURL,
		&st.ETag, &st.LastModified, &attempt, &success,
		&st.HTTPStatus, &st.Error, &st.Warning, &st.Failures, &next,
		&minInterval, &st.Gone, &s.ItemCount)
	if err != nil {
		return s, err
	}
	s.Kind = tagfeed.SourceKind(kind)
	st.LastAttempt, st.LastSuccess, st.NextFetch = fromNull(attempt), fromNull(success), fromNull(next)
	st.MinInterval = time.Duration(minInterval.Microseconds)*time.Microsecond +
		time.Duration(minInterval.Days)*24*time.Hour + time.Duration(minInterval.Months)*30*24*time.Hour
	return s, nil
}
