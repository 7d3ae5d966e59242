package db

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tagfeed/tagfeed"
)

var _ tagfeed.ArticleStore = (*DB)(nil)

// Articles returns the cached main text of the pages among urls, by URL,
// in one query.
func (d *DB) Articles(ctx context.Context, urls []string) (map[string]tagfeed.Article, error) {
	if len(urls) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, fmt.Errorf("db: articles: %w", err)
	}
	tx, err := d.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: articles: %w", err)
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, `SELECT url, item_hash, content, etag, last_modified, error, fetched
		FROM fulltext WHERE url IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("db: articles: %w", err)
	}
	defer rows.Close()
	articles := make(map[string]tagfeed.Article)
	for rows.Next() {
		var a tagfeed.Article
		var fetched int64
		if err := rows.Scan(&a.URL, &a.ItemHash, &a.Content, &a.ETag, &a.LastModified, &a.Error, &fetched); err != nil {
			return nil, fmt.Errorf("db: articles: %w", err)
		}
		a.Fetched = fromMillis(fetched)
		articles[a.URL] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: articles: %w", err)
	}
	return articles, tx.Commit()
}

// SaveArticles caches the main text of pages, each replacing what was
// cached for its URL, in one transaction.
func (d *DB) SaveArticles(ctx context.Context, articles []tagfeed.Article) error {
	if len(articles) == 0 {
		return nil
	}
	tx, err := d.begin(ctx)
	if err != nil {
		return fmt.Errorf("db: save articles: %w", err)
	}
	defer tx.Rollback()

	stmt, err := tx.PrepareContext(ctx, `INSERT INTO fulltext (url, item_hash, content, etag, last_modified, error, fetched)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET item_hash = excluded.item_hash, content = excluded.content,
			etag = excluded.etag, last_modified = excluded.last_modified, error = excluded.error,
			fetched = excluded.fetched`)
	if err != nil {
		return fmt.Errorf("db: save articles: %w", err)
	}
	defer stmt.Close()
	for _, a := range articles {
		if _, err := stmt.ExecContext(ctx, a.URL, a.ItemHash, a.Content, a.ETag, a.LastModified, a.Error, millis(a.Fetched)); err != nil {
			return fmt.Errorf("db: save article %s: %w", a.URL, err)
		}
	}
	return tx.Commit()
}
