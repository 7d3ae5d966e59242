package tag

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese writes the tone of an open syllable ending in oa, oe or uy on
// either vowel: the older style puts it on the first (hòa, hòe, thủy), the
// newer on the second (hoà, hoè, thuỷ). Text and terms are normalized to
// the older style, the one most Vietnamese news sites use. Syllables with
// a final consonant (hoàn, khuyến) and those starting with qu (quý) are
// written one way only and left as they are.

// toneMarks are the five Vietnamese tone marks as combining characters:
// grave, acute, tilde, hook above and dot below.
var toneMarks = [...]rune{0x300, 0x301, 0x303, 0x309, 0x323}

// toned is a vowel of a movable pair with its tone taken apart.
type toned struct {
	base rune // o, a, e, u or y, in its case
	tone int  // 1 + index into toneMarks; 0 for none
}

// toneTables maps the vowels of oa, oe and uy, with and without a tone,
// to their parts and back. Computed once, never changed.
var toneSplit, toneJoin = buildToneTables()

func buildToneTables() (map[rune]toned, map[toned]rune) {
	split := make(map[rune]toned)
	join := make(map[toned]rune)
	for _, base := range "oaeuyOAEUY" {
		split[base] = toned{base: base}
		join[toned{base: base}] = base
		for i, mark := range toneMarks {
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(string([]rune{base, mark})))
			split[r] = toned{base: base, tone: i + 1}
			join[toned{base: base, tone: i + 1}] = r
		}
	}
	return split, join
}

// toneFlags returns flagToneHead when r can be the first vowel of a
// movable pair (o or u, with or without a tone) and flagToneTail when it
// can be the second (a, e or y).
func toneFlags(r rune) uint8 {
	t, ok := toneSplit[r]
	if !ok {
		return 0
	}
	switch unicode.ToLower(t.base) {
	case 'o', 'u':
		return flagToneHead
	}
	return flagToneTail
}

// movedTone returns the pair (r1, r2) that ends a word with the tone moved
// onto the first vowel, and whether it moved. before is the rune before r1
// and n the number of runes in the word.
func movedTone(before, r1, r2 rune, n int) (rune, rune, bool) {
	v1, ok1 := toneSplit[r1]
	v2, ok2 := toneSplit[r2]
	if !ok1 || !ok2 || v1.tone != 0 || v2.tone == 0 {
		return r1, r2, false
	}
	switch [2]rune{unicode.ToLower(v1.base), unicode.ToLower(v2.base)} {
	case [2]rune{'o', 'a'}, [2]rune{'o', 'e'}, [2]rune{'u', 'y'}:
	default:
		return r1, r2, false
	}
	if n > 2 {
		if info(before).flags&flagVowel != 0 {
			return r1, r2, false // three vowels: not a pair with a movable tone
		}
		if (before == 'q' || before == 'Q') && (v1.base == 'u' || v1.base == 'U') {
			return r1, r2, false // qu is a consonant: quý keeps its tone
		}
	}
	return toneJoin[toned{base: v1.base, tone: v2.tone}], v2.base, true
}
