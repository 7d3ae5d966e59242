package feeds

import (
	"cmp"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/tagfeed/tagfeed"
)

// XML namespaces the RSS feed uses beyond RSS 2.0 itself.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// rssDoc is the <rss> root, declaring the namespaces the channel uses.
type rssDoc struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	NSAtom    string   `xml:"xmlns:atom,attr"`
	NSContent string   `xml:"xmlns:content,attr"`
	NSDC      string   `xml:"xmlns:dc,attr"`
	Channel   *rssChannel
}

// rssChannel is gorilla's channel with the feed's own address and items
// that carry every tag.
type rssChannel struct {
	XMLName     xml.Name `xml:"channel"`
	Title       rssText  `xml:"title"`
	Link        string   `xml:"link"`
	Description rssText  `xml:"description"`
	*feeds.RssFeed
	Self  rssAtomLink `xml:"atom:link"`
	Items []*rssItem  `xml:"item"`
}

// rssAtomLink is <atom:link rel="self">, which the validator asks for.
type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// rssItem is gorilla's item with one <category> per tag, its author as
// dc:creator (RSS's own author must be an e-mail address), its source feed,
// and no <link> when it has none.
type rssItem struct {
	XMLName xml.Name `xml:"item"`
	Title   rssText  `xml:"title"`
	Link    string   `xml:"link,omitempty"`
	*feeds.RssItem
	Creator    *rssText   `xml:"dc:creator,omitempty"`
	Language   string     `xml:"dc:language,omitempty"`
	Categories []rssText  `xml:"category"`
	Source     *rssSource `xml:"source,omitempty"`
}

// rssSource names the feed an item was republished from.
type rssSource struct {
	URL   string `xml:"url,attr"`
	Title string `xml:",innerxml"`
}

// rssText is plain text that readers must not take for HTML. & and < are
// written as hexadecimal character references, as the RSS Best Practices
// Profile recommends, where encoding/xml would write &amp; and &lt;.
type rssText struct {
	XML string `xml:",innerxml"`
}

// rssEscaper escapes plain text for rssText.
var rssEscaper = strings.NewReplacer("&", "&#x26;", "<", "&#x3C;", ">", "&#x3E;")

func plainRSS(s string) rssText {
	return rssText{XML: rssEscaper.Replace(xmlText(s))}
}

func (d *feedDoc) writeRSS(w io.Writer) error {
	t := d.Topic
	ch := &rssChannel{
		Title:       plainRSS(t.FeedTitle()),
		Link:        t.HomeURL(),
		Description: plainRSS(t.Description),
		RssFeed:     (&feeds.Rss{Feed: d.generic()}).RssFeed(),
		Self:        rssAtomLink{Href: t.FeedURL(RSS), Rel: "self", Type: RSS.MediaType()},
	}
	ch.Language = d.Language
	ch.Generator = "tagfeed " + tagfeed.Version
	ch.Docs = "https://www.rssboard.org/rss-specification"
	ch.PubDate = ""
	ch.LastBuildDate = d.Updated.Format(time.RFC1123Z)
	for i, gi := range ch.RssFeed.Items {
		e := &d.Entries[i]
		gi.Author = ""
		if gi.Description == "" && gi.Content != nil {
			// A seed's whole text is its description: readers show that first.
			gi.Description, gi.Content = gi.Content.Content, nil
		}
		gi.PubDate = ""
		if !e.Published.IsZero() {
			gi.PubDate = e.Published.Format(time.RFC1123Z)
		}
		gi.Enclosure = nil
		if len(e.Enclosures) > 0 {
			// RSS carries one enclosure per item: readers ignore the rest.
			enc := e.Enclosures[0]
			gi.Enclosure = &feeds.RssEnclosure{Url: enc.URL, Type: mediaType(enc.Type), Length: strconv.FormatInt(enc.Length, 10)}
		}
		it := &rssItem{Title: plainRSS(e.Title), Link: e.Link, RssItem: gi}
		if d.Language == "" && e.Language != "" {
			// RSS has no language per item; Dublin Core gives one.
			it.Language = e.Language
		}
		if e.Author != "" {
			creator := plainRSS(e.Author)
			it.Creator = &creator
		}
		for _, c := range e.Tags {
			it.Categories = append(it.Categories, plainRSS(c.Name))
		}
		if e.Source != nil {
			it.Source = &rssSource{URL: xmlText(e.Source.URL), Title: plainRSS(e.Source.Title).XML}
		}
		ch.Items = append(ch.Items, it)
	}
	return writeXML(w, &rssDoc{Version: "2.0", NSAtom: nsAtom, NSContent: nsContent, NSDC: nsDC, Channel: ch})
}

// mediaType returns the type of an enclosure, which RSS requires: the
// generic binary type when the source gave none.
func mediaType(t string) string {
	return cmp.Or(t, "application/octet-stream")
}

// writeXML writes v as an indented UTF-8 XML document.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
