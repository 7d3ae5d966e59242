package fetch

import (
	"slices"

	tagfeed "github.com/tagfeed/tagfeed"
)

// newest returns the n newest of items, in their feed order: by date,
// undated items after dated ones, and in feed order among equals, since
// feeds put their newest first.
func newest(items []tagfeed.Item, n int) []tagfeed.Item {
	if len(items) <= n {
		return items
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := items[a].Published, items[b].Published
		switch {
		case ta.IsZero() != tb.IsZero():
			if ta.IsZero() {
				return 1
			}
			return -1
		case ta.After(tb):
			return -1
		case tb.After(ta):
			return 1
		}
		return 0
	})
	keep := order[:n]
	slices.Sort(keep)
	out := make([]tagfeed.Item, 0, n)
	for _, i := range keep {
		out = append(out, items[i])
	}
	return out
}
