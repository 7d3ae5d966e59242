package fetch

import (
	"bytes"
	"regexp"
)

var (
	utf8BOM = []byte{0xEF, 0xBB, 0xBF}
	// xmlProlog finds an XML declaration (not an xml-stylesheet).
	xmlProlog = regexp.MustCompile(`<\?xml\s`)
	// rootStarts are how the root element of an XML feed begins.
	rootStarts = [][]byte{[]byte("<rss"), []byte("<feed"), []byte("<rdf:RDF"), []byte("<RDF")}
)

// prepare turns a fetched document into what the feed parsers accept:
// UTF-8 without a byte-order mark, starting at the XML prolog or root
// element. Real servers put junk first, such as a PHP warning or a
// browser's "This XML file does not appear to have any style information".
// warning is set when no reading of the bytes was plausible.
func prepare(doc []byte, contentType string) (out []byte, warning string, err error) {
	// Junk before the prolog would hide its encoding declaration; a
	// UTF-16 document's junk goes once it is decoded.
	doc = trimJunk(bytes.TrimPrefix(doc, utf8BOM))
	doc, warning, err = toUTF8(doc, contentType)
	if err != nil {
		return nil, "", err
	}
	return trimJunk(bytes.TrimPrefix(doc, utf8BOM)), warning, nil
}

// junkWindow is how far into a document trimJunk looks for its start.
const junkWindow = 64 << 10

// trimJunk drops what comes before the start of an XML feed: when the
// document does not begin with an XML declaration, a comment, a doctype or
// a feed's root element, it starts at the first of those within reach.
func trimJunk(doc []byte) []byte {
	doc = bytes.TrimLeft(doc, " \t\r\n")
	if len(doc) == 0 || doc[0] == '{' || startsWell(doc) {
		return doc
	}
	window := doc[:min(len(doc), junkWindow)]
	if loc := xmlProlog.FindIndex(window); loc != nil {
		return doc[loc[0]:]
	}
	first := -1
	for _, start := range rootStarts {
		if i := bytes.Index(window, start); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return doc
	}
	return doc[first:]
}

// startsWell reports whether doc begins the way an XML feed may.
func startsWell(doc []byte) bool {
	for _, start := range rootStarts {
		if bytes.HasPrefix(doc, start) {
			return true
		}
	}
	for _, start := range []string{"<?xml", "<!--", "<!DOCTYPE", "<!doctype"} {
		if bytes.HasPrefix(doc, []byte(start)) {
			return true
		}
	}
	return false
}
