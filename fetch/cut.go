package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mmcdole/gofeed"
)

// Parsing costs gofeed and adapt about 2 KB an item, however small the
// item: a 5 MB document of 100,000 tiny items would cost 200 MB. So a
// document with more items than fetch.max_items is cut to its newest
// before it is parsed whole. Its items are found in the bytes, their
// dates are read cutChunk items at a time, and the document is then
// rebuilt with only the newest, which alone are parsed and adapted.

// cutChunk is how many items are parsed at once to read their dates.
const cutChunk = 1000

// cutToNewest returns doc with only its n newest items, in document
// order, and the number of items it had. It returns doc itself when that
// has n items or fewer, or when its items cannot be told apart in the
// bytes (the parser then says what is wrong with it).
func cutToNewest(kind gofeed.FeedType, doc []byte, n int) ([]byte, int, error) {
	var d splitDoc
	switch kind {
	case gofeed.FeedTypeRSS:
		d = splitXML(doc, "item")
	case gofeed.FeedTypeAtom:
		d = splitXML(doc, "entry")
	case gofeed.FeedTypeJSON:
		jd, ok := splitJSON(doc)
		if !ok {
			return doc, 0, nil
		}
		d = jd
	default:
		return doc, 0, nil
	}
	total := d.count()
	if total <= n {
		return doc, total, nil
	}
	dates := make([]time.Time, total)
	for from := 0; from < total; from += cutChunk {
		to := min(from+cutChunk, total)
		sub, err := d.build(from, to, nil)
		if err != nil {
			return nil, 0, err
		}
		gf, _, err := parseAs(kind, sub)
		if err != nil {
			gf, _ = rescue(kind, sub)
		}
		if gf == nil || len(gf.Items) != to-from {
			continue // dates unknown: these items count as undated
		}
		for i, gi := range gf.Items {
			if gi != nil {
				dates[from+i], _ = itemDates(gi)
			}
		}
	}
	cut, err := d.build(0, 0, newestIndexes(dates, n))
	return cut, total, err
}

// splitDoc is a feed document taken apart into the items and what is
// around them, to be put together again with fewer items.
type splitDoc interface {
	count() int
	// build returns the document with the items from to to, or, when
	// pick is not nil, with the items at the indexes in pick.
	build(from, to int, pick []int) ([]byte, error)
}

// xmlDoc is an RSS or Atom document: the bytes before its first item,
// each item's bytes, and the bytes after its last item.
type xmlDoc struct {
	doc   []byte
	items []span
}

// span is where one item lies in a document: doc[start:end].
type span struct{ start, end int }

func (d xmlDoc) count() int { return len(d.items) }

func (d xmlDoc) build(from, to int, pick []int) ([]byte, error) {
	if pick == nil {
		pick = make([]int, 0, to-from)
		for i := from; i < to; i++ {
			pick = append(pick, i)
		}
	}
	head := d.doc[:d.items[0].start]
	tail := d.doc[d.items[len(d.items)-1].end:]
	var b bytes.Buffer
	b.Write(head)
	for _, i := range pick {
		b.Write(d.doc[d.items[i].start:d.items[i].end])
		b.WriteByte('\n')
	}
	b.Write(tail)
	return b.Bytes(), nil
}

// splitXML finds the elements of an XML document whose local name is name
// (item or entry, any prefix), except those inside another one. Like
// checkDepth, which has already refused documents too deep or too large,
// it does not check that the document is well-formed.
func splitXML(doc []byte, name string) xmlDoc {
	d := xmlDoc{doc: doc}
	depth, itemDepth := 0, -1 // itemDepth: the depth outside the open item; -1 outside items
	for t := range tags(doc) {
		switch {
		case t.kind == endTag:
			depth = max(depth-1, 0)
			if depth == itemDepth {
				d.items[len(d.items)-1].end = t.end
				itemDepth = -1
			}
		case itemDepth < 0 && localName(doc[t.start+1:t.end]) == name:
			d.items = append(d.items, span{start: t.start, end: t.end})
			if t.kind == startTag {
				itemDepth = depth
			}
		}
		if t.kind == startTag {
			depth++
		}
	}
	if itemDepth >= 0 {
		d.items = d.items[:len(d.items)-1] // an item the document breaks off in
	}
	return d
}

// localName returns the name of the element whose start tag begins tag
// (what follows its '<'), without its prefix.
func localName(tag []byte) string {
	end := bytes.IndexAny(tag, " \t\r\n/>")
	if end < 0 {
		end = len(tag)
	}
	n := tag[:end]
	if i := bytes.LastIndexByte(n, ':'); i >= 0 {
		n = n[i+1:]
	}
	return string(n)
}

// jsonDoc is a JSON Feed: its members, and its items apart.
type jsonDoc struct {
	members map[string]json.RawMessage
	items   []json.RawMessage
}

// splitJSON takes a JSON Feed apart, and reports whether it could.
func splitJSON(doc []byte) (jsonDoc, bool) {
	var d jsonDoc
	if json.Unmarshal(doc, &d.members) != nil {
		return d, false
	}
	raw, ok := d.members["items"]
	return d, ok && json.Unmarshal(raw, &d.items) == nil
}

func (d jsonDoc) count() int { return len(d.items) }

func (d jsonDoc) build(from, to int, pick []int) ([]byte, error) {
	items := d.items[from:to]
	if pick != nil {
		items = make([]json.RawMessage, 0, len(pick))
		for _, i := range pick {
			items = append(items, d.items[i])
		}
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return nil, fmt.Errorf("rebuild JSON Feed: %w", err)
	}
	members := make(map[string]json.RawMessage, len(d.members))
	for k, v := range d.members {
		members[k] = v
	}
	members["items"] = raw
	out, err := json.Marshal(members)
	if err != nil {
		return nil, fmt.Errorf("rebuild JSON Feed: %w", err)
	}
	return out, nil
}
