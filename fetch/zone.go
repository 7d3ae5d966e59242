package fetch

import "bytes"

// gmt is how a date in a feed commonly ends when it is in UTC.
var gmt = []byte(" GMT</")

// dateEnds are the closing tags of the elements whose " GMT" utcOffsets
// rewrites: dates, never text.
var dateEnds = [][]byte{[]byte("pubDate>"), []byte("lastBuildDate>"), []byte("dc:date>"),
	[]byte("dcterms:modified>"), []byte("dcterms:created>"), []byte("updated>"), []byte("published>")}

// utcOffsets rewrites the zone of the dates that end in " GMT" to
// " +0000", which says the same: "Mon, 02 Jan 2006 15:04:05 GMT" becomes
// "Mon, 02 Jan 2006 15:04:05 +0000". gofeed tries about 130 layouts with
// numeric offsets before it tries named zones, so a date in GMT, the most
// common form in RSS, costs it 20 µs; with the offset it parses at the
// first or fourth layout. Only a date's closing tag right after the zone,
// with a time of day before it, is rewritten; text is left as it is.
func utcOffsets(doc []byte) []byte {
	i := bytes.Index(doc, gmt)
	if i < 0 {
		return doc
	}
	out := make([]byte, 0, len(doc)+len(doc)/64)
	for i >= 0 {
		end := i + len(gmt)
		if endsTime(doc[:i]) && isDateEnd(doc[end:]) {
			out = append(out, doc[:i]...)
			out = append(out, " +0000</"...)
		} else {
			out = append(out, doc[:end]...)
		}
		doc = doc[end:]
		i = bytes.Index(doc, gmt)
	}
	return append(out, doc...)
}

// endsTime reports whether b ends with a time of day: hh:mm or hh:mm:ss.
func endsTime(b []byte) bool {
	digits := func(s []byte) bool {
		return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
	}
	n := len(b)
	if n >= 8 && b[n-3] == ':' && b[n-6] == ':' && digits(b[n-2:]) && digits(b[n-5:n-3]) && digits(b[n-8:n-6]) {
		return true
	}
	return n >= 5 && b[n-3] == ':' && digits(b[n-2:]) && digits(b[n-5:n-3])
}

// isDateEnd reports whether b starts with the rest of a date element's
// closing tag.
func isDateEnd(b []byte) bool {
	for _, e := range dateEnds {
		if bytes.HasPrefix(b, e) {
			return true
		}
	}
	return false
}
