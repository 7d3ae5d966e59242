package feeds

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/tagfeed/tagfeed"
)

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

// handleIndex serves the index page: every topic with its count, chart
// and latest items, and every source with its state.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "text/html; charset=utf-8", cachePage, true, func(ctx context.Context) ([]byte, error) {
		data, err := s.loadIndex(ctx)
		if err != nil {
			return nil, err
		}
		return renderPage("index.html", page{Site: siteName(s.cfg.Title), Title: siteName(s.cfg.Title), Data: data})
	})
}

// loadIndex gathers what the index page shows; Export renders it too.
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

// boolOrder orders false before true.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
