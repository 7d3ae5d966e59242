package tag

import (
	"html"
	"strings"
	"unicode/utf8"
)

// markup marks the bytes that may start markup: < and &.
var markup = [256]bool{'<': true, '&': true}

// stripHTML appends s to dst with its HTML tags and comments removed, the
// contents of script and style elements dropped, and character references
// decoded. A tag that sets text apart (p, br, div, li, td, img, …) becomes
// a space; an inline one (b, i, a, span, …) vanishes, so bán <b>dẫn</b> and
// chip<i>s</i> read as bán dẫn and chips. A < or & that starts no tag or
// reference is kept as text. A tag ends at the first >: the HTML tagfeed
// stores is sanitized, with > in attribute values escaped. The time taken
// grows with the length of s, whatever markup it holds.
func stripHTML(dst []byte, s string) []byte {
	closed := true // a > follows: a < may start a tag
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && !markup[s[j]] {
			j++
		}
		dst = append(dst, s[i:j]...)
		if j == len(s) {
			break
		}
		var n int
		switch {
		case s[j] == '<' && closed:
			dst, n, closed = tag(dst, s[j:])
		case s[j] == '<':
			dst, n = append(dst, '<'), 1
		default:
			dst, n = reference(dst, s[j:])
		}
		i = j + n
	}
	return dst
}

// tag handles the markup at the start of s, which begins with <. It
// returns dst with what the markup reads as, how many bytes it took, and
// false if no > is left in s, so no later < can start a tag.
func tag(dst []byte, s string) ([]byte, int, bool) {
	if len(s) < 2 || !(s[1] == '!' || s[1] == '?' || s[1] == '/' || isASCIILetter(s[1])) {
		return append(dst, '<'), 1, true // not markup: "a < b"
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return append(dst, '<'), 1, false
	}
	switch {
	case strings.HasPrefix(s, "<!--"):
		end := strings.Index(s[4:], "-->")
		if end < 0 {
			return dst, len(s), true
		}
		return dst, 4 + end + 3, true
	case strings.HasPrefix(s, "<![CDATA["):
		body := s[9:]
		end := strings.Index(body, "]]>")
		if end < 0 {
			return append(dst, body...), len(s), true
		}
		return append(dst, body[:end]...), 9 + end + 3, true
	}
	name := tagName(s[1:end])
	if s[1] != '/' && (name == "script" || name == "style") {
		return append(dst, ' '), skipElement(s, end, name), true
	}
	if !inlineTags[name] {
		dst = append(dst, ' ')
	}
	return dst, end + 1, true
}

// tagName returns the lower-case element name of a tag's inside ("/b",
// "p class=x"); long or odd names come back as "".
func tagName(inside string) string {
	inside = strings.TrimPrefix(inside, "/")
	n := 0
	for n < len(inside) && (isASCIILetter(inside[n]) || inside[n] >= '0' && inside[n] <= '9') {
		n++
	}
	if n == 0 || n > 10 {
		return ""
	}
	name := inside[:n]
	for i := 0; i < n; i++ {
		if name[i] >= 'A' && name[i] <= 'Z' {
			return strings.ToLower(name) // rare: markup in capitals
		}
	}
	return name
}

// skipElement returns how many bytes of s the element whose start tag ends
// at end takes, up to and including its end tag, or all of s.
func skipElement(s string, end int, name string) int {
	for i := end + 1; i < len(s); i++ {
		if s[i] == '<' && i+2+len(name) <= len(s) && s[i+1] == '/' &&
			strings.EqualFold(s[i+2:i+2+len(name)], name) {
			if e := strings.IndexByte(s[i:], '>'); e >= 0 {
				return i + e + 1
			}
			return len(s)
		}
	}
	return len(s)
}

// inlineTags are the elements that do not set their text apart from the
// text around them.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true, "font": true,
	"i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true,
	"samp": true, "small": true, "span": true, "strike": true, "strong": true,
	"sub": true, "sup": true, "time": true, "tt": true, "u": true, "var": true,
	"wbr": true,
}

// reference decodes the character reference at the start of s, which
// begins with &, appending it to dst, and returns how many bytes it took.
// Something that is not a reference is kept as it is.
func reference(dst []byte, s string) ([]byte, int) {
	end := strings.IndexByte(s[:min(len(s), 40)], ';')
	if end < 2 {
		return append(dst, '&'), 1
	}
	ref := s[1:end]
	if ref[0] == '#' {
		if r, ok := numericReference(ref[1:]); ok {
			return utf8.AppendRune(dst, r), end + 1
		}
		return append(dst, '&'), 1
	}
	switch ref {
	case "amp":
		return append(dst, '&'), end + 1
	case "lt":
		return append(dst, '<'), end + 1
	case "gt":
		return append(dst, '>'), end + 1
	case "quot":
		return append(dst, '"'), end + 1
	case "apos":
		return append(dst, '\''), end + 1
	case "nbsp":
		return append(dst, "\u00a0"...), end + 1
	}
	for i := 0; i < len(ref); i++ {
		if !isASCIILetter(ref[i]) && (ref[i] < '0' || ref[i] > '9') {
			return append(dst, '&'), 1
		}
	}
	if dec := html.UnescapeString(s[:end+1]); dec != s[:end+1] {
		return append(dst, dec...), end + 1
	}
	return append(dst, '&'), 1
}

// numericReference decodes the digits of &#NNN; or &#xHHH;.
func numericReference(digits string) (rune, bool) {
	base := rune(10)
	if digits != "" && (digits[0] == 'x' || digits[0] == 'X') {
		base, digits = 16, digits[1:]
	}
	if digits == "" || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for i := 0; i < len(digits); i++ {
		c := rune(digits[i])
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case base == 16 && c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*base + d
	}
	if r == 0 || !utf8.ValidRune(r) {
		return utf8.RuneError, true
	}
	return r, true
}

func isASCIILetter(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z'
}
