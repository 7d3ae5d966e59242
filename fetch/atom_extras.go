package fetch

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// xmlNamespace is the namespace of xml:lang and xml:base.
const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

// atomExtras reads what gofeed's Atom parser drops: the declared type of
// the feed's title, and each entry's own xml:lang and the declared types of
// its title, summary and content. When the document does not decode, or
// holds a different number of entries than gofeed found, it returns the
// zero formatExtras: the items keep their feed's language and the type of
// their text is guessed.
func atomExtras(doc []byte, entries int) formatExtras {
	dec := utf8Decoder(doc)
	dec.Strict = false
	var (
		extras formatExtras
		out    []itemExtras
		ns     string // the root's namespace: Atom 1.0's, or Atom 0.3's
		depth  int
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return formatExtras{}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				ns = t.Name.Space
			case depth == 2 && t.Name.Local == "title" && t.Name.Space == ns:
				extras.title = atomKind(t.Attr)
			case depth == 2 && t.Name.Local == "entry" && t.Name.Space == ns:
				out = append(out, itemExtras{language: attrValue(t.Attr, xmlNamespace, "lang")})
			case depth == 3 && len(out) > 0 && t.Name.Space == ns:
				e := &out[len(out)-1]
				switch t.Name.Local {
				case "title":
					e.title = atomKind(t.Attr)
				case "summary":
					e.summary = atomKind(t.Attr)
				case "content":
					e.content = atomKind(t.Attr)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if len(out) != entries {
		return formatExtras{}
	}
	extras.items = out
	return extras
}

// atomKind reads an Atom text construct's type (and Atom 0.3's mode):
// text unless it says HTML or XHTML.
func atomKind(attrs []xml.Attr) textKind {
	typ := strings.ToLower(strings.TrimSpace(attrValue(attrs, "", "type")))
	switch {
	case typ == "html", typ == "xhtml", strings.HasSuffix(typ, "/html"), strings.HasSuffix(typ, "/xhtml+xml"):
		return kindHTML
	case strings.EqualFold(attrValue(attrs, "", "mode"), "escaped") && typ == "":
		return kindHTML // Atom 0.3's escaped content is most often HTML
	}
	return kindText
}

// attrValue returns the value of the attribute space:local, or "".
func attrValue(attrs []xml.Attr, space, local string) string {
	for _, a := range attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
