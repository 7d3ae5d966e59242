package tag

import (
	"bytes"
	"slices"
)

// An item belongs to a topic that is one of a few named agenda items of a
// meeting or an agreement ("the two sides agreed to cooperate in five
// areas: semiconductors; energy; …"), even when it is named only once. The
// engine recognises such a list by its shape, not by its words: a sentence
// with an agenda cue ("hợp tác", "thảo luận", "cooperation", "talks"), and
// after the cue a list of two to MaxAgendaItems items in which the term is
// one. Items are separated by semicolons if the list has any, else by
// commas followed by a space, and a last "và" or "and" joins one more. The
// list starts after the cue, or after the last ":" or list opener ("như",
// "về", "gồm", "such as", "including") between the cue and the term, and
// runs to the end of the sentence; without a colon, semicolons end
// clauses, and the cue must be in the term's clause. A longer list names a
// sector in passing, which does not count.

// MaxAgendaItems is the longest list whose items count as agenda items.
const MaxAgendaItems = 5

// AgendaCues are the words that announce the areas of a meeting, a visit
// or an agreement, in Vietnamese and English.
func AgendaCues() []string {
	return []string{
		"hợp tác", "thảo luận", "trao đổi", "làm việc với", "ưu tiên", "thỏa thuận", "ký kết",
		"chương trình nghị sự",
		"cooperation", "cooperate", "collaboration", "partnership", "agreement", "agreed", "agenda",
		"talks", "discussed", "priorities",
	}
}

// listOpeners are the words after which a list of items starts.
func listOpeners() []string {
	return []string{"như", "về", "gồm", "bao gồm", "là", "such as", "including", "on", "in areas"}
}

// span is where a cue or a list opener was found in a scanned form.
type span struct{ start, end int32 }

// cue is an agenda cue found in a part. What agendaItem needs to know of
// its sentence is worked out when a hit first needs it, once for all the
// hits after the cue.
type cue struct {
	span
	known  bool
	lo, hi int32   // the sentence
	marks  []int32 // the colons and semicolons in the sentence, in order
	// The list agendaItem last counted, from where to where, and its items.
	from, to, items int32
}

// maxSentenceBytes bounds how far a sentence is looked for around a cue.
const maxSentenceBytes = 1000

