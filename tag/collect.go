package tag

import (
	"bytes"
	"unicode/utf8"
)

// hit is one occurrence of one entry in one part of an item.
type hit struct {
	tag    int32
	entry  int32
	rank   int32
	start  int32 // in the form the entry was matched in
	end    int32
	role   entryRole
	regex  bool
	field  uint8
	part   uint8 // the part of the item it was found in, in scan order
	place  place
	agenda bool // one of a few named agenda items
}

// collect turns the automaton's raw matches in one part into hits: those
// that stand as whole words, in the right case, in a field their tag looks
// at. text is the form scanned, exact its case-kept twin. Agenda cues and
// list openers are noted, and then each hit that adds points is checked
// for being an agenda item.
func (e *Engine) collect(sc *scratch, a *automaton, part int32, field uint8, text, exact []byte) {
	bit := uint8(1) << field
	from := len(sc.hits)
	sc.cues, sc.openers = sc.cues[:0], sc.openers[:0]
	sc.sentences.reset()
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
			if en.exact && !sameCase(exact[start:m.end], e.texts[id].exact) ||
				en.symbols && !sameSymbols(exact[start:m.end], e.texts[id].exact) {
				continue
			}
			switch en.role {
			case roleCue:
				sc.cues = appendCue(sc.cues, span{int32(start), int32(end)})
				continue
			case roleIntro:
				sc.openers = append(sc.openers, span{int32(start), int32(end)})
				continue
			}
			h := push(&sc.hits)
			h.tag, h.entry, h.rank, h.start, h.end = en.tag, id, en.rank, int32(start), int32(end)
			h.role, h.regex, h.field, h.part, h.place, h.agenda = en.role, false, field, uint8(part), 0, false
		}
	}
	if len(sc.cues) == 0 {
		return
	}
	// The last cue before each hit is followed with a pointer, since hits
	// come nearly in order; a hit past the end of that cue's sentence is
	// no agenda item, and is rejected here, cheaply.
	cues, k := sc.cues, 0
	for i := from; i < len(sc.hits); i++ {
		h := &sc.hits[i]
		if h.role != roleStrong && h.role != roleWeak || sc.agendaFound[h.entry] {
			continue
		}
		for k < len(cues) && cues[k].end <= h.start {
			k++
		}
		for k > 0 && cues[k-1].end > h.start {
			k--
		}
		if k == 0 {
			continue
		}
		if c := &cues[k-1]; !c.known {
			learn(exact, cues, k-1, &sc.sentences)
		}
		if h.end > cues[k-1].hi {
			continue
		}
		h.agenda = agendaItem(exact, int(h.start), int(h.end), &cues[k-1], sc.openers)
		sc.agendaFound[h.entry] = h.agenda // one agenda hit of a term is enough
	}
}

// appendCue adds a cue found at sp, reusing the memory of the cue that was
// there in an earlier part.
func appendCue(cues []cue, sp span) []cue {
	if len(cues) < cap(cues) {
		cues = cues[:len(cues)+1]
		c := &cues[len(cues)-1]
		c.span, c.known = sp, false
		return cues
	}
	return append(cues, cue{span: sp})
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
func (e *Engine) collectRegexes(sc *scratch, part int32, field uint8) {
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
					role: roleStrong, regex: true, field: field, part: uint8(part),
					start: int32(loc[0]), end: int32(loc[1])})
			}
		}
	}
}
