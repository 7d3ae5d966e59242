package feeds

import (
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"
)

// jsonDoc is gorilla's JSON Feed with items always present, as version 1.1
// requires, even when there are none.
type jsonDoc struct {
	*feeds.JSONFeed
	Items []*feeds.JSONItem `json:"items"`
}

func (d *feedDoc) writeJSON(w io.Writer) error {
	t := d.Topic
	doc := &jsonDoc{JSONFeed: (&feeds.JSON{Feed: d.generic()}).JSONFeed(), Items: []*feeds.JSONItem{}}
	doc.FeedUrl = t.FeedURL(JSON)
	doc.Language = t.Language
	doc.Author = nil // deprecated in 1.1: authors replaces it
	doc.Authors = []*feeds.JSONAuthor{{Name: siteName(t.SiteTitle), Url: t.HomeURL()}}
	for i, it := range doc.JSONFeed.Items {
		e := &d.Entries[i]
		it.Author = nil
		it.PublishedDate, it.ModifiedDate = nil, nil
		if !e.Published.IsZero() {
			it.PublishedDate = &e.Published
		}
		if !e.Modified.IsZero() {
			it.ModifiedDate = &e.Modified
		}
		it.Summary = "" // JSON Feed's summary is plain text
		if e.Summary != "" {
			it.Summary = plainText(e.Summary, 500)
		}
		it.Tags = make([]string, 0, len(e.Tags))
		for _, c := range e.Tags {
			it.Tags = append(it.Tags, c.Name)
		}
		doc.Items = append(doc.Items, it)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
