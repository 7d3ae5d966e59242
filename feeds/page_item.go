package feeds

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/tagfeed/tagfeed"
)

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

// handleItemPage serves an item's page: its text, dates, media, every
// tag with its explanation, and the other reports of its story.
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
