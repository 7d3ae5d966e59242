package tag

import (
	"slices"

	"github.com/tagfeed/tagfeed"
)

// tagResult is one tag explained by explainTag, in scratch memory: ranks
// and counts without pointers, so that working on them costs the garbage
// collector nothing. results turns them into the caller's tags.
type tagResult struct {
	tag      int32
	excluded int32 // the exclude entry that vetoed the tag, or -1
	score    float64
	// Where the tag's cancelled hits, terms and matches are in scratch:
	// from, to.
	cancels, terms, matches [2]int32
}

// termResult is what one term added to a tag's score, and where it was.
type termResult struct {
	rank   int32
	count  termCount
	points float64
	note   tagfeed.Note
}

// matchResult is how often one term of a tag was found in one field.
type matchResult struct {
	rank  int32
	field uint8
	count int32
}

// results makes the tags explained in sc, with their terms and matches,
// in three allocations: the tags, and the terms and matches of all of
// them, which each tag's slices share. It returns nil when there are none.
func (e *Engine) results(sc *scratch) []tagfeed.ItemTag {
	if len(sc.results) == 0 {
		return nil
	}
	out := make([]tagfeed.ItemTag, len(sc.results))
	terms := make([]tagfeed.TermScore, len(sc.termRes))
	var matches []tagfeed.Match
	if len(sc.matchRes) > 0 {
		matches = make([]tagfeed.Match, len(sc.matchRes))
	}
	for i := range sc.results {
		r, o := &sc.results[i], &out[i]
		ru := &e.rules[r.tag]
		o.Tag, o.Score, o.Threshold, o.BodyWords = ru.name, r.score, ru.threshold, sc.bodyWords
		if r.excluded >= 0 {
			o.Excluded = e.texts[r.excluded].term
		}
		for _, c := range sc.cancelled[r.cancels[0]:r.cancels[1]] {
			o.Cancelled = addCancel(o.Cancelled, ru.terms[c[0]].text, e.texts[c[1]].term)
		}
		o.Terms = terms[r.terms[0]:r.terms[1]:r.terms[1]]
		for j, tr := range sc.termRes[r.terms[0]:r.terms[1]] {
			name, ts := &ru.terms[tr.rank], &o.Terms[j]
			ts.Term, ts.Role, ts.Points, ts.Note = name.text, name.role.publicRole(), tr.points, tr.note
			ts.Headline, ts.Lead, ts.Body, ts.Agenda = tr.count.headline, tr.count.lead, tr.count.body, tr.count.agenda
		}
		if r.matches[1] > r.matches[0] {
			o.Matches = matches[r.matches[0]:r.matches[1]:r.matches[1]]
			for j, mr := range sc.matchRes[r.matches[0]:r.matches[1]] {
				m := &o.Matches[j]
				m.Term, m.Field, m.Count = ru.terms[mr.rank].text, fields[mr.field], int(mr.count)
			}
		}
	}
	return out
}

// push extends *s by one element and returns it, for the caller to set
// every field of. Appending a literal instead builds it on the stack and
// copies it, which costs more on the paths taken for every hit and term.
func push[T any](s *[]T) *T {
	if len(*s) == cap(*s) {
		*s = slices.Grow(*s, 1)
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}
