package feeds

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
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

// indexTopic is one topic on the index page.
type indexTopic struct {
	Topic
	Count  int
	Chart  chart
	Latest []itemRow
}

// indexData is what the index page shows.
type indexData struct {
	Topics  []indexTopic
	Sources []sourceRow
	Failing int
}

// sourceRow is a source as the index page lists it.
type sourceRow struct {
	tagfeed.Source
	Label string // its name as shown
	Seed  bool
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "text/html; charset=utf-8", cachePage, true, func(ctx context.Context) ([]byte, error) {
		data, err := s.loadIndex(ctx)
		if err != nil {
			return nil, err
		}
		return renderPage("index.html", page{Site: siteName(s.cfg.Title), Title: siteName(s.cfg.Title), Data: data})
	})
}

// LoadIndex is for callers that render the index themselves (Export).
func (s *Server) loadIndex(ctx context.Context) (*indexData, error) {
	sources, err := s.store.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("feeds: index: %w", err)
	}
	data := &indexData{}
	for _, src := range sources {
		row := sourceRow{Source: src, Seed: src.Kind == tagfeed.SourceSeed,
			Label: sourceName(src.Kind, src.URL, src.Title)}
		if src.Status.Failing() {
			data.Failing++
		}
		data.Sources = append(data.Sources, row)
	}
	slices.SortStableFunc(data.Sources, func(a, b sourceRow) int { // failing ones first, then warned ones
		return cmp.Or(boolOrder(b.Status.Failing(), a.Status.Failing()),
			boolOrder(b.Status.Warning != "", a.Status.Warning != ""))
	})
	end := s.now()
	for _, t := range Topics(s.cfg) {
		it := indexTopic{Topic: t}
		sel := t.Selection(LatestPerTopic)
		if it.Count, err = s.store.Count(ctx, sel); err != nil {
			return nil, fmt.Errorf("feeds: index: %w", err)
		}
		days, err := s.store.DailyCounts(ctx, sel, chartDays, end)
		if err != nil {
			return nil, fmt.Errorf("feeds: index: %w", err)
		}
		it.Chart = newChart(days, end)
		items, err := s.store.Items(ctx, sel)
		if err != nil {
			return nil, fmt.Errorf("feeds: index: %w", err)
		}
		for i := range items {
			it.Latest = append(it.Latest, s.itemRow(&items[i], t.TagTitles))
		}
		data.Topics = append(data.Topics, it)
	}
	return data, nil
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// topicData is what a topic's page shows.
type topicData struct {
	Topic Topic
	Count int
	Items []itemRow
	More  string // the page after this one, site-relative; "" when this is the last
}

