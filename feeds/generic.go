package feeds

import (
	"github.com/gorilla/feeds"
)

// generic returns the feed as gorilla/feeds' format-neutral Feed, from which
// its RSS, Atom and JSON structures are made and then completed.
func (d *feedDoc) generic() *feeds.Feed {
	t := d.Topic
	f := &feeds.Feed{
		Title:       xmlText(t.FeedTitle()),
		Link:        &feeds.Link{Href: xmlText(t.HomeURL())},
		Description: xmlText(t.Description),
		Updated:     d.Updated,
	}
	for _, e := range d.Entries {
		it := &feeds.Item{
			Id:          e.ID,
			IsPermaLink: "false",
			Title:       e.Title,
			Description: e.Summary,
			Content:     e.Content,
			Created:     e.Published,
			Updated:     e.Updated,
		}
		if e.PermaLink {
			it.IsPermaLink = "true"
		}
		if e.Link != "" {
			it.Link = &feeds.Link{Href: e.Link}
		}
		if e.Author != "" {
			it.Author = &feeds.Author{Name: e.Author}
		}
		f.Add(it)
	}
	return f
}
