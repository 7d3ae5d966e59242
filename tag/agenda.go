package tag

import (
	"bytes"
	"sort"
)

// An item belongs to a topic that is one of a few named agenda items of a
// meeting or an agreement ("the two sides agreed to cooperate in five
// areas: semiconductors; energy; …"), even when it is named only once. The
// engine recognises such a list by its shape, not by its words: a sentence
// with an agenda cue ("hợp tác", "thảo luận", "cooperation", "talks"), and
// after the cue a list of two to MaxAgendaItems items in which the term is
// one. Items are separated by semicolons if the list has any, else by
// commas followed by a space and a last "và" or "and"; the list starts after the cue, or after the
// last ":" or list opener ("như", "về", "gồm", "such as", "including")
// between the cue and the term, and runs to the end of the sentence. A
// longer list names a sector in passing, which does not count.

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

// maxSentenceBytes bounds how far a sentence is looked for around a hit.
const maxSentenceBytes = 1000

// agendaItem reports whether the term at text[start:end] is one of a few
// named agenda items. cues and openers are the spans found in text, in
// order of their ends. text is a case-kept form: c or cd.
func agendaItem(text []byte, start, end int, cues, openers []span) bool {
	lo, hi := sentenceStart(text, start), sentenceEnd(text, end)
	colon := bytes.LastIndexByte(text[lo:start], ':')
	if colon >= 0 {
		colon += lo
	} else {
		// Without a colon, semicolons end clauses, and the list is in
		// the term's clause.
		lo += bytes.LastIndexByte(text[lo:start], ';') + 1
		if k := bytes.IndexByte(text[end:hi], ';'); k >= 0 {
			hi = end + k
		}
	}
	from := -1 // where the list starts
	// The last cue that ends before the term, in its sentence.
	i := sort.Search(len(cues), func(i int) bool { return int(cues[i].end) > start })
	for j := i - 1; j >= 0; j-- {
		if int(cues[j].start) >= lo {
			from = int(cues[j].end)
			break
		}
		if int(cues[j].end) <= lo {
			break
		}
	}
	if from < 0 {
		return false
	}
	opened := false // a list opener or a colon starts the list
	i = sort.Search(len(openers), func(i int) bool { return int(openers[i].end) > start })
	if i > 0 && int(openers[i-1].start) >= from {
		from, opened = int(openers[i-1].end), true
	}
	if colon >= from {
		from, opened = colon+1, true
	}
	items := listItems(text[from:hi], opened)
	return items >= 2 && items <= MaxAgendaItems
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
	n := bytes.Count(s, []byte(", ")) + 1
	if n == 1 && !opened {
		return 1
	}
	last := s[bytes.LastIndex(s, []byte(", "))+1:]
	for _, and := range conjunctions {
		if bytes.Contains(last, []byte(and)) {
			return n + 1
		}
	}
	return n
}

// conjunctions join the last item of a list.
var conjunctions = []string{" và ", " hoặc ", " and ", " or "}

// sentenceStart returns where the sentence that holds text[i] starts: after
// the last ., ! or ? followed by a space before i, within maxSentenceBytes.
func sentenceStart(text []byte, i int) int {
	lo := max(0, i-maxSentenceBytes)
	for j := i - 1; j > lo; j-- {
		if text[j] == ' ' && endsSentence(text[j-1]) {
			return j + 1
		}
	}
	return lo
}

// sentenceEnd returns where the sentence that holds text[i-1] ends.
func sentenceEnd(text []byte, i int) int {
	hi := min(len(text), i+maxSentenceBytes)
	for j := i; j < hi; j++ {
		if endsSentence(text[j]) && (j+1 == len(text) || text[j+1] == ' ') {
			return j
		}
	}
	return hi
}

func endsSentence(b byte) bool { return b == '.' || b == '!' || b == '?' }
