package fetch

import (
	"bytes"
	"fmt"
	"iter"
)

// maxDepth is the deepest element nesting a feed may have. Real feeds
// nest a dozen levels (an entry's content in XHTML rarely more than 30);
// gofeed's parsers recurse once per level, so a document of two million
// nested elements would exhaust the stack and kill the process.
const maxDepth = 512

// maxElements is the most elements a feed may have. A large real feed has
// tens of thousands (a 730-episode podcast, 16,000); each element costs
// gofeed a few hundred bytes, so a body of tiny elements within
// max_body_bytes could otherwise cost a hundred times its size.
const maxElements = 250_000

// checkDepth refuses an XML document whose elements nest deeper than
// maxDepth, or number more than maxElements, before any parser sees it.
// It scans the bytes once, without recursion (see tags); it does not check
// that the document is well-formed, which the parser does.
func checkDepth(doc []byte) error {
	depth, elements := 0, 0
	for t := range tags(doc) {
		switch t.kind {
		case endTag:
			depth = max(depth-1, 0)
		case startTag, emptyTag:
			if elements++; elements > maxElements {
				return fmt.Errorf("more than %d elements, as no feed has", maxElements)
			}
			if t.kind == startTag {
				if depth++; depth > maxDepth {
					return fmt.Errorf("elements nest more than %d deep, as no feed does", maxDepth)
				}
			}
		}
	}
	return nil
}

// tagKind is the kind of an XML tag.
type tagKind int

const (
	startTag tagKind = iota // <a>
	endTag                  // </a>
	emptyTag                // <a/>
)

// tag is one tag of an XML document, at doc[start:end].
type tag struct {
	kind       tagKind
	start, end int
}

// tags yields the start, end and empty-element tags of an XML document in
// order, skipping comments, CDATA sections, processing instructions,
// declarations and quoted attribute values.
func tags(doc []byte) iter.Seq[tag] {
	return func(yield func(tag) bool) {
		for i := 0; i < len(doc); {
			lt := bytes.IndexByte(doc[i:], '<')
			if lt < 0 {
				return
			}
			i += lt
			rest := doc[i:]
			t := tag{start: i}
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				i = skipPast(doc, i+4, "-->")
				continue
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				i = skipPast(doc, i+9, "]]>")
				continue
			case bytes.HasPrefix(rest, []byte("<?")):
				i = skipPast(doc, i+2, "?>")
				continue
			case bytes.HasPrefix(rest, []byte("<!")):
				i = skipPast(doc, i+2, ">")
				continue
			case bytes.HasPrefix(rest, []byte("</")):
				t.kind, t.end = endTag, skipPast(doc, i+2, ">")
			default:
				end, selfClosing := tagEnd(doc, i+1)
				t.end = end
				if selfClosing {
					t.kind = emptyTag
				}
			}
			if !yield(t) {
				return
			}
			i = t.end
		}
	}
}

// skipPast returns the index just after the first end at or after from,
// or the length of doc when there is none.
func skipPast(doc []byte, from int, end string) int {
	if from >= len(doc) {
		return len(doc)
	}
	if j := bytes.Index(doc[from:], []byte(end)); j >= 0 {
		return from + j + len(end)
	}
	return len(doc)
}

// tagEnd finds the end of a start tag whose name begins at from: the
// index after its '>', skipping quoted attribute values, and whether it
// closes itself ("/>").
func tagEnd(doc []byte, from int) (end int, selfClosing bool) {
	var quote byte
	for j := from; j < len(doc); j++ {
		c := doc[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1, j > from && doc[j-1] == '/'
		}
	}
	return len(doc), false
}
