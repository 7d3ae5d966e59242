package tagfeed

import (
	"context"
	"slices"
)

// foldMargin is how many items more than a page's stories FoldStories
// reads at first: room for a few of the page's items to fold into stories
// above them without a second read. Each item read costs its row, its
// text included, so the margin stays small; a page with more folding
// reads on.
const foldMargin = 10

// SelectFunc reads the items a selection that does not fold stories
// selects: a store's own query.
type SelectFunc func(ctx context.Context, sel Selection) ([]Item, error)

// FoldStories answers a selection that lists each story once
// (sel.Stories is not PickNone) with a store's plain query: it reads the
// selection's items in their order, a page at a time, until it has the
// stories it needs, then reads every selected item of those stories and
// lets the selection's pick choose which stands for each, in the place of
// the story's first item in the listing. An item not yet grouped is a
// story of its own.
func FoldStories(ctx context.Context, sel Selection, read SelectFunc) ([]Item, error) {
	page := sel
	page.Stories = PickNone
	if sel.Limit > 0 {
		page.Limit = sel.Limit + foldMargin
	}
	var order []int64 // story keys, in the listing's order
	seen := map[int64]bool{}
	loose := map[int64]Item{} // items not yet grouped, by key
	for {
		rows, err := read(ctx, page)
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
			page.After = CursorOf(&rows[len(rows)-1])
		}
	}
	members, err := storyMembers(ctx, sel, order, loose, read)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(order))
	for _, key := range order {
		ms := members[key]
		if len(ms) == 0 || shownBefore(sel.After, ms) {
			continue
		}
		out = append(out, pickStory(sel.Stories, ms))
	}
	return out, nil
}

// storyKey is the story an item stands in: its story's id, or, before it
// is grouped, a story of its own, keyed by its negative id.
func storyKey(it Item) int64 {
	if it.Story.ID != 0 {
		return it.Story.ID
	}
	return -it.ID
}

// storyMembers reads the selected items of the stories keys, by story,
// earliest first.
func storyMembers(ctx context.Context, sel Selection, keys []int64, loose map[int64]Item, read SelectFunc) (map[int64][]Item, error) {
	members := make(map[int64][]Item, len(keys))
	var ids []int64
	for _, key := range keys {
		if it, ok := loose[key]; ok {
			members[key] = []Item{it}
		} else {
			ids = append(ids, key)
		}
	}
	for chunk := range slices.Chunk(ids, 500) {
		all := sel
		all.Stories, all.After, all.Offset, all.Limit, all.InStories = PickNone, nil, 0, 0, chunk
		items, err := read(ctx, all)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			members[it.Story.ID] = append(members[it.Story.ID], it)
		}
	}
	for _, ms := range members {
		slices.SortStableFunc(ms, func(a, b Item) int {
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
func shownBefore(after *Cursor, members []Item) bool {
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

// pickStory returns the item that stands for a story, with its other
// items, earliest first, in its Others.
func pickStory(how StoryPick, members []Item) Item {
	best := 0
	if how == PickRichest {
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
func textLength(it *Item) int {
	return len(it.Content) + len(it.Summary)
}
