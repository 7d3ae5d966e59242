package tag

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// forms is one text in the normalized forms the matcher works on. Its
// buffers are reused from one text to the next.
//
// c and f are aligned byte for byte, and so are cd and d: case folding
// never changes a rune's length in UTF-8, so a match found in f at [i, j)
// is at [i, j) in c too.
type forms struct {
	c  []byte // normalized, case kept: what regexes see
	f  []byte // c case-folded: what keywords match
	cd []byte // c without diacritics, case kept
	d  []byte // cd case-folded: what keywords of fold_diacritics tags match

	src []byte // the text with HTML removed
	nfc []byte // src composed, when it was not composed already
}

// build normalizes s into fm. markup says whether s is HTML; diacritics
// whether cd and d are wanted.
func (fm *forms) build(s string, markup, diacritics bool) {
	if markup && (strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, '&') >= 0) {
		fm.src = stripHTML(fm.src[:0], s)
	} else {
		fm.src = append(fm.src[:0], s...)
	}
	if !fm.normalize(fm.src, false) {
		fm.nfc = norm.NFC.Append(fm.nfc[:0], fm.src...)
		fm.normalize(fm.nfc, true)
	}
	if diacritics {
		fm.cd, fm.d = stripMarks(fm.cd[:0], fm.d[:0], fm.c)
	}
}

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
func (fm *forms) normalize(src []byte, composed bool) bool {
	c, f := fm.c[:cap(fm.c)], fm.f[:cap(fm.f)]
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
		if n+utf8.UTFMax+1 > len(c) {
			c = append(c[:n], make([]byte, len(src)-i+2*utf8.UTFMax)...)
			c = c[:cap(c)]
			f = append(f[:n], make([]byte, len(c)-n)...)
		}
		if b := src[i]; b < utf8.RuneSelf {
			i++
			fl := asciiFlags[b]
			if fl&flagSpace != 0 {
				if toned {
					n, toned = moveTone(c, f, n), false
				}
				space, word = n > 0, false
				continue
			}
			if toned && fl&flagWord == 0 {
				n = moveTone(c, f, n)
			}
			toned = false
			if space {
				c[n], f[n] = ' ', ' '
				n++
				space = false
			}
			if fl&flagWord != 0 && n > 0 && hyphen == n-1 {
				f[hyphen] = ' '
			}
			hyphen = -1
			if b == '-' && word {
				hyphen = n
			}
			word = fl&flagWord != 0
			c[n], f[n] = b, asciiFold[b]
			n++
			continue
		}
		r, size := decodeRune(src[i:])
		if r == 'Ð' {
			r = 'Đ' // Vietnamese text converted from legacy encodings uses the Icelandic eth
		}
		var ri runeInfo
		if r < tableSize {
			ri = runeTable[r]
		} else {
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
			n++
			space = false
		}
		if ri.flags&flagWord != 0 && n > 0 && hyphen == n-1 {
			f[hyphen] = ' '
		}
		hyphen = -1
		word = ri.flags&flagWord != 0
		n += copyRune(c[n:], f[n:], r, ri.fold)
	}
	if toned {
		n = moveTone(c, f, n)
	}
	fm.c, fm.f = c[:n], f[:n]
	return true
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

// stripMarks writes c without diacritics to cd, and case-folded to d,
// where as in f a hyphen between word runes reads as a space.
func stripMarks(cd, d, c []byte) ([]byte, []byte) {
	for i := 0; i < len(c); {
		if b := c[i]; b < utf8.RuneSelf {
			fold := asciiFold[b]
			if b == '-' && wordBefore(c[:i]) && wordAt(c[i+1:]) {
				fold = ' '
			}
			cd, d = append(cd, b), append(d, fold)
			i++
			continue
		}
		r, size := decodeRune(c[i:])
		i += size
		if s := info(r).strip; s >= 0 {
			cd, d = utf8.AppendRune(cd, s), utf8.AppendRune(d, info(s).fold)
		}
	}
	return cd, d
}
