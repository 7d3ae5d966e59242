package fetch

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"

	"github.com/mmcdole/gofeed"
)

// rescue parses what comes before the break in an XML feed that breaks
// off or goes wrong part way: a missing </rss>, a server error written
// into the middle of the document. The document is cut after its last
// complete item and closed, as a careful reader would read it. It returns
// nil when that gives no items either.
func rescue(kind gofeed.FeedType, doc []byte) (*gofeed.Feed, formatExtras) {
	var end, closing string
	switch {
	case kind == gofeed.FeedTypeAtom:
		end, closing = "</entry>", "</feed>"
	case kind == gofeed.FeedTypeRSS && isRDF(doc):
		end, closing = "</item>", "</rdf:RDF>"
	case kind == gofeed.FeedTypeRSS:
		end, closing = "</item>", "</channel></rss>"
	default:
		return nil, formatExtras{}
	}
	i := bytes.LastIndex(bytes.ToLower(doc), []byte(end))
	if i < 0 {
		return nil, formatExtras{}
	}
	cut := make([]byte, 0, i+len(end)+len(closing))
	cut = append(append(cut, doc[:i+len(end)]...), closing...)
	gf, extras, err := parseAs(kind, cut)
	if err != nil || len(gf.Items) == 0 {
		return nil, formatExtras{}
	}
	return gf, extras
}

// isRDF reports whether an RSS document is RSS 1.0, whose items follow
// the channel instead of lying inside it.
func isRDF(doc []byte) bool {
	head := doc[:min(len(doc), 4096)]
	return bytes.Contains(head, []byte("<rdf:RDF")) || bytes.Contains(head, []byte("<RDF"))
}

// utf8Decoder returns a strict XML decoder of a document prepare has made
// UTF-8, whatever its declaration says, which knows HTML's named entities.
func utf8Decoder(doc []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return dec
}

// wellFormed reads an XML document to its end, allowing HTML's named
// entities, and returns the first error in it.
func wellFormed(doc []byte) error {
	dec := utf8Decoder(doc)
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
