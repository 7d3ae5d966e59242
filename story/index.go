package story

import (
	"hash/maphash"
	"math"
	"slices"
	"time"

	"github.com/tagfeed/tagfeed"
)

const (
	// minShared is how many rare terms of its title and lead an item must
	// share with another for the two to be compared.
	minShared = 2
	// maxCompared is how many candidates, those sharing the most rare
	// terms, an item is compared with.
	maxCompared = 16
	// priorItems is how many items without a term the rarity of every
	// term assumes besides those held.
	priorItems = 20
	// DefaultCapacity is how many items an index keeps by default, about
	// 7 KB each: a week of 1,400 items a day.
	DefaultCapacity = 10000
)

// Index holds the recent items with their features and finds, for a new
// item, the story it belongs to. It is not safe for concurrent use; the
// Grouper serializes it.
type Index struct {
	window    time.Duration
	threshold float64
	capacity  int
	normalize func(string) string
	seed      maphash.Seed

	entries  map[int64]*entry
	order    []*entry // in the order added, for eviction; evicted ones are nil
	head     int      // the first of order not evicted
	df       map[uint32]int32
	postings map[uint32][]*entry // by the terms of titles and leads
}

// entry is an item in the index.
type entry struct {
	id, story int64
	at        time.Time // its date, or when first seen if undated
	seen      time.Time // when first seen
	dated     bool
	day       day
	terms     []uint32  // its terms, sorted
	weights   []float32 // their TF-IDF weights when added, of unit length
	lead      []uint32  // the terms of its title and lead, posted
	evicted   bool
}

// NewIndex returns an empty index that groups by cfg's window and
// threshold and keeps up to capacity items (DefaultCapacity if 0).
// normalize reads text as the tagger does (tag.Normalize).
func NewIndex(cfg tagfeed.StoryConfig, capacity int, normalize func(string) string) *Index {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	return &Index{
		window: cfg.Window, threshold: cfg.Threshold, capacity: capacity, normalize: normalize,
		seed: maphash.MakeSeed(), entries: map[int64]*entry{}, df: map[uint32]int32{},
		postings: map[uint32][]*entry{},
	}
}

// Len returns how many items the index holds.
func (x *Index) Len() int { return len(x.entries) }

// Has reports whether the index holds the item.
func (x *Index) Has(id int64) bool { _, ok := x.entries[id]; return ok }

// Place finds the story of an item that has none (it.ID set), adds the
// item to the index, and returns where it goes: the story of the most
// alike item within the window if that is alike enough, else a story of
// its own.
func (x *Index) Place(it *tagfeed.Item) tagfeed.StoryRef {
	e := x.add(it, 0)
	ref := tagfeed.StoryRef{ID: it.ID}
	if best, sim := x.best(e); best != nil {
		ref = tagfeed.StoryRef{ID: best.story, Match: best.id, Similarity: sim}
	}
	e.story = ref.ID
	return ref
}

// Add adds an item whose story is known (it.Story.ID set), as loaded from
// the store.
func (x *Index) Add(it *tagfeed.Item) {
	if !x.Has(it.ID) {
		x.add(it, it.Story.ID)
	}
}

// add reads an item's features, counts its terms and posts it.
func (x *Index) add(it *tagfeed.Item, story int64) *entry {
	body := it.Content
	if body == "" {
		body = it.Summary
	}
	f := extract(x.seed, x.normalize(it.Title), x.normalize(body))
	e := &entry{id: it.ID, story: story, at: it.SortTime(), seen: it.FirstSeen, dated: !it.Published.IsZero(),
		day: f.day, terms: f.terms}
	for _, t := range f.terms {
		x.df[t]++
	}
	e.weights = x.weigh(f)
	e.lead = f.lead
	for _, t := range e.lead {
		x.postings[t] = append(x.postings[t], e)
	}
	x.entries[it.ID] = e
	x.order = append(x.order, e)
	for len(x.entries) > x.capacity {
		x.evictOldest()
	}
	return e
}

// idf is the rarity of a term among the items held. It counts priorItems
// more items that lack the term, so that a few items, on a new
// database, weigh their words nearly alike rather than by chance.
func (x *Index) idf(t uint32) float64 {
	n := float64(len(x.entries) + priorItems)
	return math.Log(n / float64(x.df[t]+1))
}

// weigh returns the TF-IDF weights of features, of unit length.
func (x *Index) weigh(f features) []float32 {
	w := make([]float32, len(f.terms))
	var sum float64
	for i, t := range f.terms {
		v := float64(f.tf[i]) * x.idf(t)
		w[i] = float32(v)
		sum += v * v
	}
	if sum > 0 {
		norm := float32(1 / math.Sqrt(sum))
		for i := range w {
			w[i] *= norm
		}
	}
	return w
}

// best returns the most alike item to e within the window that e may
// join, and how alike they are; nil if none is alike enough.
func (x *Index) best(e *entry) (*entry, float64) {
	shared := map[*entry]int{}
	rare := max(8, len(x.entries)/100)
	for _, t := range e.lead {
		posting := x.postings[t]
		if len(posting) > rare {
			continue
		}
		for _, c := range posting {
			if c != e && !c.evicted && c.story != 0 && x.inWindow(e, c) {
				shared[c]++
			}
		}
	}
	cands := make([]*entry, 0, len(shared))
	for c, n := range shared {
		if n >= minShared {
			cands = append(cands, c)
		}
	}
	slices.SortFunc(cands, func(a, b *entry) int {
		if shared[a] != shared[b] {
			return shared[b] - shared[a]
		}
		return int(a.id - b.id)
	})
	var best *entry
	var bestSim float64
	for _, c := range cands[:min(len(cands), maxCompared)] {
		sim := cosine(e, c)
		if sim < x.threshold || e.day.differs(c.day) {
			continue
		}
		if sim > bestSim {
			best, bestSim = c, sim
		}
	}
	return best, bestSim
}

// inWindow reports whether two items are close enough in time to report
// one event: their dates, or, when one is undated, when they were first
// seen (an archive read today may hold a report of any day).
func (x *Index) inWindow(a, b *entry) bool {
	d := a.at.Sub(b.at)
	if !a.dated || !b.dated {
		d = a.seen.Sub(b.seen)
	}
	return d <= x.window && d >= -x.window
}

// cosine returns the similarity of two entries' weights.
func cosine(a, b *entry) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i] < b.terms[j]:
			i++
		case a.terms[i] > b.terms[j]:
			j++
		default:
			dot += float64(a.weights[i]) * float64(b.weights[j])
			i++
			j++
		}
	}
	return min(dot, 1)
}

// evictOldest drops the item added first.
func (x *Index) evictOldest() {
	e := x.order[x.head]
	x.order[x.head] = nil
	x.head++
	if x.head > len(x.order)/2 {
		x.order = slices.Clone(x.order[x.head:])
		x.head = 0
	}
	e.evicted = true
	delete(x.entries, e.id)
	for _, t := range e.terms {
		if x.df[t]--; x.df[t] <= 0 {
			delete(x.df, t)
		}
	}
	for _, t := range e.lead {
		x.postings[t] = slices.DeleteFunc(x.postings[t], func(c *entry) bool { return c == e })
		if len(x.postings[t]) == 0 {
			delete(x.postings, t)
		}
	}
}
