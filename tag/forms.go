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

// stripMarks writes c without diacritics to cd, and case-folded to d,
// where as in f a hyphen between word runes reads as a space and
// punctuation beyond ASCII as symbolByte.
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
		switch ri := info(r); {
		case ri.flags&flagWord == 0:
			cd = utf8.AppendRune(cd, r)
			for range utf8.RuneLen(r) {
				d = append(d, symbolByte)
			}
		case ri.strip >= 0:
			cd, d = utf8.AppendRune(cd, ri.strip), utf8.AppendRune(d, info(ri.strip).fold)
		}
	}
	return cd, d
}
