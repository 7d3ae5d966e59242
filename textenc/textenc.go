// Package textenc turns the bytes of a feed or an article file into UTF-8
// text. It honours a byte-order mark and a declared encoding, takes valid
// UTF-8 as UTF-8, and otherwise detects the encoding: first Vietnamese in
// windows-1258, which no general detector knows, then every other with
// github.com/wlynxg/chardet, a port of the Mozilla detector behind
// Python's chardet. When no reading is plausible it falls back to
// windows-1252, as browsers do, and says so.
//
// It imports nothing of tagfeed's: the feed fetcher and the seed reader
// share it.
package textenc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wlynxg/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Decoded is text made UTF-8, and how.
type Decoded struct {
	Text []byte
	// Encoding names the encoding the bytes were read in, as the WHATWG
	// Encoding Standard names it ("utf-8", "windows-1258", "big5").
	Encoding string
	// Detected is set when the encoding was neither marked nor declared
	// nor UTF-8, but detected from the bytes.
	Detected bool
	// Doubt is set when no reading was plausible and the bytes were read
	// in the fallback encoding; it says so in words for a warning.
	Doubt string
}

// minConfidence is the detector's confidence below which its answer is
// not taken.
const minConfidence = 0.5

// Decode reads data as text. declared are the encodings the source names,
// most trusted first (an HTTP charset, an XML prolog's encoding); those
// that are UTF-8 or unknown are passed over. An error means the bytes
// cannot be read in the encoding they are marked or declared in.
func Decode(data []byte, declared ...string) (Decoded, error) {
	if enc, name := byteOrderMark(data); enc != nil {
		text, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return Decoded{}, fmt.Errorf("decode %s: %w", name, err)
		}
		return Decoded{Text: text, Encoding: name}, nil
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		// Servers and prologs often claim ISO-8859-1 for UTF-8 text, while
		// real Latin-1 or windows-1258 text is almost never valid UTF-8.
		return Decoded{Text: data, Encoding: "utf-8"}, nil
	}
	for _, label := range declared {
		enc, name := charset.Lookup(strings.TrimSpace(label))
		if enc == nil || name == "utf-8" {
			continue
		}
		return decodeAs(data, enc, name, false)
	}
	if mostlyUTF8(data) {
		return Decoded{Text: bytes.ToValidUTF8(data, []byte("\uFFFD")), Encoding: "utf-8"}, nil
	}
	if looksVietnamese(data) {
		return decodeAs(data, charmap.Windows1258, "windows-1258", true)
	}
	for _, r := range chardet.DetectAll(data) {
		if r.Confidence < minConfidence {
			break
		}
		enc, name := charset.Lookup(r.Charset)
		if enc == nil || name == "utf-8" {
			continue
		}
		// A reading with characters the encoding does not have is wrong.
		if d, err := decodeAs(data, enc, name, true); err == nil && !bytes.ContainsRune(d.Text, utf8.RuneError) {
			return d, nil
		}
	}
	d, err := decodeAs(data, charmap.Windows1252, "windows-1252", false)
	d.Doubt = "the encoding is not declared and could not be recognised; read as windows-1252"
	return d, err
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// byteOrderMark returns the UTF-16 encoding a byte-order mark announces.
func byteOrderMark(data []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

// decodeAs decodes data, composing it (NFC): windows-1258 writes most
// Vietnamese tone marks as combining characters.
func decodeAs(data []byte, enc encoding.Encoding, name string, detected bool) (Decoded, error) {
	text, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return Decoded{}, fmt.Errorf("decode %s: %w", name, err)
	}
	return Decoded{Text: norm.NFC.Bytes(text), Encoding: name, Detected: detected}, nil
}

// mostlyUTF8 reports whether data has more well-formed multi-byte UTF-8
// characters than stray bytes: UTF-8 text with a few bad bytes in it.
func mostlyUTF8(data []byte) bool {
	good, bad := 0, 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			good++
		}
		data = data[size:]
	}
	return good > bad
}
