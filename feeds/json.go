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
	Items []*jsonItem `json:"items"`
}

// jsonItem is gorilla's item with JSON Feed 1.1's language, and
// attachments whose size may pass 2 GiB.
type jsonItem struct {
	*feeds.JSONItem
	Language    string           `json:"language,omitempty"`
	Attachments []jsonAttachment `json:"attachments,omitempty"`
}

// jsonAttachment is an item's medium in a JSON Feed.
type jsonAttachment struct {
	URL      string `json:"url"`
	MIMEType string `json:"mime_type"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}

func (d *feedDoc) writeJSON(w io.Writer) error {
	t := d.Topic
	doc := &jsonDoc{JSONFeed: (&feeds.JSON{Feed: d.generic()}).JSONFeed(), Items: []*jsonItem{}}
	doc.FeedUrl = t.FeedURL(JSON)
	doc.Language = d.Language
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
		ji := &jsonItem{JSONItem: it}
		if d.Language == "" {
			ji.Language = e.Language
		}
		for _, enc := range e.Enclosures {
			ji.Attachments = append(ji.Attachments, jsonAttachment{URL: enc.URL, MIMEType: mediaType(enc.Type), Size: enc.Length})
		}
		doc.Items = append(doc.Items, ji)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