// spansBefore returns how many spans end at or before i.
func spansBefore(spans []span, i int) int {
	lo, hi := 0, len(spans)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(spans[m].end) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// learn finds the sentence of cues[k] and the marks in it, which it keeps
// in the part's sentences. A cue in the sentence of the cue before it
// shares what that one learned.
func learn(text []byte, cues []cue, k int, ps *partSentences) {
	c := &cues[k]
	c.known, c.from, c.to = true, -1, -1
	if k > 0 {
		if p := &cues[k-1]; p.known && c.end <= p.hi {
			c.lo, c.hi, c.marks = p.lo, p.hi, p.marks
			return
		}
	}
	c.lo, c.hi = ps.bounds(text, c.span)
	buf := &ps.marks
	from := len(*buf)
	s := text[c.lo:c.hi]
	for _, mark := range []byte{':', ';'} {
		for i := 0; ; {
			j := bytes.IndexByte(s[i:], mark)
			if j < 0 {
				break
			}
			*buf = append(*buf, c.lo+int32(i+j))
			i += j + 1
		}
	}
	c.marks = (*buf)[from:len(*buf):len(*buf)]
	slices.Sort(c.marks)
}

// agendaItem reports whether the term at text[start:end] is one of a few
// named agenda items. c is the last agenda cue before it, learned, in the
// same sentence (only the last cue before a term can be), and openers are
// the list openers found in text, in order of their ends. text is a
// case-kept form: c or cd.
func agendaItem(text []byte, start, end int, c *cue, openers []span) bool {
	hi := int(c.hi)
	colon, semicolon, next := -1, false, -1 // the last colon before the term; a ; between cue and term; the first ; after it
	for _, m := range c.marks {
		switch {
		case int(m) < start && text[m] == ':':
			colon = int(m)
		case int(m) < start && int(m) >= int(c.end):
			semicolon = true
		case int(m) >= end && text[m] == ';' && next < 0:
			next = int(m)
		}
	}
	if colon < 0 {
		// Without a colon, semicolons end clauses, and the cue must be in
		// the term's clause.
		if semicolon {
			return false
		}
		if next >= 0 {
			hi = next
		}
	}
	from := int(c.end) // where the list starts
	opened := false    // a list opener or a colon starts the list
	j := spansBefore(openers, start)
	if j > 0 && int(openers[j-1].start) >= from {
		from, opened = int(openers[j-1].end), true
	}
	if colon >= from {
		from, opened = colon+1, true
	}
	if int(c.from) != from || int(c.to) != hi {
		c.from, c.to, c.items = int32(from), int32(hi), int32(listItems(text[from:hi], opened))
	}
	return c.items >= 2 && c.items <= MaxAgendaItems
}

// listItems counts the items of the list in s: semicolons separate them
// if there are any, else commas followed by a space (not the decimal comma
// of 6,16), and a conjunction after the last comma joins one more ("a, b
// và c"). Without a comma, "a và b" is a list only where opened says
// something announced one ("hợp tác về a và b"); else it is a clause.
func listItems(s []byte, opened bool) int {
	if n := bytes.Count(s, []byte{';'}); n > 0 {
		return n + 1
	}
	n, last := 1, 0 // items, and where the last one starts
	for i := 0; ; {
		j := bytes.IndexByte(s[i:], ',')
		if j < 0 {
			break
		}
		if k := i + j; k+1 < len(s) && s[k+1] == ' ' {
			n, last = n+1, k+2
		}
		i += j + 1
	}
	if n == 1 && !opened {
		return 1
	}
	for tail := s[last:]; ; {
		i := bytes.IndexByte(tail, ' ')
		if i < 0 {
			return n
		}
		tail = tail[i+1:]
		if startsConjunction(tail) {
			return n + 1
		}
	}
}

// startsConjunction reports whether s starts with a word that joins the
// last item of a list: "và", "hoặc", "and", "or".
func startsConjunction(s []byte) bool {
	for _, and := range [...]string{"và ", "hoặc ", "and ", "or "} {
		if len(s) >= len(and) && string(s[:len(and)]) == and {
			return true
		}
	}
	return false
}

// partSentences is what is known of the sentences of the part being
// collected: where they end, found on first need, and the marks of the
// sentences of its cues.
type partSentences struct {
	known bool
	ends  []int32 // the full stops, ! and ? followed by a space or the end
	marks []int32
}

// reset forgets the sentences of the last part.
func (ps *partSentences) reset() {
	ps.known, ps.ends, ps.marks = false, ps.ends[:0], ps.marks[:0]
}

// bounds returns the sentence that holds sp: from after the last sentence
// end before it, to the first at or after its end, each within
// maxSentenceBytes.
func (ps *partSentences) bounds(text []byte, sp span) (lo, hi int32) {
	if !ps.known {
		ps.known = true
		for _, mark := range []byte{'.', '!', '?'} {
			for i := 0; ; {
				j := bytes.IndexByte(text[i:], mark)
				if j < 0 {
					break
				}
				if k := i + j; k+1 == len(text) || text[k+1] == ' ' {
					ps.ends = append(ps.ends, int32(k))
				}
				i += j + 1
			}
		}
		slices.Sort(ps.ends)
	}
	i, _ := slices.BinarySearch(ps.ends, sp.start)
	lo, hi = max(0, sp.start-maxSentenceBytes), min(int32(len(text)), sp.end+maxSentenceBytes)
	if i > 0 {
		lo = max(lo, ps.ends[i-1]+2)
	}
	if j, _ := slices.BinarySearch(ps.ends, sp.end); j < len(ps.ends) {
		hi = min(hi, ps.ends[j])
	}
	return lo, hi
}
