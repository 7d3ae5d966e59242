package story

import (
	"hash/maphash"
	"iter"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readWords is how many words of an item (title included) are read.
const readWords = 400

// readBytes is how much of an item's body is normalized: more than
// readWords words of any language.
const readBytes = 8 << 10

// leadWords is how many words, after the title, may name the day a report
// is about.
const leadWords = 60

// features is what grouping reads of an item: its terms with their
// weights by use, and the day its lead names.
type features struct {
	terms []uint32  // hashes of words and word pairs, sorted, distinct
	tf    []float32 // 1 + ln(uses), for each term
	lead  termSet   // which of the terms the title and lead use
	day   day       // the day the lead names; zero if none
}

// termSet marks some of an item's terms, by their index in its terms:
// a bit each, where a copy of the terms would take 32.
type termSet []uint64

// newTermSet returns an empty set for n terms.
func newTermSet(n int) termSet { return make(termSet, (n+63)/64) }

func (s termSet) add(i int)      { s[i/64] |= 1 << (i % 64) }
func (s termSet) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }

// leadTerms yields the terms that lead marks, in order.
func leadTerms(terms []uint32, lead termSet) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		for i, t := range terms {
			if lead.has(i) && !yield(t) {
				return
			}
		}
	}
}

// day is a calendar day as a lead writes it: day and month, and the year
// when it is given.
type day struct {
	year, month, d int
}

// extract reads the features of an item from its title and body, both
// normalized as the tagger reads them. uses is scratch space for each use
// of a term, in the order of the text: the term's hash shifted left by
// one, with the low bit set for a use in the title or lead. Sorting the
// uses counts them, more cheaply than the map of counts that did it
// before (BenchmarkPlaceEvicting: 33-35 against 29-30 us an item), and a
// term is in the lead when any of its uses is.
func extract(seed maphash.Seed, title, body string, uses *[]uint64) features {
	words := tokenize(title, readWords)
	titleLen := len(words)
	words = append(words, tokenize(body, readWords-titleLen)...)
	f := features{day: leadDay(words, titleLen+leadWords)}
	all := (*uses)[:0]
	use := func(term uint64, inLead uint64) {
		all = append(all, uint64(uint32(term))<<1|inLead)
	}
	inLead := uint64(1)
	var prev uint64
	var prevStop bool
	for i, w := range words {
		if i == titleLen+leadWords {
			inLead = 0
		}
		lw := strings.ToLower(w)
		h, stop := maphash.String(seed, lw), stopword(lw)
		if !stop {
			use(h, inLead)
		}
		if i > 0 && !(prevStop && stop) {
			use(pair(prev, h), inLead)
		}
		prev, prevStop = h, stop
	}
	*uses = all
	slices.Sort(all)
	distinct := 0
	for i := range all {
		if i == 0 || all[i]>>1 != all[i-1]>>1 {
			distinct++
		}
	}
	f.terms = make([]uint32, 0, distinct)
	f.tf = make([]float32, 0, distinct)
	f.lead = newTermSet(distinct)
	for i := 0; i < len(all); {
		term, lead := all[i]>>1, false
		j := i
		for ; j < len(all) && all[j]>>1 == term; j++ {
			lead = lead || all[j]&1 == 1
		}
		if lead {
			f.lead.add(len(f.terms))
		}
		f.terms = append(f.terms, uint32(term))
		f.tf = append(f.tf, float32(1+logCount(int32(j-i))))
		i = j
	}
	return f
}

// pair returns the hash of a word pair from its words' hashes: a
// multiplicative mix of the first, rotated so that "a b" and "b a" differ,
// and the second. It hashes each word once, where hashing the pair's
// text took a string built for each word (BenchmarkPlaceEvicting:
// 23-24 against 25-26 us an item).
func pair(first, second uint64) uint64 {
	return (bits.RotateLeft64(first, 23) ^ second) * 0x9e3779b97f4a7c15 >> 32
}

// tokenize splits text into at most limit words: runs of letters and
// digits, where a number keeps the marks inside it ("21/6", "2,544",
// "10.6.2017", "7-5").
func tokenize(text string, limit int) []string {
	var words []string
	start := -1
	for i := 0; i <= len(text) && len(words) < limit; {
		r, size := rune(0), 1
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if !inWord && start >= 0 && strings.ContainsRune("/.,-", r) && isDigitAt(text, i-1) && isDigitAt(text, i+size) {
			inWord = true
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			words = append(words, text[start:i])
			start = -1
		}
		i += size
	}
	return words
}

// isDigitAt reports whether text has an ASCII digit at byte i.
func isDigitAt(text string, i int) bool {
	return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9'
}

// leadDay returns the first day named in the first n words: d/m, d-m or
// d.m, with an optional year after it (21/6, 7-5, 11.6.2017).
func leadDay(words []string, n int) day {
	for _, w := range words[:min(n, len(words))] {
		if w[0] < '0' || w[0] > '9' {
			continue // the cheap test first: a day starts with a digit
		}
		if d, ok := parseDay(w); ok {
			return d
		}
	}
	return day{}
}

// parseDay reads one word as a day.
func parseDay(w string) (day, bool) {
	sep := strings.IndexAny(w, "/.-")
	if sep < 1 || sep > 2 {
		return day{}, false
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) < 2 || len(parts) > 3 || strings.Count(w, w[sep:sep+1]) != len(parts)-1 {
		return day{}, false
	}
	var nums [3]int
	for i, p := range parts {
		n, ok := number(p)
		if !ok {
			return day{}, false
		}
		nums[i] = n
	}
	d := day{d: nums[0], month: nums[1]}
	if len(parts) == 3 {
		if len(parts[2]) != 4 {
			return day{}, false
		}
		d.year = nums[2]
	}
	if len(parts[1]) > 2 || d.d < 1 || d.d > 31 || d.month < 1 || d.month > 12 {
		return day{}, false
	}
	return d, true
}

// number reads a run of ASCII digits.
func number(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// differs reports whether two leads name different days. A lead that
// names none, or a year on one side only, differs in nothing it does not
// say.
func (a day) differs(b day) bool {
	if a.d == 0 || b.d == 0 {
		return false
	}
	if a.year != 0 && b.year != 0 && a.year != b.year {
		return true
	}
	return a.d != b.d || a.month != b.month
}
