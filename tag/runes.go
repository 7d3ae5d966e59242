package tag

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// What the normalizer needs to know about a rune, as bit flags.
const (
	flagWord     uint8 = 1 << iota // letter, digit or mark: part of a word
	flagMark                       // combining mark: dropped by diacritic folding
	flagSpace                      // white space, _ or a control: runs become one space
	flagDrop                       // invisible format character (soft hyphen, zero width): removed
	flagNFC                        // may change under NFC: the text needs composing
	flagVowel                      // a Vietnamese vowel letter, with or without marks
	flagToneHead                   // o or u, maybe with a tone: may start a pair whose tone moves
	flagToneTail                   // a, e or y, maybe with a tone: may end such a pair
)

// runeInfo is what the normalizer and the matcher need to know about a rune.
type runeInfo struct {
	fold  rune // simple lower case of the rune, or the rune itself when that would change its UTF-8 length
	strip rune // the rune without diacritics (đ → d), case kept; -1 when dropped
	flags uint8
}

// tableSize covers Latin, Greek, Cyrillic, the combining marks, Vietnamese
// (Latin Extended Additional) and general punctuation; other runes are
// looked up in the Unicode tables as they come.
const tableSize = 0x2100

// runeTable holds runeInfo for every rune below tableSize. It is computed
// once and never changed.
var runeTable = buildRuneTable()

func buildRuneTable() *[tableSize]runeInfo {
	var t [tableSize]runeInfo
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < tableSize; r++ {
		t[r] = computeInfo(r)
		n := utf8.EncodeRune(buf[:], r)
		if !norm.NFC.IsNormal(buf[:n]) || !norm.NFC.Properties(buf[:n]).BoundaryBefore() {
			t[r].flags |= flagNFC
		}
	}
	return &t
}

// info returns what is known about r.
func info(r rune) runeInfo {
	if uint32(r) < tableSize {
		return runeTable[r]
	}
	return computeInfo(r)
}

// computeInfo works out a rune's runeInfo from the Unicode tables.
func computeInfo(r rune) runeInfo {
	ri := runeInfo{fold: foldRune(r), strip: r}
	switch {
	case r == '_' || r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.IsSpace(r):
		ri.flags = flagSpace
	case unicode.Is(unicode.Cf, r):
		ri.flags = flagDrop
		ri.strip = -1
	case unicode.IsMark(r):
		ri.flags = flagWord | flagMark
		ri.strip = -1
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		ri.flags = flagWord
		ri.strip = stripRune(r)
		if isVietVowel(ri.strip) {
			ri.flags |= flagVowel | toneFlags(r)
		}
	}
	return ri
}

// foldRune returns the simple case fold of r (its lower case, after
// upper-casing so that ſ and ς fold with s and σ), unless that would change
// its length in UTF-8: the folded text must stay aligned byte for byte with
// the text it came from.
func foldRune(r rune) rune {
	f := unicode.ToLower(unicode.ToUpper(r))
	if f == r || utf8.RuneLen(f) != utf8.RuneLen(r) {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}
	return f
}

// stripRune returns r without its diacritics: the first rune of its
// canonical decomposition when the rest are combining marks. Letters with a
// stroke, which do not decompose, are mapped by hand.
func stripRune(r rune) rune {
	switch r {
	case 'đ', 'ð':
		return 'd'
	case 'Đ', 'Ð':
		return 'D'
	}
	d := norm.NFD.String(string(r))
	base, n := utf8.DecodeRuneInString(d)
	for _, m := range d[n:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return base
}

// isVietVowel reports whether the bare letter r is a Vietnamese vowel.
func isVietVowel(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isWordRune reports whether the rune is part of a word: a letter, digit or
// mark of any script.
func isWordRune(r rune) bool {
	return info(r).flags&flagWord != 0
}

// wordBefore reports whether the text ends in a word rune.
func wordBefore(text []byte) bool {
	if len(text) == 0 {
		return false
	}
	if b := text[len(text)-1]; b < utf8.RuneSelf {
		return runeTable[b].flags&flagWord != 0
	}
	r, _ := utf8.DecodeLastRune(text)
	return isWordRune(r)
}

// wordAt reports whether the text starts with a word rune.
func wordAt(text []byte) bool {
	if len(text) == 0 {
		return false
	}
	if b := text[0]; b < utf8.RuneSelf {
		return runeTable[b].flags&flagWord != 0
	}
	r, _ := utf8.DecodeRune(text)
	return isWordRune(r)
}

// decodeRune is utf8.DecodeRune, quicker for ASCII and for the two- and
// three-byte sequences of Latin and Vietnamese letters. Invalid UTF-8
// decodes as utf8.RuneError, one byte at a time.
func decodeRune(text []byte) (rune, int) {
	b := text[0]
	switch {
	case b < utf8.RuneSelf:
		return rune(b), 1
	case b >= 0xc2 && b < 0xe0 && len(text) > 1 && text[1]&0xc0 == 0x80:
		return rune(b&0x1f)<<6 | rune(text[1]&0x3f), 2
	case b >= 0xe1 && b < 0xed && len(text) > 2 && text[1]&0xc0 == 0x80 && text[2]&0xc0 == 0x80:
		return rune(b&0x0f)<<12 | rune(text[1]&0x3f)<<6 | rune(text[2]&0x3f), 3
	}
	return utf8.DecodeRune(text)
}
