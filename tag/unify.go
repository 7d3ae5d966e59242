package tag

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ASCII's flags and case folding, apart from runeTable for speed.
var asciiFlags, asciiFold = buildASCII()

func buildASCII() (flags, fold [utf8.RuneSelf]byte) {
	for b := range utf8.RuneSelf {
		flags[b], fold[b] = runeTable[b].flags, byte(runeTable[b].fold)
	}
	return flags, fold
}

// normalize writes src to c and f, unifying white space and tone placement
// and folding case in f. Unless composed is set, it stops and returns
// false at the first rune that NFC might change.
//
// Output is never longer than input but for invalid UTF-8, whose every
// byte becomes U+FFFD (three bytes), so c and f only grow there.
func (fm *forms) normalize(src []byte, composed bool) bool {
	c, f := room(fm.c[:0], len(src)), room(fm.f[:0], len(src))
	n := 0         // bytes written to c and f
	space := false // a run of white space is waiting to be written
	// toned says the last rune written is a, e or y with a tone mark, so
	// the word may end in a pair whose tone moves.
	toned := false
	// word says the last rune written is a word rune; hyphen is where a -
	// that follows a word rune was written, if it was the last, else -1.
	// A hyphen between two word runes reads as a space in f.
	word, hyphen := false, -1
	for i := 0; i < len(src); {
		b := src[i]
		if b < utf8.RuneSelf {
			fl := asciiFlags[b]
			if fl&flagSpace != 0 {
				if toned {
					n, toned = moveTone(c, f, n), false
				}
				space, word = n > 0, false
				i++
				continue
			}
			if toned && fl&flagWord == 0 {
				n = moveTone(c, f, n)
			}
			toned = false
			if space {
				c[n], f[n] = ' ', ' '
				n, space = n+1, false
			}
			if fl&flagWord == 0 {
				hyphen = -1
				if b == '-' && word {
					hyphen = n
				}
				c[n], f[n] = b, b
				n, i, word = n+1, i+1, false
				continue
			}
			if n > 0 && hyphen == n-1 {
				f[hyphen] = ' '
			}
			hyphen, word = -1, true
			for { // a run of ASCII letters and digits
				c[n], f[n] = b, asciiFold[b]
				n, i = n+1, i+1
				if i == len(src) {
					break
				}
				if b = src[i]; b >= utf8.RuneSelf || asciiFlags[b]&flagWord == 0 {
					break
				}
			}
			continue
		}
		var r rune
		var size int
		switch { // decodeRune, inlined for the two- and three-byte letters of Vietnamese
		case b >= 0xc2 && b < 0xe0 && i+1 < len(src) && src[i+1]&0xc0 == 0x80:
			r, size = rune(b&0x1f)<<6|rune(src[i+1]&0x3f), 2
		case b >= 0xe1 && b < 0xed && i+2 < len(src) && src[i+1]&0xc0 == 0x80 && src[i+2]&0xc0 == 0x80:
			r, size = rune(b&0x0f)<<12|rune(src[i+1]&0x3f)<<6|rune(src[i+2]&0x3f), 3
		default:
			r, size = utf8.DecodeRune(src[i:])
		}
		var ri runeInfo
		switch {
		case r < tableSize:
			if r == 'Ð' {
				r = 'Đ' // Vietnamese text converted from legacy encodings uses the Icelandic eth
			}
			ri = runeTable[r]
		case r == utf8.RuneError && size == 1:
			ri = computeInfo(r) // invalid UTF-8: U+FFFD, longer than the byte it replaces
			c, f = room(c[:n], len(src)-i+2), room(f[:n], len(src)-i+2)
		default:
			ri = computeInfo(r)
			if needsNFC(src[i : i+size]) {
				ri.flags |= flagNFC
			}
		}
		if !composed && ri.flags&flagNFC != 0 {
			return false
		}
		i += size
		if ri.flags&(flagSpace|flagDrop) != 0 {
			if ri.flags&flagSpace != 0 {
				if toned {
					n, toned = moveTone(c, f, n), false
				}
				space, word = n > 0, false
			}
			continue
		}
		if toned && ri.flags&flagWord == 0 {
			n = moveTone(c, f, n)
		}
		toned = ri.flags&flagToneTail != 0
		if space {
			c[n], f[n] = ' ', ' '
			n, space = n+1, false
		}
		if ri.flags&flagWord != 0 && n > 0 && hyphen == n-1 {
			f[hyphen] = ' '
		}
		hyphen, word = -1, ri.flags&flagWord != 0
		if !word {
			// Punctuation and symbols beyond ASCII become symbolByte in f,
			// so that every byte of f beyond ASCII belongs to a word.
			k := utf8.EncodeRune(c[n:], r)
			for j := n; j < n+k; j++ {
				f[j] = symbolByte
			}
			n += k
			continue
		}
		switch fold := ri.fold; {
		case r < 0x800: // copyRune, inlined for two-byte runes
			c[n], c[n+1] = byte(0xc0|r>>6), byte(0x80|r&0x3f)
			f[n], f[n+1] = byte(0xc0|fold>>6), byte(0x80|fold&0x3f)
			n += 2
		case r >= 0x1e00 && r < 0x1f00: // and for Latin Extended Additional
			c[n], c[n+1], c[n+2] = 0xe1, byte(0x80|r>>6&0x3f), byte(0x80|r&0x3f)
			f[n], f[n+1], f[n+2] = 0xe1, byte(0x80|fold>>6&0x3f), byte(0x80|fold&0x3f)
			n += 3
		default:
			n += copyRune(c[n:], f[n:], r, fold)
		}
	}
	if toned {
		n = moveTone(c, f, n)
	}
	fm.c, fm.f = c[:n], f[:n]
	return true
}

