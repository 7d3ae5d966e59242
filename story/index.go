package story

import (
	"hash/maphash"
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed"
)

const (
	// minShared is how many rare terms of its title and lead an item must
	// share with another for the two to be compared.
	minShared = 2
	// maxCompared is how many candidates, those sharing the most rare
	// terms, an item is compared with.
	maxCompared = 8
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
//
// The items live in a ring of slots, the oldest overwritten first, and
// the postings name slots, so that the garbage collector has few pointers
// to follow however many items the index holds.
type Index struct {
	window    time.Duration
	threshold float64
	capacity  int
	normalize func(string) string
	seed      maphash.Seed

	slots        []entry          // the ring; an empty slot has id 0
	next         int              // the slot the next item goes in
	byID         map[int64]int32  // the slot of each item held
	terms        map[uint32]int32 // the stats of each term the items held use, by index
	stats        []termStats      // the terms' stats; those on free are unused
	free         []int32
	postings     [][]int32 // the postings the stats name; those on freePostings are unused
	freePostings []int32

	uses    []uint64 // scratch: the uses of terms in the item being read (see extract)
	refs    []int32  // scratch: the stats of the terms of the item being added
	shared  []uint16 // scratch: by slot, the rare terms shared with the item being placed
	touched []int32  // scratch: the slots shared counts
}

// termStats are what the index knows of one term. They are kept in a
// slice that one map indexes, rather than in a map of counts and a map
// of postings: adding or evicting an item then looks each of its terms
// up once, where it took up to three map operations
// (BenchmarkPlaceEvicting: 19.5-22.4 against 25.2-25.8 us an item). Only
// the terms of titles and leads have postings, so a term names its
// posting by index rather than holding one: the stats of a term without
// take 8 bytes, not 32 (the index of the 8,000 vnnews articles: 3.7 KB
// an item, against 3.9 with the two maps and 5.7 with a posting in each
// term's stats).
type termStats struct {
	df      int32 // the items held that use it
	posting int32 // in postings: the slots of those whose title or lead use it, oldest first; -1 for none
}

// entry is an item in the index.
type entry struct {
	id, story int64
	at        int64 // its date, or when first seen if undated, in Unix nanoseconds
	seen      int64 // when first seen, in Unix nanoseconds
	dated     bool
	day       day
	terms     []uint32  // its terms, sorted
	weights   []float32 // their TF-IDF weights when added, of unit length
	lead      termSet   // which of its terms its title and lead use: those posted
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
		seed: maphash.MakeSeed(), byID: map[int64]int32{}, terms: map[uint32]int32{},
	}
}

// Len returns how many items the index holds.
func (x *Index) Len() int { return len(x.byID) }

// Has reports whether the index holds the item.
func (x *Index) Has(id int64) bool { _, ok := x.byID[id]; return ok }

// Place finds the story of an item that has none (it.ID set), adds the
// item to the index, and returns where it goes: the story of the most
// alike item within the window if that is alike enough, else a story of
// its own.
func (x *Index) Place(it *tagfeed.Item) tagfeed.StoryRef {
	slot := x.add(it, 0)
	ref := tagfeed.StoryRef{ID: it.ID}
	if best, sim := x.best(slot); best >= 0 {
		c := &x.slots[best]
		ref = tagfeed.StoryRef{ID: c.story, Match: c.id, Similarity: sim}
	}
	x.slots[slot].story = ref.ID
	return ref
}

// Add adds an item whose story is known (it.Story.ID set), as loaded from
// the store.
func (x *Index) Add(it *tagfeed.Item) {
	if !x.Has(it.ID) {
		x.add(it, it.Story.ID)
	}
}

// add reads an item's features, counts its terms and posts it in the
// next slot, which it takes from the oldest item when the ring is full.
func (x *Index) add(it *tagfeed.Item, story int64) int32 {
	body := it.Content
	if body == "" {
		body = it.Summary
	}
	f := extract(x.seed, x.normalize(it.Title), x.normalize(prefix(body, readBytes)), &x.uses)
	slot := int32(x.next)
	if int(slot) == len(x.slots) {
		x.slots = append(x.slots, entry{})
		x.shared = append(x.shared, 0)
	} else {
		x.evict(slot)
	}
	x.next = (x.next + 1) % x.capacity
	refs := x.refs[:0]
	for i, t := range f.terms {
		ref := x.statsOf(t)
		st := &x.stats[ref]
		st.df++
		if f.lead.has(i) {
			if st.posting < 0 {
				st.posting = x.newPosting()
			}
			x.postings[st.posting] = append(x.postings[st.posting], slot)
		}
		refs = append(refs, ref)
	}
	x.refs = refs
	x.byID[it.ID] = slot
	x.slots[slot] = entry{id: it.ID, story: story, at: it.SortTime().UnixNano(), seen: it.FirstSeen.UnixNano(),
		dated: !it.Published.IsZero(), day: f.day, terms: f.terms, weights: x.weigh(f, refs), lead: f.lead}
	return slot
}

