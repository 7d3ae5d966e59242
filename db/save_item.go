package db

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// storableKey is a key as SQLite keeps it: valid UTF-8, each bad byte
// sequence replaced by U+FFFD, as JSON would replace it on lookup.
func storableKey(key string) string {
	return strings.ToValidUTF8(key, "\uFFFD")
}

// storedItem is what SaveFetch compares an incoming item with.
type storedItem struct {
	id int64
	tagfeed.StoredVersion
}

// sqlStoredItems reads the stored items of a source among a JSON array of
// keys, with their tags, in one query.
const sqlStoredItems = `SELECT i.key, i.id, i.content_hash, i.published, i.first_seen, i.fingerprint, t.tag, t.score, t.matches, t.evidence
	FROM items i LEFT JOIN item_tags t ON t.item_id = i.id
	WHERE i.source_id = ? AND i.key IN (SELECT value FROM json_each(?))
	ORDER BY i.id, t.tag`

// storedItems returns the stored items of the batch's keys, by key.
func (w *writer) storedItems(sourceID int64, batch []tagfeed.PendingItem) (map[string]*storedItem, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	keys := make([]string, len(batch))
	for i, p := range batch {
		keys[i] = p.Key
	}
	keysJSON, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := w.query(sqlStoredItems, sourceID, string(keysJSON))
	if err != nil {
		return nil, fmt.Errorf("read stored items: %w", err)
	}
	defer rows.Close()
	stored := make(map[string]*storedItem, len(batch))
	for rows.Next() {
		var (
			key                    string
			s                      storedItem
			published, firstSeen   int64
			tag, matches, evidence *string
			score                  *float64
		)
		if err := rows.Scan(&key, &s.id, &s.Hash, &published, &firstSeen, &s.Fingerprint, &tag, &score, &matches, &evidence); err != nil {
			return nil, fmt.Errorf("read stored items: %w", err)
		}
		prev := stored[key]
		if prev == nil {
			s.Published, s.FirstSeen = fromMillis(published), fromMillis(firstSeen)
			prev = &s
			stored[key] = prev
		}
		if tag != nil {
			prev.Tags = append(prev.Tags, tagRow{Tag: *tag, Score: *score, Matches: *matches, Evidence: *evidence})
		}
	}
	return stored, rows.Err()
}

const (
	sqlInsertItem = `INSERT INTO items (source_id, key, guid, link, title, summary, content,
		author, outlet, language, enclosures, fingerprint, published, dated, updated, first_seen, content_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlUpdateItem = `UPDATE items SET guid = ?, link = ?, title = ?, summary = ?, content = ?,
		author = ?, outlet = ?, language = ?, enclosures = ?, fingerprint = ?, published = ?, dated = dated OR ?,
		updated = ?, content_hash = ? WHERE id = ?`
	sqlTouchItem      = `UPDATE items SET updated = ? WHERE id = ?`
	sqlSetFingerprint = `UPDATE items SET fingerprint = ? WHERE id = ?`
)

// saveItem stores the item as policy decides, given what is stored of it
// (s, nil when nothing is), and notes what the search index needs (see
// indexLater). It returns the decision's outcome.
func (w *writer) saveItem(d *DB, sourceID int64, p tagfeed.PendingItem, s *storedItem, now int64, policy tagfeed.SavePolicy) (tagfeed.Outcome, error) {
	it := p.Item
	var version *tagfeed.StoredVersion
	if s != nil {
		version = &s.StoredVersion
	}
	plan := tagfeed.PlanSave(p, version, policy, fromMillis(now))
	v := plan.Decision
	published, updated := millis(v.Published), millis(v.Updated)
	var err error
	switch v.Outcome {
	case tagfeed.New:
		var res sql.Result
		res, err = w.exec(sqlInsertItem, sourceID, p.Key, it.GUID, it.Link, it.Title, it.Summary, it.Content,
			it.Author, it.Outlet, it.Language, p.Enclosures, it.Fingerprint, published, v.Dated, updated, now, p.Hash)
		if err != nil {
			return 0, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		w.indexLater(id, it, false)
		return v.Outcome, w.insertTags(id, published, p.Tags)
	case tagfeed.Updated:
		_, err = w.exec(sqlUpdateItem, it.GUID, it.Link, it.Title, it.Summary, it.Content,
			it.Author, it.Outlet, it.Language, p.Enclosures, it.Fingerprint, published, v.Dated, updated, p.Hash, s.id)
		if err == nil {
			w.indexLater(s.id, it, true)
		}
	case tagfeed.Retagged:
		_, err = w.exec(sqlTouchItem, updated, s.id)
	}
	if err != nil {
		return 0, err
	}
	if plan.Fingerprint {
		if _, err := w.exec(sqlSetFingerprint, it.Fingerprint, s.id); err != nil {
			return 0, err
		}
	}
	switch {
	case plan.ReplaceTags:
		err = w.replaceTags(s.id, millis(plan.TagsPublished), p.Tags)
	case plan.RedateTags:
		_, err = w.exec(sqlTagsPublished, millis(plan.TagsPublished), s.id)
	}
	return v.Outcome, err
}
