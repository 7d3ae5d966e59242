package story_test

import (
	"runtime"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

// maxIndexBytesPerItem bounds what the index holds of a real news article:
// 3.7-3.9 KB an item over the vnnews articles when it was written, 5.7 KB
// when each term's stats held a posting of their own.
const maxIndexBytesPerItem = 4700

// TestIndexMemory places the 8,000 vnnews articles and measures the heap
// the index keeps: DefaultCapacity items of real news must stay within a
// few tens of megabytes of serve's memory.
func TestIndexMemory(t *testing.T) {
	items, _, _ := readVnnews(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := story.NewIndex(tagfeed.Default().Stories, 0, tag.Normalize)
	for i := range items {
		x.Place(&items[i])
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perItem := (int64(after.HeapInuse) - int64(before.HeapInuse)) / int64(x.Len())
	t.Logf("the index of %d articles holds %d bytes an item", x.Len(), perItem)
	if perItem > maxIndexBytesPerItem {
		t.Errorf("the index holds %d bytes an item, want at most %d", perItem, maxIndexBytesPerItem)
	}
	runtime.KeepAlive(x)
}
