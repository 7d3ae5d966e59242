package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// prologEncoding finds the encoding declaration of a leading XML prolog.
var prologEncoding = regexp.MustCompile(`^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*["']([^"']*)["']`)

// toUTF8 returns doc as UTF-8 with any encoding declaration taken out of its
// XML prolog, so that the XML parser does not decode it again.
//
// Bytes that are valid UTF-8 are taken as UTF-8 whatever the declarations
// say: servers and prologs often claim ISO-8859-1 for UTF-8 text, while real
// Latin-1 or windows-1258 text is almost never valid UTF-8. Otherwise the
// first declared encoding that is not UTF-8 is used: the HTTP charset, then
// the prolog's. Undeclared bytes that are mostly UTF-8 keep their good
// characters; the rest are read as windows-1252, as browsers do.
func toUTF8(doc []byte, contentType string) ([]byte, error) {
	if utf8.Valid(doc) {
		return dropDeclaredEncoding(doc), nil
	}
	enc, name := declaredEncoding(doc, contentType)
	if enc == nil {
		if mostlyUTF8(doc) {
			return dropDeclaredEncoding(bytes.ToValidUTF8(doc, []byte("\uFFFD"))), nil
		}
		enc, name = charmap.Windows1252, "windows-1252"
	}
	out, err := enc.NewDecoder().Bytes(doc)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return dropDeclaredEncoding(out), nil
}

// fromUTF16 decodes a document that starts with a UTF-16 byte-order mark;
// ok is false for any other document.
func fromUTF16(doc []byte) (out []byte, ok bool, err error) {
	if len(doc) < 2 || !(doc[0] == 0xFE && doc[1] == 0xFF || doc[0] == 0xFF && doc[1] == 0xFE) {
		return doc, false, nil
	}
	out, err = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(doc)
	if err != nil {
		return nil, true, fmt.Errorf("decode UTF-16: %w", err)
	}
	return out, true, nil
}

// declaredEncoding returns the first encoding other than UTF-8 that the
// Content-Type or the XML prolog names, or nil.
func declaredEncoding(doc []byte, contentType string) (encoding.Encoding, string) {
	var labels []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		labels = append(labels, params["charset"])
	}
	if m := prologEncoding.FindSubmatch(doc); m != nil {
		labels = append(labels, string(m[2]))
	}
	for _, label := range labels {
		enc, name := charset.Lookup(strings.TrimSpace(label))
		if enc != nil && name != "utf-8" {
			return enc, name
		}
	}
	return nil, ""
}

// mostlyUTF8 reports whether doc has more well-formed multi-byte UTF-8
// characters than stray bytes: UTF-8 text with a few bad bytes in it.
func mostlyUTF8(doc []byte) bool {
	good, bad := 0, 0
	for len(doc) > 0 {
		r, size := utf8.DecodeRune(doc)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			good++
		}
		doc = doc[size:]
	}
	return good > bad
}

// dropDeclaredEncoding removes the encoding declaration from a leading XML
// prolog; the document is UTF-8 now.
func dropDeclaredEncoding(doc []byte) []byte {
	if m := prologEncoding.FindSubmatchIndex(doc); m != nil {
		return append(doc[:m[3]:m[3]], doc[m[1]:]...)
	}
	return doc
}
