package fetch

import (
	"slices"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// newest returns the n newest of items, in their feed order: by date,
// undated items after dated ones, and in feed order among equals, since
// feeds put their newest first.
func newest(items []tagfeed.Item, n int) []tagfeed.Item {
	if len(items) <= n {
		return items
	}
	dates := make([]time.Time, len(items))
	for i := range items {
		dates[i] = items[i].Published
	}
	out := make([]tagfeed.Item, 0, n)
	for _, i := range newestIndexes(dates, n) {
		out = append(out, items[i])
	}
	return out
}

// newestIndexes returns the indexes of the n newest dates, in increasing
// order, choosing as newest does: undated (zero) after dated, and the
// earlier index among equals.
func newestIndexes(dates []time.Time, n int) []int {
	order := make([]int, len(dates))
	for i := range order {
		order[i] = i
	}
	if len(dates) <= n {
		return order
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := dates[a], dates[b]
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
	return keep
}
