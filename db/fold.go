package db

import (
	"context"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// stories answers a selection that lists each story once. It reads the
// selection's items in their order, a page at a time, until it has the
// stories it needs, then reads every selected item of those stories and
// lets the selection's pick choose which stands for each.
func (d *DB) stories(ctx context.Context, sel tagfeed.Selection) ([]tagfeed.Item, error) {
	page := sel
	page.Stories, page.After, page.Offset = tagfeed.PickNone, sel.After, sel.Offset
	if sel.Limit > 0 {
		page.Limit = 2*sel.Limit + 10
	}
	var order []int64 // story ids, in the listing's order
	seen := map[int64]bool{}
	loose := map[int64]tagfeed.Item{} // items not yet grouped, by id
	for {
		rows, err := d.items(ctx, page)
		if err != nil {
			return nil, err
		}
		for _, it := range rows {
			key := storyKey(it)
			if seen[key] {
				continue
			}
			seen[key] = true
			order = append(order, key)
			if it.Story.ID == 0 {
				loose[key] = it
			}
			if sel.Limit > 0 && len(order) == sel.Limit {
				break
			}
		}
		if page.Limit == 0 || len(rows) < page.Limit || sel.Limit > 0 && len(order) == sel.Limit {
			break
		}
		if sel.Search != "" {
			page.Offset += len(rows)
		} else {
			page.After = tagfeed.CursorOf(&rows[len(rows)-1])
		}
	}
	members, err := d.storyMembers(ctx, sel, order, loose)
	if err != nil {
		return nil, err
	}
	out := make([]tagfeed.Item, 0, len(order))
	for _, key := range order {
		ms := members[key]
		if len(ms) == 0 || shownBefore(sel.After, ms) {
			continue
		}
		out = append(out, pick(sel.Stories, ms))
	}
	return out, nil
}

// storyKey is the story an item stands in: its story's id, or, before
// it is grouped, a story of its own, keyed by its negative id.
func storyKey(it tagfeed.Item) int64 {
	if it.Story.ID != 0 {
		return it.Story.ID
	}
	return -it.ID
}

// storyMembers reads the items of the stories that sel selects, by story,
// earliest first.
func (d *DB) storyMembers(ctx context.Context, sel tagfeed.Selection, keys []int64, loose map[int64]tagfeed.Item) (map[int64][]tagfeed.Item, error) {
	members := make(map[int64][]tagfeed.Item, len(keys))
	var ids []int64
	for _, key := range keys {
		if it, ok := loose[key]; ok {
			members[key] = []tagfeed.Item{it}
		} else {
			ids = append(ids, key)
		}
	}
	for chunk := range slices.Chunk(ids, 500) {
		all := sel
		all.Stories, all.After, all.Offset, all.Limit, all.InStories = tagfeed.PickNone, nil, 0, 0, chunk
		items, err := d.items(ctx, all)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			members[it.Story.ID] = append(members[it.Story.ID], it)
		}
	}
	for _, ms := range members {
		slices.SortStableFunc(ms, func(a, b tagfeed.Item) int {
			if c := a.SortTime().Compare(b.SortTime()); c != 0 {
				return c
			}
			return int(a.ID - b.ID)
		})
	}
	return members, nil
}

// shownBefore reports whether a story came on an earlier page of a
// listing that continues after the cursor: one of its items is the
// cursor's or newer.
func shownBefore(after *tagfeed.Cursor, members []tagfeed.Item) bool {
	if after == nil {
		return false
	}
	for i := range members {
		t := members[i].SortTime()
		if t.After(after.Published) || t.Equal(after.Published) && members[i].ID >= after.ID {
			return true
		}
	}
	return false
}

// pick returns the item that stands for a story, its other items (earliest
// first) in its Others.
func pick(how tagfeed.StoryPick, members []tagfeed.Item) tagfeed.Item {
	best := 0
	if how == tagfeed.PickRichest {
		for i := range members {
			if textLength(&members[i]) > textLength(&members[best]) {
				best = i
			}
		}
	}
	rep := members[best]
	rep.Others = slices.Concat(members[:best], members[best+1:])
	return rep
}

// textLength is how much text an item carries.
func textLength(it *tagfeed.Item) int {
	return len(it.Content) + len(it.Summary)
}
