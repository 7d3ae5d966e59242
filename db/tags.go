package db

import (
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// tagRow is one item_tags row as stored: a tagfeed.TagRecord, the
// encoding both stores share.
type tagRow = tagfeed.TagRecord

const (
	sqlDeleteTags    = `DELETE FROM item_tags WHERE item_id = ?`
	sqlInsertTag     = `INSERT INTO item_tags (item_id, tag, score, matches, evidence, published) VALUES (?, ?, ?, ?, ?, ?)`
	sqlTagsPublished = `UPDATE item_tags SET published = ? WHERE item_id = ?`
)

// replaceTags deletes the item's tags and writes rows in their place.
func (w *writer) replaceTags(itemID, published int64, rows []tagRow) error {
	w.wroteTags = true
	if _, err := w.exec(sqlDeleteTags, itemID); err != nil {
		return err
	}
	return w.insertTags(itemID, published, rows)
}

// insertTags writes the tag rows of an item that has none.
func (w *writer) insertTags(itemID, published int64, rows []tagRow) error {
	for _, r := range rows {
		if _, err := w.exec(sqlInsertTag, itemID, r.Tag, r.Score, r.Matches, r.Evidence, published); err != nil {
			return fmt.Errorf("tag %q: %w", r.Tag, err)
		}
	}
	return nil
}
