package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	tagfeed "github.com/tagfeed/tagfeed"
)

// Feed is a parsed feed, normalized.
type Feed struct {
	Title   string // plain text
	SiteURL string // the feed's home page, absolute
	// MinInterval is the least time between fetches the feed asks for
	// (ttl, sy:updatePeriod and sy:updateFrequency), at most a day.
	MinInterval time.Duration
	// Items are normalized and keyed, each key once, in feed order. Their
	// tags are not set. When the document had more than the most items
	// asked for, they are the newest, and a warning says so.
	Items []tagfeed.Item
	// Empty counts the items left out because they had no title, no text
	// and no link.
	Empty int
	// Warnings say what of the document could not be read, when some of
	// it could: a break in the XML, items left out, a guessed encoding.
	Warnings []string
}

// Parse reads an RSS (0.9x, 1.0/RDF, 2.0), Atom or JSON Feed document and
// normalizes it. contentType is the HTTP Content-Type, if any, for its
// charset; feedURL is where the document came from, to resolve relative
// links. Parse never touches the network.
func Parse(r io.Reader, contentType, feedURL string) (*Feed, error) {
	doc, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("fetch: read feed: %w", err)
	}
	f, err := parse(doc, contentType, feedURL, 0)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	return f, nil
}

// parse is Parse on a document in memory, with errors for the caller to
// place. A document that breaks off, or is not well-formed further on,
// gives the items before the break and a warning that says so. When
// maxItems is above 0, only the newest maxItems items are taken, and
// only they are parsed whole (see cutToNewest).
func parse(doc []byte, contentType, feedURL string, maxItems int) (*Feed, error) {
	doc, encodingWarning, err := prepare(doc, contentType)
	if err != nil {
		return nil, err
	}
	kind := gofeed.DetectFeedType(bytes.NewReader(doc))
	if kind == gofeed.FeedTypeUnknown {
		return nil, notAFeed(doc, feedURL)
	}
	if kind != gofeed.FeedTypeJSON {
		if err := checkDepth(doc); err != nil {
			return nil, fmt.Errorf("parse %s: %w", formatNames[kind], err)
		}
		doc = utcOffsets(doc)
	}
	var warnings []string
	if encodingWarning != "" {
		warnings = append(warnings, encodingWarning)
	}
	total := 0
	if maxItems > 0 {
		if doc, total, err = cutToNewest(kind, doc, maxItems); err != nil {
			return nil, fmt.Errorf("parse %s: %w", formatNames[kind], err)
		}
	}
	gf, extras, err := parseAs(kind, doc)
	switch {
	case err != nil:
		gf, extras = rescue(kind, doc)
		if gf == nil {
			return nil, fmt.Errorf("parse %s: %w", formatNames[kind], err)
		}
		warnings = append(warnings, fmt.Sprintf("the document breaks off (%v): kept the %s before the break", err, count(len(gf.Items), "complete item")))
	case len(gf.Items) == 0 && kind != gofeed.FeedTypeJSON:
		if err := wellFormed(doc); err != nil {
			return nil, fmt.Errorf("parse %s: no items, and the document is not well-formed XML: %w", formatNames[kind], err)
		}
	}
	f := adapt(gf, extras, feedURL)
	total = max(total, len(f.Items))
	if maxItems > 0 && total > maxItems {
		f.Items = newest(f.Items, maxItems)
		warnings = append(warnings, fmt.Sprintf("took the newest %d of its %d items (fetch.max_items)", len(f.Items), total))
	}
	if f.Empty > 0 {
		warnings = append(warnings, fmt.Sprintf("left out %s with no title, no text and no link", count(f.Empty, "item")))
	}
	f.Warnings = warnings
	return f, nil
}

// count writes n things: "1 item", "3 items".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// parseAs parses a document of a known format with gofeed, keeping what
// gofeed's common Feed drops.
func parseAs(kind gofeed.FeedType, doc []byte) (*gofeed.Feed, formatExtras, error) {
	switch kind {
	case gofeed.FeedTypeRSS:
		rf, err := (&rss.Parser{}).Parse(bytes.NewReader(doc))
		if err != nil {
			return nil, formatExtras{}, err
		}
		gf, err := (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
		return gf, rssExtras(rf), err
	case gofeed.FeedTypeAtom:
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(doc))
		if err != nil {
			return nil, formatExtras{}, err
		}
		gf, err := (&gofeed.DefaultAtomTranslator{}).Translate(af)
		return gf, atomExtras(doc, len(af.Entries)), err
	case gofeed.FeedTypeJSON:
		jf, err := (&json.Parser{}).Parse(bytes.NewReader(doc))
		if err != nil {
			return nil, formatExtras{}, err
		}
		if jf.Version == "" && len(jf.Items) == 0 {
			return nil, formatExtras{}, errors.New("not a feed: JSON without a JSON Feed version or items")
		}
		gf, err := (&gofeed.DefaultJSONTranslator{}).Translate(jf)
		return gf, jsonExtras(jf), err
	}
	return nil, formatExtras{}, fmt.Errorf("unknown feed type %v", kind)
}

// notAFeed explains what a document that is no feed is instead.
func notAFeed(doc []byte, pageURL string) error {
	head := bytes.TrimSpace(doc[:min(len(doc), 1024)])
	if len(head) == 0 {
		return errors.New("not a feed: the document is empty")
	}
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		return errors.New("not a feed: gzip-compressed data")
	}
	if looksLikeHTML(head) {
		if links := feedLinks(doc, pageURL); len(links) > 0 {
			return fmt.Errorf("not a feed: got an HTML page, which names a feed at %s", links[0])
		}
		return errors.New("not a feed: got an HTML page")
	}
	start := string(head[:min(len(head), 40)])
	return fmt.Errorf("not a feed: no RSS, Atom or JSON Feed document (it starts %q)", start)
}

// looksLikeHTML reports whether the start of a document is an HTML page.
func looksLikeHTML(head []byte) bool {
	s := strings.ToLower(string(head))
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<title", "<meta"} {
		if strings.Contains(s, tag) {
			return true
		}
	}
	return false
}

// formatNames name the feed formats in error messages.
var formatNames = map[gofeed.FeedType]string{
	gofeed.FeedTypeRSS:  "RSS",
	gofeed.FeedTypeAtom: "Atom",
	gofeed.FeedTypeJSON: "JSON Feed",
}
