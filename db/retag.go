package db

import (
	"context"
	"fmt"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// retagChunk is how many items Retag reads, tags and writes at a time.
const retagChunk = 1000

// Retag runs a pass over every stored item, in id order and in chunks:
// it tags each item with pass.Tag and stores the tags that changed as
// pass.Policy decides, in one write transaction per chunk that touches
// only the items whose tags differ. The items handed to pass.Tag have ID,
// SourceID, Key, Title, Summary, Content and Author filled, and no tags.
// With pass.DryRun nothing is written. It returns how many items it
// looked at.
//
// Items are read from the read pool, so fetches go on meanwhile; an item
// whose content a fetch changed between the read and the write keeps the
// tags that fetch stored, and pass.Changed does not hear of it.
func (d *DB) Retag(ctx context.Context, pass tagfeed.RetagPass) (int, error) {
	n, err := d.retag(ctx, pass)
	if err != nil {
		return n, fmt.Errorf("db: retag: %w", err)
	}
	return n, nil
}

func (d *DB) retag(ctx context.Context, pass tagfeed.RetagPass) (int, error) {
	total, err := d.itemCount(ctx)
	if err != nil {
		return 0, err
	}
	var after int64
	done := 0
	for {
		chunk, err := d.readChunk(ctx, after, retagChunk)
		if err != nil {
			return done, fmt.Errorf("read items after id %d: %w", after, err)
		}
		if len(chunk) == 0 {
			return done, nil
		}
		now := d.now()
		var changes []retagChange
		for i := range chunk {
			c := &chunk[i]
			rows, err := tagfeed.EncodeTags(pass.Tag(&c.item))
			if err != nil {
				return done, fmt.Errorf("item %d: %w", c.item.ID, err)
			}
			if slices.Equal(rows, c.tags) {
				continue
			}
			v := pass.Policy(&tagfeed.StoredItem{Published: c.published, FirstSeen: c.firstSeen, SameContent: true,
				SameTagNames: tagfeed.SameTagNames(c.tags, rows)}, &c.item, now)
			changes = append(changes, retagChange{id: c.item.ID, hash: c.hash, item: &c.item, old: c.tags, tags: rows, decision: v})
		}
		if !pass.DryRun && len(changes) > 0 {
			if changes, err = d.writeRetag(ctx, changes); err != nil {
				return done, fmt.Errorf("write items %d to %d: %w", chunk[0].item.ID, chunk[len(chunk)-1].item.ID, err)
			}
		}
		if pass.Changed != nil {
			for _, c := range changes {
				pass.Changed(c.item, c.decision.Outcome, tagfeed.TagRecordNames(c.old), tagfeed.TagRecordNames(c.tags))
			}
		}
		after = chunk[len(chunk)-1].item.ID
		done += len(chunk)
		if pass.Progress != nil {
			pass.Progress(done, max(total, done))
		}
	}
}
