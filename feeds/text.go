package feeds

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// xmlText returns s as valid UTF-8 holding only characters XML 1.0 allows:
// control characters other than tab, newline and carriage return, lone
// surrogates and the non-characters U+FFFE and U+FFFF are dropped.
func xmlText(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, notXMLChar) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if notXMLChar(r) {
			return -1
		}
		return r
	}, s)
}

func notXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20:
		return true
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return false
}

// plainText returns the text of an HTML fragment, its whitespace collapsed,
// cut to at most max runes, at a word end where it can, with an ellipsis.
func plainText(fragment string, max int) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return cut(strings.Join(strings.Fields(b.String()), " "), max)
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

func cut(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := string([]rune(s)[:max])
	if i := strings.LastIndexByte(r, ' '); i > len(r)/2 {
		r = r[:i] // end on a whole word
	}
	return strings.TrimRight(r, " ,.;:") + "…"
}
