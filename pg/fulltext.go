package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tagfeed/tagfeed"
)

// Articles returns the cached main text of the pages among urls, by URL,
// in one query.
func (s *Store) Articles(ctx context.Context, urls []string) (map[string]tagfeed.Article, error) {
	if len(urls) == 0 {
		return nil, nil
	}
	want := make(map[string]string, len(urls)) // the URL as stored → as asked
	sums := make([]string, len(urls))
	for i, u := range urls {
		want[text(u)] = u
		sums[i] = md5Hex(text(u))
	}
	rows, err := s.pool.Query(ctx, `SELECT url, item_hash, content, etag, last_modified, error, fetched
		FROM fulltext WHERE md5(url) = ANY($1)`, sums)
	if err != nil {
		return nil, fmt.Errorf("pg: articles: %w", err)
	}
	defer rows.Close()
	articles := make(map[string]tagfeed.Article)
	for rows.Next() {
		var a tagfeed.Article
		var fetched time.Time
		if err := rows.Scan(&a.URL, &a.ItemHash, &a.Content, &a.ETag, &a.LastModified, &a.Error, &fetched); err != nil {
			return nil, fmt.Errorf("pg: articles: %w", err)
		}
		a.Fetched = fetched.UTC()
		if asked, ok := want[a.URL]; ok {
			a.URL = asked
			articles[asked] = a
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pg: articles: %w", err)
	}
	return articles, nil
}

// SaveArticles caches the main text of pages, each replacing what was
// cached for its URL, in one transaction.
func (s *Store) SaveArticles(ctx context.Context, articles []tagfeed.Article) error {
	if len(articles) == 0 {
		return nil
	}
	err := s.write(ctx, func(w *writer) error {
		var b pgx.Batch
		for _, a := range articles {
			b.Queue(`INSERT INTO fulltext (url, item_hash, content, etag, last_modified, error, fetched)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				ON CONFLICT (md5(url)) DO UPDATE SET item_hash = excluded.item_hash, content = excluded.content,
					etag = excluded.etag, last_modified = excluded.last_modified, error = excluded.error,
					fetched = excluded.fetched`,
				text(a.URL), text(a.ItemHash), text(a.Content), text(a.ETag), text(a.LastModified), text(a.Error), ms(a.Fetched))
		}
		return w.send(&b)
	})
	if err != nil {
		return fmt.Errorf("pg: save articles: %w", err)
	}
	return nil
}
