package tag

import (
	"cmp"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// termCount is what was found of one term of the tag being scored.
type termCount struct {
	headline, lead, body int32
	agenda               bool
}

// assess scores every tag that has hits, and explains it, into sc.results.
// Hits are sorted into their tags by counting, and a tag's hits, which
// come near their final order, are put in it with a sort that is quick on
// nearly sorted input.
func (e *Engine) assess(sc *scratch) {
	if len(sc.hits) == 0 {
		return
	}
	sc.byTag = slices.Grow(sc.byTag[:0], len(sc.hits))[:0]
	sc.starts = slices.Grow(sc.starts[:0], len(e.rules)+1)[:len(e.rules)+1]
	clear(sc.starts)
	for i := range sc.hits {
		if t := sc.hits[i].tag; t != noTag {
			sc.starts[t+1]++
		}
	}
	for t := 1; t <= len(e.rules); t++ {
		sc.starts[t] += sc.starts[t-1]
	}
	sc.byTag = sc.byTag[:sc.starts[len(e.rules)]]
	for i := range sc.hits {
		t := sc.hits[i].tag
		sc.byTag[sc.starts[t]] = sc.hits[i]
		sc.starts[t]++
	}
	sc.lengthFactor = lengthFactor(sc.bodyWords)
	from := 0
	for t := range e.rules {
		to := sc.starts[t]
		if to > from {
			hits := sc.byTag[from:to]
			sortByPlace(hits)
			e.scoreTag(sc, t, hits)
		}
		from = to
	}
}

// sortByPlace sorts one tag's hits by place. They come nearly sorted, in
// the order of their ends, so an insertion sort does it in about one pass;
// if it takes many more moves than that, a general sort takes over.
func sortByPlace(hits []hit) {
	budget := 8 * len(hits)
	for i := 1; i < len(hits); i++ {
		if !placedBefore(&hits[i], &hits[i-1]) {
			continue // in place already, as most are
		}
		h := hits[i]
		j := i
		for ; j > 0 && placedBefore(&h, &hits[j-1]); j-- {
			hits[j] = hits[j-1]
			if budget--; budget < 0 {
				hits[j-1] = h
				slices.SortFunc(hits, byPlace)
				return
			}
		}
		hits[j] = h
	}
}

// placedBefore reports whether a comes before b in byPlace's order.
func placedBefore(a, b *hit) bool {
	return a.part < b.part || a.part == b.part && (a.start < b.start || a.start == b.start &&
		(a.end > b.end || a.end == b.end && a.entry < b.entry))
}

// byPlace orders one tag's hits by part and start, the longest first, then
// by entry, so that the leftmost-longest hit comes first.
func byPlace(a, b hit) int {
	if a.part != b.part {
		return int(a.part) - int(b.part)
	}
	if a.start != b.start {
		return cmp.Compare(a.start, b.start)
	}
	if a.end != b.end {
		return cmp.Compare(b.end, a.end)
	}
	return int(a.entry - b.entry)
}

// scoreTag scores tag t's hits, sorted by place, and explains the result
// in sc.results if the tag applies, or, with sc.all, if anything of it was
// found. A hit inside another sense is cancelled; of the hits left that
// overlap, the leftmost, then the longest, counts. The score is worked
// out first, without allocating, so that a tag that does not apply costs
// no explanation; only the terms found are looked at, and their counts
// are left zero again for the next tag.
func (e *Engine) scoreTag(sc *scratch, t int, hits []hit) {
	ru := &e.rules[t]
	terms := len(ru.terms)
	if len(sc.counts) < terms {
		sc.counts = make([]termCount, terms)
		sc.byField = make([]int32, len(fields)*terms)
		sc.points = make([]float64, terms)
		sc.notes = make([]tagfeed.Note, terms)
	}
	counts := sc.counts[:terms]
	found, touched := sc.order[:0], sc.touched[:0] // ranks found; field × terms + rank of each field count
	excluded := int32(-1)
	sc.cancels = sc.cancels[:0]
	supported := false
	lastPart, lastEnd := uint8(255), int32(0)
	for i := range hits {
		h := &hits[i] // not a copy: a hit is 28 bytes
		if h.role == roleExclude && excluded < 0 {
			excluded = h.entry
		}
		if !h.role.scores() {
			continue
		}
		if !h.regex {
			if sense := int32(-1); ru.senses {
				if sense = e.senseOver(hits, i); sense >= 0 {
					sc.cancels = append(sc.cancels, [2]int32{h.rank, sense})
					continue
				}
			}
			if h.part == lastPart && h.start < lastEnd {
				continue
			}
			lastPart, lastEnd = h.part, h.end
		}
		c := &counts[h.rank]
		if c.headline|c.lead|c.body == 0 { // every hit counted adds to one
			found = append(found, h.rank)
		}
		switch h.place {
		case placeHeadline:
			c.headline++
		case placeLead:
			c.lead++
		default:
			c.body++
		}
		c.agenda = c.agenda || h.agenda
		k := int32(h.field)*int32(terms) + h.rank
		if sc.byField[k] == 0 {
			touched = append(touched, k)
		}
		sc.byField[k]++
		supported = supported || h.role == roleStrong || h.role == roleWeak
	}
	sc.order, sc.touched = found, touched
	e.explainTag(sc, t, excluded, supported)
	for _, rank := range found { // leave the counts zero for the next tag
		counts[rank] = termCount{}
	}
	for _, k := range touched {
		sc.byField[k] = 0
	}
}

// explainTag works out the score of tag t from the counts scoreTag made,
// and explains it in sc.results if it applies, or, with sc.all, if anything
// of it was found.
func (e *Engine) explainTag(sc *scratch, t int, excluded int32, supported bool) {
	ru := &e.rules[t]
	terms, counts, found, touched := len(ru.terms), sc.counts, sc.order, sc.touched
	against := 0 // hits of against terms, all told
	for _, rank := range found {
		if ru.against && ru.terms[rank].role == roleAgainst {
			c := counts[rank]
			against += int(c.headline + c.lead + c.body)
		}
	}
	score := 0.0
	for _, rank := range found {
		p, note := termPoints(ru.terms[rank].role, counts[rank], sc.lengthFactor, supported, against > 1)
		score += p
		sc.points[rank], sc.notes[rank] = p, note
	}
	score = round1(score)
	if applies := excluded < 0 && score >= ru.threshold; !applies && !(sc.all && (len(found) > 0 || len(sc.cancels) > 0 || excluded >= 0)) {
		return
	}

	// The explanation: terms, the most points first, and matches, by field
	// then term (ranks follow the terms' order), are kept as ranks and
	// counts, without pointers; results makes the caller's tags from them
	// once per call.
	res := tagResult{tag: int32(t), score: score, excluded: excluded}
	res.cancels[0], res.terms[0], res.matches[0] = int32(len(sc.cancelled)), int32(len(sc.termRes)), int32(len(sc.matchRes))
	sc.cancelled = append(sc.cancelled, sc.cancels...)
	points := sc.points
	insertionSort(found, func(a, b int32) bool { return points[a] > points[b] || points[a] == points[b] && a < b })
	for _, rank := range found {
		tr := push(&sc.termRes)
		tr.rank, tr.count, tr.points, tr.note = rank, counts[rank], points[rank], sc.notes[rank]
	}
	insertionSort(touched, func(a, b int32) bool { return a < b })
	for _, k := range touched {
		rank := k % int32(terms)
		if supported || ru.terms[rank].role != roleContext {
			mr := push(&sc.matchRes)
			mr.rank, mr.field, mr.count = rank, uint8(k/int32(terms)), sc.byField[k]
		}
	}
	res.cancels[1], res.terms[1], res.matches[1] = int32(len(sc.cancelled)), int32(len(sc.termRes)), int32(len(sc.matchRes))
	sc.results = append(sc.results, res)
}

// insertionSort sorts the few terms of one tag found in an item; it is
// quicker than a general sort on so short a list, and quadratic only in
// the number of distinct terms of one tag found in one item.
func insertionSort(s []int32, less func(a, b int32) bool) {
	for i := 1; i < len(s); i++ {
		v, j := s[i], i
		for ; j > 0 && less(v, s[j-1]); j-- {
			s[j] = s[j-1]
		}
		s[j] = v
	}
}

// senseOver returns the entry of another sense that overlaps hits[i], in
// its part, or -1. hits are sorted by place, so only senses that start
// before hits[i] ends are looked at, going back no further than the
// longest sense.
func (e *Engine) senseOver(hits []hit, i int) int32 {
	h := hits[i]
	for j := i + 1; j < len(hits) && hits[j].part == h.part && hits[j].start < h.end; j++ {
		if hits[j].role == roleSense {
			return hits[j].entry
		}
	}
	for j := i - 1; j >= 0 && hits[j].part == h.part; j-- {
		if s := hits[j]; s.role == roleSense && s.end > h.start {
			return s.entry
		}
		if h.start-hits[j].start > e.longestSense {
			break
		}
	}
	return -1
}

// addCancel counts one cancelled hit of term inside sense.
func addCancel(cs []tagfeed.Cancel, term, sense string) []tagfeed.Cancel {
	for i := range cs {
		if cs[i].Term == term && cs[i].Sense == sense {
			cs[i].Count++
			return cs
		}
	}
	return append(cs, tagfeed.Cancel{Term: term, Sense: sense, Count: 1})
}