// statsOf returns the index of a term's stats, making them if the term
// is new.
func (x *Index) statsOf(t uint32) int32 {
	if ref, ok := x.terms[t]; ok {
		return ref
	}
	ref := reuse(&x.stats, &x.free)
	x.stats[ref] = termStats{posting: -1}
	x.terms[t] = ref
	return ref
}

// newPosting returns the index of an empty posting.
func (x *Index) newPosting() int32 {
	return reuse(&x.postings, &x.freePostings)
}

// dropPosting empties the posting of st and puts it on the free list.
func (x *Index) dropPosting(st *termStats) {
	x.postings[st.posting] = nil
	x.freePostings = append(x.freePostings, st.posting)
	st.posting = -1
}

// reuse returns the index of an element of *s to use again: the last on
// the free list, or a new zero one.
func reuse[T any](s *[]T, free *[]int32) int32 {
	if n := len(*free); n > 0 {
		i := (*free)[n-1]
		*free = (*free)[:n-1]
		return i
	}
	var zero T
	*s = append(*s, zero)
	return int32(len(*s) - 1)
}

// prefix returns the first n bytes of s or fewer, cut between runes.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// logCount returns ln(n), from a table for the small counts that most
// terms have.
func logCount(n int32) float64 {
	if n < int32(len(logTable)) {
		return logTable[n]
	}
	return math.Log(float64(n))
}

// logTable holds ln(n) for n below 1024; read only.
var logTable = func() (t [1024]float64) {
	for n := 1; n < len(t); n++ {
		t[n] = math.Log(float64(n))
	}
	return t
}()

// weigh returns the TF-IDF weights of features, of unit length. A term
// weighs by its uses in the item and its rarity among the items held,
// ln(N / (items with it + 1)), where N counts priorItems more items that
// lack the term, so that a few items, on a new database, weigh their
// words nearly alike rather than by chance.
func (x *Index) weigh(f features, refs []int32) []float32 {
	w := make([]float32, len(f.terms))
	var sum float64
	logN := math.Log(float64(len(x.byID) + priorItems))
	for i, ref := range refs {
		v := float64(f.tf[i]) * (logN - logCount(x.stats[ref].df+1))
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

// best returns the slot of the most alike item to the one in slot that
// it may join within the window, and how alike they are; -1 if none is
// alike enough.
func (x *Index) best(slot int32) (int32, float64) {
	e := &x.slots[slot]
	rare := max(8, len(x.byID)/100)
	for t := range leadTerms(e.terms, e.lead) {
		ref := x.stats[x.terms[t]].posting
		if ref < 0 {
			continue
		}
		posting := x.postings[ref]
		if len(posting) > rare {
			continue
		}
		for _, c := range posting {
			if c == slot || x.slots[c].story == 0 || !x.inWindow(e, &x.slots[c]) {
				continue
			}
			if x.shared[c] == 0 {
				x.touched = append(x.touched, c)
			}
			x.shared[c]++
		}
	}
	cands := x.touched[:0:0]
	for _, c := range x.touched {
		if x.shared[c] >= minShared {
			cands = append(cands, c)
		}
	}
	slices.SortFunc(cands, func(a, b int32) int {
		if x.shared[a] != x.shared[b] {
			return int(x.shared[b]) - int(x.shared[a])
		}
		return int(x.slots[a].id - x.slots[b].id)
	})
	for _, c := range x.touched {
		x.shared[c] = 0
	}
	x.touched = x.touched[:0]
	best, bestSim := int32(-1), 0.0
	for _, c := range cands[:min(len(cands), maxCompared)] {
		sim := cosine(e, &x.slots[c])
		if sim < x.threshold || e.day.differs(x.slots[c].day) {
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
	d := a.at - b.at
	if !a.dated || !b.dated {
		d = a.seen - b.seen
	}
	w := int64(x.window)
	return d <= w && d >= -w
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

// evict forgets the item in a slot, if any: its terms' counts and its
// postings.
func (x *Index) evict(slot int32) {
	e := &x.slots[slot]
	if e.id == 0 {
		return
	}
	delete(x.byID, e.id)
	for i, t := range e.terms {
		ref := x.terms[t]
		st := &x.stats[ref]
		if e.lead.has(i) && st.posting >= 0 {
			// The ring evicts the oldest item, and postings list items in
			// the order they came, so the item is at the head of each of
			// its postings: dropping it costs nothing however long the
			// posting. Searching the whole posting, as a fallback, is for
			// safety only.
			p := x.postings[st.posting]
			if len(p) > 0 && p[0] == slot {
				p = p[1:]
			} else {
				p = slices.DeleteFunc(p, func(c int32) bool { return c == slot })
			}
			x.postings[st.posting] = p
			if len(p) == 0 {
				x.dropPosting(st)
			}
		}
		if st.df--; st.df <= 0 {
			delete(x.terms, t)
			x.free = append(x.free, ref)
		}
	}
	*e = entry{}
}