func (s *Server) handleTopicPage(w http.ResponseWriter, r *http.Request) {
	t, err := LookupTopic(s.cfg, r.PathValue("topic"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if t.Name == SearchTopic {
		s.fail(w, r, notFound("no topic %q: the search has its own page, /search", t.Name))
		return
	}
	q := r.URL.Query()
	after, err := parseCursor(q.Get("after"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t = t.WithQuery(q.Get("q"), 0)
	if t, err = t.WithStories(q.Get("stories"), s.cfg.Stories); err != nil {
		s.fail(w, r, err)
		return
	}
	s.cached(w, r, "text/html; charset=utf-8", cachePage, false, func(ctx context.Context) ([]byte, error) {
		sel := t.Selection(perPage + 1)
		sel.After, sel.Explained = after, true
		count, err := s.store.Count(ctx, t.Selection(0))
		if err != nil {
			return nil, err
		}
		items, err := s.store.Items(ctx, sel)
		if err != nil {
			return nil, err
		}
		data := topicData{Topic: t, Count: count}
		if len(items) > perPage && t.Query == "" {
			items = items[:perPage]
			data.More = "topics/" + t.Name + "?" + urlQuery("after", formatCursor(tagfeed.ListingCursor(&items[len(items)-1])), "stories", t.storiesAsked)
		}
		for i := range items {
			row := s.itemRow(&items[i], t.TagTitles)
			for _, tg := range items[i].Tags {
				if slices.Contains(t.Tags(), tg.Tag) {
					row.Why = append(row.Why, why{Title: cmp.Or(t.TagTitles[tg.Tag], tg.Tag), ItemTag: tg})
				}
			}
			data.Items = append(data.Items, row)
		}
		return renderPage("topic.html", page{Site: siteName(s.cfg.Title), Title: t.Title, Query: t.Query, Data: data})
	})
}

// itemData is what an item's page shows.
type itemData struct {
	Row       itemRow
	Item      *tagfeed.Item
	Original  string              // the original's URL, if it has one
	Lang      string              // the item's language, when its source said it
	Media     []tagfeed.Enclosure // its enclosures with web addresses
	Published string
	Updated   string
	Tags      []tagfeed.ItemTag
	Labels    map[string]string
	Story     []storyRow // the reports of its story, earliest first, when there are others
}

// storyRow is one report of a story on an item's page, with why it is in
// the story: the report it was found like, and how much.
type storyRow struct {
	itemRow
	This       bool   // the item of the page
	Like       string // the title of the report it matched; "" for the first
	Similarity string // how alike the two are, as a percentage
}

func (s *Server) handleItemPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, notFound("no item %q", r.PathValue("id")))
		return
	}
	s.cached(w, r, "text/html; charset=utf-8", cachePage, false, func(ctx context.Context) ([]byte, error) {
		items, err := s.store.Items(ctx, tagfeed.Selection{ID: id, Explained: true, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(items) == 0 {
			return nil, notFound("no item %d", id)
		}
		it := &items[0]
		labels := Topics(s.cfg)[0].TagTitles
		data := itemData{Row: s.itemRow(it, labels), Item: it, Tags: it.Tags, Labels: labels,
			Lang: it.Language, Published: showWhen(it), Updated: showDate(it.Updated)}
		if it.Published.IsZero() && !it.FirstSeen.IsZero() {
			data.Published += ", first seen " + showDate(it.FirstSeen)
		}
		if data.Updated == showDate(it.SortTime()) {
			data.Updated = "" // the version first seen: no news
		}
		if isWebURL(it.Link) {
			data.Original = it.Link
		}
		for _, enc := range it.Enclosures {
			if isWebURL(enc.URL) {
				data.Media = append(data.Media, enc)
			}
		}
		if data.Story, err = s.storyRows(ctx, it, labels); err != nil {
			return nil, err
		}
		return renderPage("item.html", page{Site: siteName(s.cfg.Title), Title: data.Row.Title, Data: data})
	})
}

// storyRows returns the reports of an item's story, earliest first, or
// none when it is the only one.
func (s *Server) storyRows(ctx context.Context, it *tagfeed.Item, labels map[string]string) ([]storyRow, error) {
	if it.Story.ID == 0 {
		return nil, nil
	}
	members, err := s.store.Items(ctx, tagfeed.Selection{InStories: []int64{it.Story.ID}})
	if err != nil || len(members) < 2 {
		return nil, err
	}
	slices.Reverse(members) // newest first from the store
	titles := make(map[int64]string, len(members))
	for i := range members {
		titles[members[i].ID] = itemTitle(&members[i])
	}
	rows := make([]storyRow, len(members))
	for i := range members {
		m := &members[i]
		rows[i] = storyRow{itemRow: s.itemRow(m, labels), This: m.ID == it.ID}
		if m.Story.Match != 0 {
			rows[i].Like = cmp.Or(titles[m.Story.Match], fmt.Sprintf("item %d", m.Story.Match))
			rows[i].Similarity = fmt.Sprintf("%.0f%%", 100*m.Story.Similarity)
		}
	}
	return rows, nil
}

// searchData is what the search page shows.
type searchData struct {
	Query  string
	Topic  Topic // the saved search, for its feeds
	Count  int
	Items  []itemRow
	Offset int
	More   string // the next page, site-relative
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("q"))
	offset, err := parseOffset(q.Get("from"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, _ := LookupTopic(s.cfg, SearchTopic)
	t = t.WithQuery(query, 0)
	s.cached(w, r, "text/html; charset=utf-8", cachePage, false, func(ctx context.Context) ([]byte, error) {
		data := searchData{Query: query, Topic: t, Offset: offset}
		if query != "" {
			sq, err := tagfeed.ParseSearch(query)
			if err != nil {
				return nil, err
			}
			sel := t.Selection(perPage + 1)
			sel.Offset = offset
			sel.Stories = tagfeed.PickNone // results page by page, each on its own
			if data.Count, err = s.store.Count(ctx, tagfeed.Selection{Search: query}); err != nil {
				return nil, err
			}
			items, err := s.store.Items(ctx, sel)
			if err != nil {
				return nil, err
			}
			if len(items) > perPage {
				items = items[:perPage]
				data.More = "search?" + urlQuery("q", query, "from", strconv.Itoa(offset+perPage))
			}
			marker := newMarker(sq, s.Fold)
			for i := range items {
				row := s.itemRow(&items[i], t.TagTitles)
				row.TitleRun = marker.mark(row.Title)
				row.Snippet = marker.snippetOf(&items[i], snippetRunes)
				data.Items = append(data.Items, row)
			}
		}
		title := "Search"
		if query != "" {
			title = "Search: " + query
		}
		return renderPage("search.html", page{Site: siteName(s.cfg.Title), Title: title, Query: query, Data: data})
	})
}

// snippetRunes is about how long a search result's text is.
const snippetRunes = 240

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
