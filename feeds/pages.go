package feeds

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
)

// Pages show this many items per topic on the index, and per page on a
// topic's page and a search's.
const (
	LatestPerTopic = 5
	perPage        = 50
	chartDays      = 30
)

// page is what every page template gets: the site, the page's own title,
// the search box's query, and the page's data.
type page struct {
	Site  string
	Title string
	Query string
	Data  any
}

// itemRow is an item as a list shows it.
type itemRow struct {
	ID       int64
	Title    string
	Link     string // the original, or for a seed article its own page
	Page     string // its page on tagfeed, site-relative
	When     string // its date as shown: "2024-06-26 12:30", or how little is known
	Source   string
	Tags     []tagChip
	Why      []why     // explanations of the tags of the list's topic
	Snippet  []textRun // for search results: the text around what matched
	TitleRun []textRun // for search results: the title, marked
	Also     []itemRow // in a listing of stories, the story's other reports
}

// why is the explanation of one tag of an item, with the tag's title.
type why struct {
	Title string
	tagfeed.ItemTag
}

// tagChip is a tag as a link to its page.
type tagChip struct {
	Name, Title string
}

// itemRow makes the row that lists an item, with the titles of its tags
// from labels, and, in a listing of stories, its story's other reports.
func (s *Server) itemRow(it *tagfeed.Item, labels map[string]string) itemRow {
	row := itemRow{ID: it.ID, Title: itemTitle(it), Page: ItemPath(it.ID), When: showWhen(it),
		Source: outletOf(it)}
	row.Link = "/" + row.Page
	if isWebURL(it.Link) {
		row.Link = it.Link
	}
	for _, name := range it.TagNames() {
		row.Tags = append(row.Tags, tagChip{Name: name, Title: cmp.Or(labels[name], name)})
	}
	for i := range it.Others {
		row.Also = append(row.Also, s.itemRow(&it.Others[i], labels))
	}
	return row
}

// showWhen says when an item was published, or, when its source did not
// say, that the date is unknown and when tagfeed first saw it.
func showWhen(it *tagfeed.Item) string {
	if it.Published.IsZero() {
		return "date unknown"
	}
	return showDate(it.Published)
}

// outletOf names who published an item: the outlet its text names, else
// its source.
func outletOf(it *tagfeed.Item) string {
	return cmp.Or(it.Outlet, sourceName(it.SourceKind, it.SourceURL, it.SourceTitle))
}

// sourceName names a source for a page: a feed by its title, a seed folder
// by its path as configured, relative to the config, never absolute.
func sourceName(kind tagfeed.SourceKind, url, title string) string {
	if kind == tagfeed.SourceSeed {
		return SeedFolderName(url)
	}
	return tagfeed.SourceName(kind, url, title)
}

// SeedFolderName is how pages name a seed folder: its path as the config
// gives it when that is relative, else only its last element, so that no
// page shows where the server keeps its files.
func SeedFolderName(dir string) string {
	if filepath.IsAbs(dir) {
		return filepath.Base(dir)
	}
	return filepath.ToSlash(filepath.Clean(dir))
}

// renderPage renders a page template into a byte slice.
func renderPage(name string, p page) ([]byte, error) {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("feeds: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// parseCursor reads ?after=MILLIS-ID; "" is the first page.
func parseCursor(v string) (*tagfeed.Cursor, error) {
	if v == "" {
		return nil, nil
	}
	ms, id, ok := strings.Cut(v, "-")
	t, err1 := strconv.ParseInt(ms, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return nil, badRequest("bad page %q: follow the page's own links", v)
	}
	return &tagfeed.Cursor{Published: time.UnixMilli(t).UTC(), ID: n}, nil
}

// formatCursor writes a cursor as parseCursor reads it.
func formatCursor(c *tagfeed.Cursor) string {
	return strconv.FormatInt(c.Published.UnixMilli(), 10) + "-" + strconv.FormatInt(c.ID, 10)
}

// parseOffset reads ?from=N of a search's pages.
func parseOffset(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 10000 {
		return 0, badRequest("bad page %q: follow the page's own links", v)
	}
	return n, nil
}

// showDate formats a time for a page, in UTC to the minute.
func showDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
