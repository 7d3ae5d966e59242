package tag

import (
	"bytes"
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed"
)

// Field weights: a hit in the title counts TitleWeight towards a tag's
// score, a hit anywhere else BodyWeight.
const (
	TitleWeight = 3
	BodyWeight  = 1
)

// fields are the matchable fields in the order of tagfeed.AllFields, with
// their weights.
var (
	fields  = [...]tagfeed.Field{tagfeed.FieldTitle, tagfeed.FieldSummary, tagfeed.FieldContent, tagfeed.FieldAuthor}
	weights = [...]int{TitleWeight, BodyWeight, BodyWeight, BodyWeight}
)

// Weight returns what one hit in field f counts towards a tag's score.
func Weight(f tagfeed.Field) int {
	if i := slices.Index(fields[:], f); i >= 0 {
		return weights[i]
	}
	return 0
}

// hit is one occurrence of one entry in one field.
type hit struct {
	tag   int32
	entry int32
	rank  int32
	start int32 // in the form the entry was matched in
	end   int32
	kind  entryKind
	field uint8
}

// collect turns the automaton's raw matches in one field into hits: those
// that stand as whole words, in the right case, in a field their tag looks
// at. text is the form scanned, exact its case-kept twin.
func (e *Engine) collect(sc *scratch, a *automaton, field uint8, text, exact []byte) {
	bit := uint8(1) << field
	for _, m := range sc.raw {
		endOK := m.end == len(text) || !wordByte(text[m.end])
		for _, id := range a.values(m.state) {
			en := &e.entries[id]
			if en.fields&bit == 0 {
				continue
			}
			// The automaton has checked the boundary before the term.
			start, end := m.end-int(en.size), m.end
			if en.star {
				end = wordEnd(text, end)
			} else if en.edgeR && !endOK {
				continue
			}
			if en.kind == kindCase && !sameCase(exact[start:m.end], e.texts[id].exact) ||
				en.symbols && !sameSymbols(exact[start:m.end], e.texts[id].exact) {
				continue
			}
			sc.hits = append(sc.hits, hit{tag: en.tag, entry: id, rank: en.rank,
				kind: en.kind, field: field, start: int32(start), end: int32(end)})
		}
	}
}

// sameSymbols reports whether text, found where a term with non-ASCII
// punctuation or symbols matched, has the same ones.
func sameSymbols(text, term []byte) bool {
	for i := 0; i < len(term); {
		r, n := decodeRune(term[i:])
		if r >= utf8.RuneSelf && !isWordRune(r) && !bytes.Equal(text[i:i+n], term[i:i+n]) {
			return false
		}
		i += n
	}
	return true
}

// sameCase reports whether text, found where a case-sensitive term
// matched ignoring case, is the term in its case. A hyphen and a space are
// alike, as they are when case is ignored.
func sameCase(text, term []byte) bool {
	if bytes.Equal(text, term) {
		return true
	}
	for i := range text {
		if a, b := text[i], term[i]; a != b && (a != '-' && a != ' ' || b != '-' && b != ' ') {
			return false
		}
	}
	return true
}

// wordEnd returns where the word that goes on at text[i:] ends. text is a
// scanned form, in which every byte beyond ASCII is part of a word.
func wordEnd(text []byte, i int) int {
	for i < len(text) && wordByte(text[i]) {
		i++
	}
	return i
}

// collectRegexes adds the hits of the regexes of the tags that look at the
// field, in the case-kept text. Empty matches are not hits.
func (e *Engine) collectRegexes(sc *scratch, field uint8) {
	bit := uint8(1) << field
	for t := range e.rules {
		r := &e.rules[t]
		if r.fields&bit == 0 {
			continue
		}
		for _, id := range r.regexes {
			for _, loc := range e.texts[id].re.FindAllIndex(sc.fm.c, -1) {
				if loc[0] == loc[1] {
					continue // an empty match finds nothing
				}
				sc.hits = append(sc.hits, hit{tag: int32(t), entry: int32(id), rank: e.entries[id].rank,
					kind: kindRegex, field: field, start: int32(loc[0]), end: int32(loc[1])})
			}
		}
	}
}

