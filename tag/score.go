package tag

import (
	"cmp"
	"math"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// The relevance score. Each distinct term of a rule found in an item adds
// points by its role and where it was found:
//
//	role                                headline  lead  each body hit  at most
//	strong (keywords, case_sensitive,      9       6         3            –
//	        regex)
//	weak, context, against                 3       2         0.5          5
//
// The headline and the lead count once, however often the term is there;
// body hits count up to MaxBodyHits, each scaled by the length factor
// √(ReferenceWords / body words), at most 1, so that a mention in passing
// in a long article counts less than one in a short item. The cap keeps
// weak evidence alone from ever reaching the default threshold. A strong
// or weak term that is one of a few named agenda items (see agenda.go)
// adds AgendaPoints more. A context term adds nothing unless a strong or
// weak term was found too. An against term takes its points away, unless
// it was found only once: one mention does not make a subject. The score
// is the sum, each term's points rounded to one decimal.
const (
	MaxBodyHits    = 3
	ReferenceWords = 300
	WeakCap        = 5
	AgendaPoints   = tagfeed.DefaultThreshold
)

// placePoints are what a term adds, by role, for being in each place.
var placePoints = [...]struct{ headline, lead, body float64 }{
	roleStrong:  {9, 6, 3},
	roleWeak:    {3, 2, 0.5},
	roleContext: {3, 2, 0.5},
	roleAgainst: {3, 2, 0.5},
}

// lengthFactor scales what each body hit adds, by the body's length.
func lengthFactor(bodyWords int) float64 {
	if bodyWords <= ReferenceWords {
		return 1
	}
	return math.Sqrt(float64(ReferenceWords) / float64(bodyWords))
}

// termCount is what was found of one term of the tag being scored.
type termCount struct {
	headline, lead, body int32
	agenda               bool
}

// assess scores every tag that has hits, and explains it, into sc.tags.
// Hits are sorted into their tags by counting, and a tag's hits, which
// come near their final order, are put in it with a sort that is quick on
// nearly sorted input.
func (e *Engine) assess(sc *scratch) {
	sc.tags = sc.tags[:0]
	if len(sc.hits) == 0 {
		return
	}
	sc.byTag = slices.Grow(sc.byTag[:0], len(sc.hits))[:0]
	sc.starts = slices.Grow(sc.starts[:0], len(e.rules)+1)[:len(e.rules)+1]
	clear(sc.starts)
	for _, h := range sc.hits {
		if h.tag != noTag {
			sc.starts[h.tag+1]++
		}
	}
	for t := 1; t <= len(e.rules); t++ {
		sc.starts[t] += sc.starts[t-1]
	}
	sc.byTag = sc.byTag[:sc.starts[len(e.rules)]]
	for _, h := range sc.hits {
		sc.byTag[sc.starts[h.tag]] = h
		sc.starts[h.tag]++
	}
	from := 0
	for t := range e.rules {
		to := sc.starts[t]
		if to > from {
			hits := sc.byTag[from:to]
			slices.SortFunc(hits, byPlace)
			e.scoreTag(sc, t, hits)
		}
		from = to
	}
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
// in sc.tags. A hit inside another sense is cancelled; of the hits left
// that overlap, the leftmost, then the longest, counts.
func (e *Engine) scoreTag(sc *scratch, t int, hits []hit) {
	ru := &e.rules[t]
	res := tagfeed.ItemTag{Tag: ru.name, Threshold: ru.threshold, BodyWords: sc.bodyWords}
	for _, h := range hits {
		if h.role == roleExclude && res.Excluded == "" {
			res.Excluded = e.texts[h.entry].term
		}
	}
	counts := slices.Grow(sc.counts[:0], len(ru.terms))[:len(ru.terms)]
	clear(counts)
	sc.byField = slices.Grow(sc.byField[:0], len(fields)*len(ru.terms))[:len(fields)*len(ru.terms)]
	clear(sc.byField)
	supported := false
	lastPart, lastEnd := uint8(255), int32(0)
	for i, h := range hits {
		if !h.role.scores() {
			continue
		}
		if !h.regex {
			if sense := e.senseOver(hits, i); sense >= 0 {
				res.Cancelled = addCancel(res.Cancelled, ru.terms[h.rank].text, e.texts[sense].term)
				continue
			}
			if h.part == lastPart && h.start < lastEnd {
				continue
			}
			lastPart, lastEnd = h.part, h.end
		}
		c := &counts[h.rank]
		switch h.place {
		case placeHeadline:
			c.headline++
		case placeLead:
			c.lead++
		default:
			c.body++
		}
		c.agenda = c.agenda || h.agenda
		sc.byField[int(h.field)*len(ru.terms)+int(h.rank)]++
		supported = supported || h.role == roleStrong || h.role == roleWeak
	}
	lf := lengthFactor(sc.bodyWords)
	for rank, c := range counts {
		if c == (termCount{}) {
			continue
		}
		name := ru.terms[rank]
		ts := termScore(name, c, lf, supported)
		res.Terms = append(res.Terms, ts)
		res.Score += ts.Points
		if ts.Role == tagfeed.RoleContext && !supported {
			continue // it matched nothing that counts
		}
		for f := range fields {
			if n := sc.byField[f*len(ru.terms)+rank]; n > 0 {
				res.Matches = append(res.Matches, tagfeed.Match{Term: name.text, Field: fields[f], Count: int(n)})
			}
		}
	}
	sc.counts = counts
	if len(res.Terms) == 0 && len(res.Cancelled) == 0 && res.Excluded == "" {
		return
	}
	res.Score = round1(res.Score)
	slices.SortStableFunc(res.Terms, func(a, b tagfeed.TermScore) int { return cmp.Compare(b.Points, a.Points) })
	slices.SortFunc(res.Matches, func(a, b tagfeed.Match) int {
		if c := cmp.Compare(slices.Index(fields[:], a.Field), slices.Index(fields[:], b.Field)); c != 0 {
			return c
		}
		return cmp.Compare(a.Term, b.Term)
	})
	sc.tags = append(sc.tags, res)
}

// termScore works out what one term adds, as the comment on the score
// says.
func termScore(name termName, c termCount, lf float64, supported bool) tagfeed.TermScore {
	ts := tagfeed.TermScore{Term: name.text, Role: name.role.publicRole(),
		Headline: int(c.headline), Lead: int(c.lead), Body: int(c.body), Agenda: c.agenda}
	pp := placePoints[name.role]
	p := float64(min(c.body, MaxBodyHits)) * lf * pp.body
	if c.headline > 0 {
		p += pp.headline
	}
	if c.lead > 0 {
		p += pp.lead
	}
	if name.role != roleStrong && p > WeakCap {
		p, ts.Note = WeakCap, "capped"
	}
	if c.agenda && (name.role == roleStrong || name.role == roleWeak) {
		p += AgendaPoints
	}
	switch {
	case name.role == roleContext && !supported:
		p, ts.Note = 0, "no other sign of the topic"
	case name.role == roleAgainst && c.headline+c.lead+c.body < 2:
		p, ts.Note = 0, "found once"
	case name.role == roleAgainst:
		p = -p
	}
	ts.Points = round1(p)
	return ts
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

// round1 rounds to one decimal.
func round1(x float64) float64 {
	return math.Round(x*10) / 10
}
