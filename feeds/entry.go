package feeds

import (
	"cmp"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
)

// entry is an item made ready for every format: its texts valid XML, its id
// stable, its dates settled (UTC, whole seconds).
type entry struct {
	ID        string
	PermaLink bool // the id is the item's own web page
	Title     string
	Link      string // empty for a seed article
	Summary   string // HTML; empty when the same as Content
	Content   string // HTML; never empty
	Author    string
	Language  string // the item's language, else the config's; may be empty
	// Enclosures are the item's media with web addresses, their texts
	// valid XML.
	Enclosures []tagfeed.Enclosure
	Published  time.Time // the source's date; zero when unknown
	Modified   time.Time // when tagfeed last changed it; zero when unknown
	// Updated is the entry's date where one is required (Atom): the later
	// of its published and modified dates, else the feed's. A new item's
	// modified date is its published date, so a batch stored at once keeps
	// its sources' dates; an item whose content or tags changed carries
	// the time of the change, and readers show it as updated.
	Updated time.Time
	Tags    []category
	// Source is the live feed the item came from, as RSS's <source> names
	// it; nil for seeds.
	Source *entrySource
}

// entrySource is the live feed an item came from.
type entrySource struct {
	URL, Title string
}

// category is one tag of an entry.
type category struct {
	Name  string // the tag's name, as in feed URLs
	Label string // the tag's title
}

// feedDoc is a topic's feed made ready for every format.
type feedDoc struct {
	Topic Topic
	// Updated is the newest entry's date, published or modified, else
	// Topic.Updated, else the Unix epoch.
	Updated time.Time
	// Language is the language every entry shares, given once for the
	// whole feed; empty when they differ, and each entry gives its own.
	Language string
	Entries  []entry
}

// newFeedDoc prepares the items, newest first, for rendering. Items that
// come out with the same id as an earlier one (the same article in two
// sections of a site) are left out: a feed must not repeat an id.
func newFeedDoc(t Topic, items []tagfeed.Item) *feedDoc {
	doc := &feedDoc{Topic: t}
	seen := make(map[string]bool, len(items))
	for i := range items {
		e := newEntry(&items[i], t)
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		doc.Updated = latest(doc.Updated, e.Published, e.Modified)
		doc.Entries = append(doc.Entries, e)
	}
	if doc.Updated.IsZero() {
		doc.Updated = settle(t.Updated)
	}
	if doc.Updated.IsZero() {
		doc.Updated = time.Unix(0, 0).UTC()
	}
	for i := range doc.Entries {
		if doc.Entries[i].Updated.IsZero() {
			doc.Entries[i].Updated = doc.Updated
		}
	}
	doc.Language = sharedLanguage(doc.Entries, t.Language)
	return doc
}

// sharedLanguage returns the language all the entries share, or fallback
// when there are none; "" when they differ.
func sharedLanguage(entries []entry, fallback string) string {
	if len(entries) == 0 {
		return fallback
	}
	lang := entries[0].Language
	for _, e := range entries[1:] {
		if !strings.EqualFold(e.Language, lang) {
			return ""
		}
	}
	return lang
}

// newEntry prepares one item. An item with no web page of its own (a seed
// article) links to its page on tagfeed.
func newEntry(it *tagfeed.Item, t Topic) entry {
	e := entry{
		ID:        xmlText(entryID(it)),
		Title:     xmlText(it.Title),
		Content:   xmlText(it.Content),
		Summary:   xmlText(it.Summary),
		Author:    xmlText(cmp.Or(it.Author, it.Outlet)),
		Language:  cmp.Or(it.Language, t.Language),
		Published: settle(it.Published),
		Modified:  settle(it.Updated),
	}
	e.Updated = latest(e.Published, e.Modified)
	if isWebURL(it.Link) {
		e.Link = xmlText(it.Link)
	} else if it.ID != 0 && t.BaseURL != "" {
		e.Link = xmlText(t.BaseURL + "/" + ItemPath(it.ID))
	}
	e.PermaLink = e.Link != "" && e.ID == e.Link
	if e.Summary == e.Content {
		e.Summary = ""
	}
	if e.Title == "" {
		e.Title = xmlText(itemTitle(it))
	}
	if e.Content == "" {
		// Every entry carries text (JSON Feed requires it): the summary,
		// else the title. A seed always has content.
		e.Content, e.Summary = e.Summary, ""
		if e.Content == "" {
			e.Content = "<p>" + html.EscapeString(e.Title) + "</p>"
		}
	}
	e.Content += alsoReported(it, t)
	for _, name := range it.TagNames() {
		e.Tags = append(e.Tags, category{Name: xmlText(name), Label: xmlText(cmp.Or(t.TagTitles[name], name))})
	}
	for _, enc := range it.Enclosures {
		if isWebURL(enc.URL) {
			e.Enclosures = append(e.Enclosures, tagfeed.Enclosure{
				URL: xmlText(enc.URL), Type: xmlText(enc.Type), Length: max(enc.Length, 0)})
		}
	}
	if it.SourceKind == tagfeed.SourceFeed && isWebURL(it.SourceURL) {
		e.Source = &entrySource{URL: it.SourceURL, Title: cmp.Or(it.SourceTitle, it.SourceURL)}
	}
	return e
}

// alsoReported returns the paragraph that ends the content of an item
// standing for its story: the other outlets' reports, linked; "" for an
// item shown alone.
func alsoReported(it *tagfeed.Item, t Topic) string {
	if len(it.Others) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p>Also reported by ")
	for i := range it.Others {
		o := &it.Others[i]
		if i > 0 {
			b.WriteString(", ")
		}
		link := o.Link
		if !isWebURL(link) {
			link = t.BaseURL + "/" + ItemPath(o.ID)
		}
		fmt.Fprintf(&b, `<a href="%s" title="%s">%s</a>`, html.EscapeString(link),
			html.EscapeString(itemTitle(o)), html.EscapeString(outletOf(o)))
	}
	b.WriteString(".</p>")
	return xmlText(b.String())
}

// ItemPath returns the site-relative path of an item's page.
func ItemPath(id int64) string {
	return "items/" + strconv.FormatInt(id, 10)
}

// itemTitle returns the item's title, or for an item without one the start
// of its text, so that readers and the index page have something to show.
func itemTitle(it *tagfeed.Item) string {
	if it.Title != "" {
		return it.Title
	}
	return cmp.Or(plainText(cmp.Or(it.Summary, it.Content), 80), "(untitled)")
}

// latest returns the latest of the times.
func latest(times ...time.Time) time.Time {
	var max time.Time
	for _, t := range times {
		if t.After(max) {
			max = t
		}
	}
	return max
}

// settle returns t in UTC, to the second, as every format shows it.
func settle(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}
