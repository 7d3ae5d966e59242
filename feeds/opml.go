package feeds

import (
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// OPMLContentType is the Content-Type OPML files are served with.
const OPMLContentType = "text/x-opml; charset=utf-8"

// opmlDoc is an OPML 2.0 subscription list.
type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text        string        `xml:"text,attr"`
	Title       string        `xml:"title,attr,omitempty"`
	Type        string        `xml:"type,attr,omitempty"`
	XMLURL      string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL     string        `xml:"htmlUrl,attr,omitempty"`
	Description string        `xml:"description,attr,omitempty"`
	Language    string        `xml:"language,attr,omitempty"`
	Outlines    []opmlOutline `xml:"outline"`
}

func newOPML(title string, outlines []opmlOutline) *opmlDoc {
	return &opmlDoc{Version: "2.0", Title: xmlText(title), Body: outlines}
}

// opmlText returns plain text for an OPML text, title or description
// attribute, which readers may take for HTML: text that would read as markup
// is HTML-escaped; other text is left as it is, for readers that do not
// decode HTML there.
func opmlText(s string) string {
	s = xmlText(s)
	if strings.ContainsAny(s, "<>") {
		return html.EscapeString(s)
	}
	return s
}

// WriteTopicsOPML writes the RSS feeds of the topics as one OPML file, in a
// folder named after the site, so that a reader subscribes to every topic
// at once. AllTopic is left out: with the topics it would repeat their items.
func WriteTopicsOPML(w io.Writer, topics []Topic) error {
	var site string
	var feeds []opmlOutline
	for _, t := range topics {
		site = siteName(t.SiteTitle)
		if t.Name == AllTopic {
			continue
		}
		feeds = append(feeds, opmlOutline{
			Text:        opmlText(t.FeedTitle()),
			Title:       opmlText(t.FeedTitle()),
			Type:        "rss",
			XMLURL:      t.FeedURL(RSS),
			HTMLURL:     t.BaseURL + "/" + t.PagePath(),
			Description: opmlText(t.Description),
			Language:    t.Language,
		})
	}
	doc := newOPML(site+" topics", []opmlOutline{{Text: opmlText(site), Outlines: feeds}})
	if err := writeXML(w, doc); err != nil {
		return fmt.Errorf("feeds: write topics opml: %w", err)
	}
	return nil
}

// WriteSourcesOPML writes the live feeds among sources as an OPML file that
// other readers (Miniflux, FreshRSS, Feedly, …) import. Seed folders are
// left out; a feed that moved permanently is listed at its new address.
func WriteSourcesOPML(w io.Writer, sources []tagfeed.Source) error {
	var outlines []opmlOutline
	for i := range sources {
		s := &sources[i]
		if s.Kind != tagfeed.SourceFeed {
			continue
		}
		outlines = append(outlines, opmlOutline{
			Text:    opmlText(s.Name()),
			Title:   opmlText(s.Name()),
			Type:    "rss",
			XMLURL:  xmlText(s.Location()),
			HTMLURL: xmlText(s.SiteURL),
		})
	}
	if err := writeXML(w, newOPML("tagfeed sources", outlines)); err != nil {
		return fmt.Errorf("feeds: write sources opml: %w", err)
	}
	return nil
}
