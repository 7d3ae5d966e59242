package story_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

// BenchmarkPlace8000 groups the 8,000 vnnews articles into a fresh index:
// the cost grouping adds to their ingest.
func BenchmarkPlace8000(b *testing.B) {
	items, _, _ := readVnnews(b)
	cfg := tagfeed.Default().Stories
	b.ResetTimer()
	for b.Loop() {
		x := story.NewIndex(cfg, 0, tag.Normalize)
		for i := range items {
			x.Place(&items[i])
		}
	}
}

// BenchmarkPlaceEvicting places items in a full index, each evicting the
// oldest: 20,000 reports, in an index of the default capacity, that share
// most of their words, as one outlet's daily reports do. An op is one
// item placed.
func BenchmarkPlaceEvicting(b *testing.B) {
	const n = 2 * story.DefaultCapacity
	items := make([]tagfeed.Item, n)
	day := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		at := day.Add(time.Duration(i) * time.Minute)
		items[i] = tagfeed.Item{ID: int64(i + 1), Published: at, FirstSeen: at,
			Title:   fmt.Sprintf("Bản tin thị trường số %d của phiên giao dịch", i),
			Content: fmt.Sprintf("Phiên giao dịch số %d khép lại với chỉ số tăng %d điểm, thanh khoản đạt %d tỷ đồng; khối ngoại mua ròng ở nhóm ngân hàng và bất động sản.", i, i%97, i%1013)}
	}
	x := story.NewIndex(tagfeed.Default().Stories, 0, tag.Normalize)
	for i := range story.DefaultCapacity {
		x.Place(&items[i])
	}
	b.ResetTimer()
	i := story.DefaultCapacity
	for b.Loop() {
		if i == n {
			b.StopTimer()
			x = story.NewIndex(tagfeed.Default().Stories, 0, tag.Normalize)
			for i := range story.DefaultCapacity {
				x.Place(&items[i])
			}
			i = story.DefaultCapacity
			b.StartTimer()
		}
		x.Place(&items[i])
		i++
	}
}
