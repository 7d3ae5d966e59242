package fetch

import (
	"bytes"
	"encoding/xml"
	"io"
)

// atomEntryExtras reads what gofeed's Atom parser drops from each entry:
// its own xml:lang. It returns nil when the document does not decode
// strictly, or names a different number of entries than gofeed found,
// and the items keep their feed's language.
func atomEntryExtras(doc []byte, entries int) []string {
	var feed struct {
		Entries []struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		} `xml:"http://www.w3.org/2005/Atom entry"`
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	// prepare has made the document UTF-8, whatever it declares.
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := dec.Decode(&feed); err != nil || len(feed.Entries) != entries {
		return nil
	}
	langs := make([]string, entries)
	for i, e := range feed.Entries {
		langs[i] = e.Lang
	}
	return langs
}
