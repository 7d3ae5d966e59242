package tagfeed

import "fmt"

// PendingItem is an item a store is about to save: its key as the store
// keeps it, its content hash, and its tags and enclosures encoded, all
// worked out before the store's transaction begins, so that the write
// lock is held for less time.
type PendingItem struct {
	Item       *Item
	Key        string // Item.Key as the store keeps it
	Hash       string // Item.Hash()
	Tags       []TagRecord
	Enclosures string // JSON
}

// PrepareSave prepares the items a store is given to save, as every store
// reads them: an item with an empty key fails the whole call, and when a
// key repeats, the last item of that key is saved, in the place where
// the key first appears. storable gives a key as the store keeps it (a
// store that cannot keep some bytes replaces them), and items are matched
// by that key, so that two keys the store would keep alike are one.
func PrepareSave(items []Item, storable func(key string) string) ([]PendingItem, error) {
	index := make(map[string]int, len(items))
	batch := make([]PendingItem, 0, len(items))
	for i := range items {
		it := &items[i]
		if it.Key == "" {
			return nil, fmt.Errorf("item %d (%q) has an empty key", i, it.Title)
		}
		key := storable(it.Key)
		tags, err := EncodeTags(it.Tags)
		if err != nil {
			return nil, fmt.Errorf("item %q: %w", key, err)
		}
		enclosures, err := EncodeEnclosures(it.Enclosures)
		if err != nil {
			return nil, fmt.Errorf("item %q: %w", key, err)
		}
		p := PendingItem{Item: it, Key: key, Hash: it.Hash(), Tags: tags, Enclosures: enclosures}
		if j, ok := index[key]; ok {
			batch[j] = p
			continue
		}
		index[key] = len(batch)
		batch = append(batch, p)
	}
	return batch, nil
}
