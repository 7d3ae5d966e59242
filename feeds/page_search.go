package feeds

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// searchData is what the search page shows.
type searchData struct {
	Query  string
	Topic  Topic // the saved search, for its feeds
	Count  int
	Items  []itemRow
	Offset int
	More   string // the next page, site-relative
}

// handleSearchPage serves the search page: the items that match ?q=,
// best first, with what matched marked.
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
