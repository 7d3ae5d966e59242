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
	// tags are not set.
	Items []tagfeed.Item
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
	f, err := parse(doc, contentType, feedURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	return f, nil
}

// parse is Parse on a document in memory, with errors for the caller to
// place.
func parse(doc []byte, contentType, feedURL string) (*Feed, error) {
	doc, err := prepare(doc, contentType)
	if err != nil {
		return nil, err
	}
	var (
		gf     *gofeed.Feed
		extras formatExtras
	)
	kind := gofeed.DetectFeedType(bytes.NewReader(doc))
	switch kind {
	case gofeed.FeedTypeRSS:
		var rf *rss.Feed
		if rf, err = (&rss.Parser{}).Parse(bytes.NewReader(doc)); err == nil {
			extras.ttl = rf.TTL
			gf, err = (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
		}
	case gofeed.FeedTypeAtom:
		var af *atom.Feed
		if af, err = (&atom.Parser{}).Parse(bytes.NewReader(doc)); err == nil {
			gf, err = (&gofeed.DefaultAtomTranslator{}).Translate(af)
			extras.languages = atomEntryExtras(doc, len(af.Entries))
		}
	case gofeed.FeedTypeJSON:
		var jf *json.Feed
		if jf, err = (&json.Parser{}).Parse(bytes.NewReader(doc)); err == nil {
			if jf.Version == "" && len(jf.Items) == 0 {
				return nil, errors.New("not a feed: JSON without a JSON Feed version or items")
			}
			gf, err = (&gofeed.DefaultJSONTranslator{}).Translate(jf)
			extras.languages = jsonLanguages(jf)
		}
	default:
		return nil, notAFeed(doc, feedURL)
	}
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", formatNames[kind], err)
	}
	return adapt(gf, extras, feedURL), nil
}

// formatExtras is what a format says that gofeed's common Feed leaves out.
type formatExtras struct {
	ttl string // RSS's ttl
	// languages are the items' own languages, in the order of gofeed's
	// items; nil when the format gives none per item.
	languages []string
}

// jsonLanguages returns the language of each of a JSON Feed's items, as
// JSON Feed 1.1 allows: gofeed translates only the feed's.
func jsonLanguages(jf *json.Feed) []string {
	langs := make([]string, len(jf.Items))
	for i, it := range jf.Items {
		if it != nil {
			langs[i] = it.Language
		}
	}
	return langs
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
