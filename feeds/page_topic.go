package feeds

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/tagfeed/tagfeed"
)

// topicData is what a topic's page shows.
type topicData struct {
	Topic Topic
	Count int
	Items []itemRow
	More  string // the page after this one, site-relative; "" when this is the last
}

// handleTopicPage serves a topic's page: its items, newest first, a page
// at a time, each with why it has the topic's tags.
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