// tagResult is a tag that applies, with its matches in scratch.matches.
type tagResult struct {
	tag      int
	score    int
	from, to int
}

// score decides which tags apply and explains them. It costs time in
// proportion to the number of hits: they are sorted into their tags by
// counting, and a tag's hits, which come near their final order, are put
// in it with a sort that is quick on nearly sorted input.
func (e *Engine) score(sc *scratch) []tagfeed.ItemTag {
	if len(sc.hits) == 0 {
		return nil
	}
	sc.byTag = slices.Grow(sc.byTag[:0], len(sc.hits))[:len(sc.hits)]
	sc.starts = slices.Grow(sc.starts[:0], len(e.rules)+1)[:len(e.rules)+1]
	clear(sc.starts)
	for _, h := range sc.hits {
		sc.starts[h.tag+1]++
	}
	for t := 1; t <= len(e.rules); t++ {
		sc.starts[t] += sc.starts[t-1]
	}
	for _, h := range sc.hits {
		sc.byTag[sc.starts[h.tag]] = h
		sc.starts[h.tag]++
	}
	sc.matches, sc.tags = sc.matches[:0], sc.tags[:0]
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
	if len(sc.tags) == 0 {
		return nil
	}
	out := make([]tagfeed.ItemTag, len(sc.tags))
	matches := slices.Clone(sc.matches)
	for i, t := range sc.tags {
		out[i] = tagfeed.ItemTag{Tag: e.rules[t.tag].name, Score: t.score, Matches: matches[t.from:t.to:t.to]}
	}
	return out
}

// byPlace orders one tag's hits by field and start, the longest first,
// then by entry, so that the leftmost-longest hit comes first.
func byPlace(a, b hit) int {
	if a.field != b.field {
		return int(a.field) - int(b.field)
	}
	if a.start != b.start {
		return cmp.Compare(a.start, b.start)
	}
	if a.end != b.end {
		return cmp.Compare(b.end, a.end)
	}
	return int(a.entry - b.entry)
}

// scoreTag scores tag t's hits, sorted by place, and keeps the tag in
// sc.tags if it applies. An exclude hit vetoes it. Overlapping term hits
// count once: the leftmost, then the longest, wins.
func (e *Engine) scoreTag(sc *scratch, t int, hits []hit) {
	for _, h := range hits {
		if h.kind == kindExclude {
			return
		}
	}
	terms := e.rules[t].terms
	sc.counts = slices.Grow(sc.counts[:0], len(fields)*terms)[:len(fields)*terms]
	touched := sc.touched[:0] // field<<24 | rank of each count in use
	lastField, lastEnd := uint8(255), int32(0)
	for _, h := range hits {
		if h.kind != kindRegex {
			if h.field == lastField && h.start < lastEnd {
				continue
			}
			lastField, lastEnd = h.field, h.end
		}
		k := int(h.field)*terms + int(h.rank)
		if sc.counts[k] == 0 {
			touched = append(touched, int32(h.field)<<24|h.rank)
		}
		sc.counts[k]++
	}
	slices.Sort(touched) // by field, then term
	res := tagResult{tag: t, from: len(sc.matches)}
	for _, fr := range touched {
		field, rank := int(fr>>24), int(fr&(1<<24-1))
		k := field*terms + rank
		n := int(sc.counts[k])
		sc.counts[k] = 0
		sc.matches = append(sc.matches, tagfeed.Match{Term: e.rules[t].termNames[rank], Field: fields[field], Count: n})
		res.score += weights[field] * n
	}
	sc.touched = touched
	res.to = len(sc.matches)
	if res.score < e.rules[t].minScore {
		sc.matches = sc.matches[:res.from]
		return
	}
	sc.tags = append(sc.tags, res)
}
