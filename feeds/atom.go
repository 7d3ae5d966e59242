package feeds

import (
	"encoding/xml"
	"io"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
	"github.com/tagfeed/tagfeed"
)

// atomDoc is gorilla's Atom feed with its self and alternate links, a
// language, a generator and entries that carry every tag.
type atomDoc struct {
	XMLName xml.Name `xml:"feed"`
	*feeds.AtomFeed
	Lang      string           `xml:"xml:lang,attr,omitempty"`
	Links     []feeds.AtomLink `xml:"link"`
	Generator atomGenerator    `xml:"generator"`
	Entries   []*atomEntry     `xml:"entry"`
}

type atomGenerator struct {
	URI     string `xml:"uri,attr"`
	Version string `xml:"version,attr"`
	Name    string `xml:",chardata"`
}

// atomEntry is gorilla's entry with a <category term label> per tag and
// its language when the feed's is not its.
type atomEntry struct {
	XMLName xml.Name `xml:"entry"`
	*feeds.AtomEntry
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

func (d *feedDoc) writeAtom(w io.Writer) error {
	t := d.Topic
	doc := &atomDoc{
		AtomFeed: (&feeds.Atom{Feed: d.generic()}).AtomFeed(),
		Lang:     d.Language,
		Links: []feeds.AtomLink{
			{Href: t.FeedURL(Atom), Rel: "self", Type: Atom.MediaType()},
			{Href: t.HomeURL(), Rel: "alternate", Type: "text/html"},
		},
		Generator: atomGenerator{URI: tagfeed.ProjectURL, Version: tagfeed.Version, Name: "tagfeed"},
	}
	doc.Id = t.FeedURL(Atom)
	doc.Link = nil
	doc.Updated = d.Updated.Format(time.RFC3339)
	// The feed's author stands for every entry that names none.
	doc.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: xmlText(siteName(t.SiteTitle)), Uri: t.HomeURL()}}
	for i, ge := range doc.AtomFeed.Entries {
		e := &d.Entries[i]
		ge.Links = nil
		if e.Link != "" {
			ge.Links = []feeds.AtomLink{{Href: e.Link, Rel: "alternate", Type: "text/html"}}
		}
		for _, enc := range e.Enclosures {
			link := feeds.AtomLink{Href: enc.URL, Rel: "enclosure", Type: mediaType(enc.Type)}
			if enc.Length > 0 {
				link.Length = strconv.FormatInt(enc.Length, 10)
			}
			ge.Links = append(ge.Links, link)
		}
		ge.Updated = e.Updated.Format(time.RFC3339)
		if !e.Published.IsZero() {
			ge.Published = e.Published.Format(time.RFC3339)
		}
		ae := &atomEntry{AtomEntry: ge}
		if d.Language == "" {
			ae.Lang = e.Language
		}
		for _, c := range e.Tags {
			ae.Categories = append(ae.Categories, atomCategory{Term: c.Name, Label: c.Label})
		}
		doc.Entries = append(doc.Entries, ae)
	}
	return writeXML(w, doc)
}
