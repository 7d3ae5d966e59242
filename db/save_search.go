package db

import "github.com/tagfeed/tagfeed"

// The search index (FTS5) keeps what a transaction adds in memory and
// writes it out as a segment whenever a later statement of the same
// transaction opens a savepoint, which every insert into items or
// item_tags does (their count triggers need one). Indexing each item as
// it was saved therefore wrote a segment per item, and FTS5 then spent
// more time merging the segments than the save spent on anything else.
// A save notes its items instead, and the group transaction that
// commits it (see group) indexes the items of all its saves last, after
// their savepoints: one segment for the group.

// searchEntry is an item to index at the end of the transaction.
type searchEntry struct {
	id      int64
	item    *tagfeed.Item
	replace bool // the item had an entry, which goes
}

// indexLater notes an item to index once the transaction's other
// writes are made.
func (w *writer) indexLater(id int64, it *tagfeed.Item, replace bool) {
	w.search = append(w.search, searchEntry{id: id, item: it, replace: replace})
}

// writeSearch indexes the items noted by indexLater, in the writer's
// transaction.
func (w *writer) writeSearch(d *DB) error {
	for _, e := range w.search {
		var err error
		if e.replace {
			err = w.reindex(d, e.id, e.item)
		} else {
			err = w.index(d, e.id, e.item)
		}
		if err != nil {
			return err
		}
	}
	w.search = w.search[:0]
	return nil
}
