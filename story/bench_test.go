package story_test

import (
	"testing"

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
