package db

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed"
)

// pending is an item ready to save: its hash and encoded tags computed
// before the transaction starts, so the write lock is held for less time.
type pending struct {
	item       *tagfeed.Item
	hash       string
	tags       []tagRow
	enclosures string // JSON
}

// newBatch checks the items' keys and prepares them, keeping only the last
// item of each key, in the order the keys first appear. A key that is not
// valid UTF-8 is stored with each bad byte sequence replaced by U+FFFD (keys
// travel through JSON, which would otherwise do the same only on lookup).
func newBatch(items []tagfeed.Item) ([]pending, error) {
	index := make(map[string]int, len(items))
	batch := make([]pending, 0, len(items))
	for i := range items {
		it := &items[i]
		if it.Key == "" {
			return nil, fmt.Errorf("item %d (%q) has an empty key", i, it.Title)
		}
		if !utf8.ValidString(it.Key) {
			fixed := *it
			fixed.Key = strings.ToValidUTF8(it.Key, "\uFFFD")
			it = &fixed
		}
		tags, err := encodeTags(it.Tags)
		if err != nil {
			return nil, fmt.Errorf("item %q: %w", it.Key, err)
		}
		enclosures, err := encodeEnclosures(it.Enclosures)
		if err != nil {
			return nil, fmt.Errorf("item %q: %w", it.Key, err)
		}
		p := pending{item: it, hash: it.Hash(), tags: tags, enclosures: enclosures}
		if j, ok := index[it.Key]; ok {
			batch[j] = p
			continue
		}
		index[it.Key] = len(batch)
		batch = append(batch, p)
	}
	return batch, nil
}

// storedItem is what SaveFetch compares an incoming item with.
type storedItem struct {
	id, published, firstSeen int64
	hash                     string
	tags                     []tagRow
}

// sqlStoredItems reads the stored items of a source among a JSON array of
// keys, with their tags, in one query.
const sqlStoredItems = `SELECT i.key, i.id, i.content_hash, i.published, i.first_seen, t.tag, t.score, t.matches, t.evidence
	FROM items i LEFT JOIN item_tags t ON t.item_id = i.id
	WHERE i.source_id = ? AND i.key IN (SELECT value FROM json_each(?))
	ORDER BY i.id, t.tag`

// storedItems returns the stored items of the batch's keys, by key.
func (w *writer) storedItems(sourceID int64, batch []pending) (map[string]*storedItem, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	keys := make([]string, len(batch))
	for i, p := range batch {
		keys[i] = p.item.Key
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
			tag, matches, evidence *string
			score                  *float64
		)
		if err := rows.Scan(&key, &s.id, &s.hash, &s.published, &s.firstSeen, &tag, &score, &matches, &evidence); err != nil {
			return nil, fmt.Errorf("read stored items: %w", err)
		}
		prev := stored[key]
		if prev == nil {
			prev = &s
			stored[key] = prev
		}
		if tag != nil {
			prev.tags = append(prev.tags, tagRow{Tag: *tag, Score: *score, Matches: *matches, Evidence: *evidence})
		}
	}
	return stored, rows.Err()
}

// outcome is what saving one item did.
type outcome int

const (
	outcomeUnchanged outcome = iota
	outcomeNew
	outcomeUpdated
)

const (
	sqlInsertItem = `INSERT INTO items (source_id, key, guid, link, title, summary, content,
		author, outlet, language, enclosures, published, dated, updated, first_seen, content_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlUpdateItem = `UPDATE items SET guid = ?, link = ?, title = ?, summary = ?, content = ?,
		author = ?, outlet = ?, language = ?, enclosures = ?, published = ?, dated = dated OR ?,
		updated = ?, content_hash = ? WHERE id = ?`
	sqlTouchItem = `UPDATE items SET updated = ? WHERE id = ?`
)

// storedDate returns the date to store for an item first seen at
// firstSeen (Unix milliseconds): the source's date, but never after the
// item was first seen, so a date in the future cannot keep an item on top
// of every listing; firstSeen when the source gave none. The item's hash
// keeps the source's date, so refetching it changes nothing.
func storedDate(published time.Time, firstSeen int64) int64 {
	if published.IsZero() {
		return firstSeen
	}
	return min(millis(published), firstSeen)
}

// versionDate returns when the version of an item being stored was made:
// when its source says it modified the item, if it says, never before the
// item's date nor after now; otherwise fallback.
func versionDate(it *tagfeed.Item, fallback, published, now int64) int64 {
	if it.Modified.IsZero() {
		return fallback
	}
	return max(min(millis(it.Modified), now), published)
}

// saveItem inserts the item, or updates the stored one (s) if it changed,
// and keeps the search index in step.
func (w *writer) saveItem(d *DB, sourceID int64, p pending, s *storedItem, now int64) (outcome, error) {
	it := p.item
	if s == nil {
		// The first version of an item is dated by its source: updated
		// moves on only when tagfeed sees its content or tags change. An
		// undated item is listed by when it was first seen.
		published := storedDate(it.Published, now)
		res, err := w.exec(sqlInsertItem, sourceID, it.Key, it.GUID, it.Link, it.Title, it.Summary, it.Content,
			it.Author, it.Outlet, it.Language, p.enclosures, published, !it.Published.IsZero(),
			versionDate(it, published, published, now), now, p.hash)
		if err != nil {
			return 0, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		if err := w.index(d, id, it); err != nil {
			return 0, err
		}
		return outcomeNew, w.insertTags(id, published, p.tags)
	}

	contentChanged := s.hash != p.hash
	tagsChanged := !slices.Equal(s.tags, p.tags)
	if !contentChanged && !tagsChanged {
		return outcomeUnchanged, nil
	}
	if !contentChanged && sameTagNames(s.tags, p.tags) {
		// Only scores or matched terms differ: rewrite the explanations,
		// but to readers the item is as it was.
		return outcomeUnchanged, w.replaceTags(s.id, s.published, p.tags)
	}
	published := s.published
	if contentChanged && !it.Published.IsZero() {
		published = storedDate(it.Published, s.firstSeen)
	}
	var err error
	if contentChanged {
		_, err = w.exec(sqlUpdateItem, it.GUID, it.Link, it.Title, it.Summary, it.Content,
			it.Author, it.Outlet, it.Language, p.enclosures, published, !it.Published.IsZero(),
			versionDate(it, now, published, now), p.hash, s.id)
		if err == nil {
			err = w.reindex(d, s.id, it)
		}
	} else {
		_, err = w.exec(sqlTouchItem, now, s.id)
	}
	if err != nil {
		return 0, err
	}
	switch {
	case tagsChanged:
		err = w.replaceTags(s.id, published, p.tags)
	case published != s.published:
		_, err = w.exec(sqlTagsPublished, published, s.id)
	}
	return outcomeUpdated, err
}
