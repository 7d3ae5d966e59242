package feeds

import (
	"slices"
	"strconv"
	"time"
)

// chart is a small bar chart of items per day, drawn as SVG by the index
// template: one bar a day, the last day at the right.
type chart struct {
	Bars  []bar // one a day; a day without items has no height
	Total int
	Title string // "3 items in the last 30 days"
	Width int    // of the drawing, in its own units
}

// bar is one day of a chart.
type bar struct {
	X, Y, H int    // where the bar is, and its height
	Label   string // "3 items on 2024-06-26"
}

// Chart dimensions, in SVG units.
const (
	chartHeight = 24
	barWidth    = 4
	barGap      = 1
)

// newChart draws counts, one per day, oldest first, the last on end's day.
func newChart(counts []int, end time.Time) chart {
	c := chart{Width: len(counts) * (barWidth + barGap)}
	most := 0
	if len(counts) > 0 {
		most = slices.Max(counts)
	}
	first := end.UTC().AddDate(0, 0, 1-len(counts))
	for i, n := range counts {
		c.Total += n
		h := 0
		if most > 0 {
			h = max(n*chartHeight/most, min(n, 1)) // a day with items shows
		}
		label := itemCount(n) + " on " + first.AddDate(0, 0, i).Format("2006-01-02")
		c.Bars = append(c.Bars, bar{X: i * (barWidth + barGap), Y: chartHeight - h, H: h, Label: label})
	}
	c.Title = itemCount(c.Total) + " in the last " + strconv.Itoa(len(counts)) + " days"
	return c
}

// itemCount writes a number of items: "1 item", "3 items".
func itemCount(n int) string {
	if n == 1 {
		return "1 item"
	}
	return strconv.Itoa(n) + " items"
}