// symbolByte stands in f and d for each byte of punctuation and symbols
// beyond ASCII (“ ” – … €). It is a control character, which the
// normalized text has no other way to contain.
const symbolByte = 0x1f

// room returns buf extended to hold at least n more bytes, as its length.
func room(buf []byte, n int) []byte {
	need := len(buf) + n + 2*utf8.UTFMax
	if cap(buf) < need {
		buf = append(buf[:cap(buf)], make([]byte, need-cap(buf))...)
	}
	return buf[:cap(buf)]
}

// copyRune writes r to c and its case fold, of the same length, to f, and
// returns the length.
func copyRune(c, f []byte, r, fold rune) int {
	if r < utf8.RuneSelf {
		c[0], f[0] = byte(r), byte(fold)
		return 1
	}
	if r < 0x800 {
		c[0], c[1] = byte(0xc0|r>>6), byte(0x80|r&0x3f)
		f[0], f[1] = byte(0xc0|fold>>6), byte(0x80|fold&0x3f)
		return 2
	}
	if r < 0x10000 && (r < 0xd800 || r > 0xdfff) {
		c[0], c[1], c[2] = byte(0xe0|r>>12), byte(0x80|r>>6&0x3f), byte(0x80|r&0x3f)
		f[0], f[1], f[2] = byte(0xe0|fold>>12), byte(0x80|fold>>6&0x3f), byte(0x80|fold&0x3f)
		return 3
	}
	utf8.EncodeRune(f, fold)
	return utf8.EncodeRune(c, r)
}

// needsNFC reports whether the rune r, beyond the table, might change
// under NFC: it combines with what comes before, or is not allowed in NFC.
func needsNFC(r []byte) bool {
	p := norm.NFC.Properties(r)
	return !p.BoundaryBefore() || p.Decomposition() != nil && !norm.NFC.IsNormal(r)
}

// moveTone looks at the word that ends c[:n], whose last rune is a, e or y
// with a tone mark. If the word ends in oa, oe or uy with the tone on the
// second vowel, the tone moves to the first, in c and in f; the new end is
// returned. Diacritic-free forms carry no tone and need no change.
func moveTone(c, f []byte, n int) int {
	r2, n2 := utf8.DecodeLastRune(c[:n])
	r1, n1 := utf8.DecodeLastRune(c[:n-n2])
	if info(r1).flags&flagToneHead == 0 {
		return n
	}
	at := n - n2 - n1
	r0, _ := utf8.DecodeLastRune(c[:at])
	runes := 2
	if at > 0 && isWordRune(r0) {
		runes = 3 // or more
	}
	r1, r2, moved := movedTone(r0, r1, r2, runes)
	if !moved {
		return n
	}
	at += copyRune(c[at:], f[at:], r1, info(r1).fold)
	return at + copyRune(c[at:], f[at:], r2, info(r2).fold)
}
