package feeds

import (
	"context"
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// LatestPerTopic is how many of each topic's newest items the index page lists.
const LatestPerTopic = 5

// Index is what the HTML index page shows: every topic with its newest
// items and feeds, and every source with its health.
type Index struct {
	Title   string
	Topics  []IndexTopic // configured topics by name, then AllTopic
	Sources []tagfeed.Source
}

// IndexTopic is one topic on the index page.
type IndexTopic struct {
	Topic
	Count  int            // items with the tag (every item for AllTopic)
	Latest []tagfeed.Item // the newest items, newest first
}

// LoadIndex reads from the store what the index page shows, with up to
// latest items per topic.
func LoadIndex(ctx context.Context, cfg *tagfeed.Config, store tagfeed.Store, latest int) (*Index, error) {
	sources, err := store.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("feeds: index: %w", err)
	}
	counts, err := store.TagCounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("feeds: index: %w", err)
	}
	total := 0
	for _, s := range sources {
		total += s.ItemCount
	}
	idx := &Index{Title: siteName(cfg.Title), Sources: sources}
	for _, t := range Topics(cfg) {
		tag, n := t.Name, counts[t.Name]
		if t.Name == AllTopic {
			tag, n = "", total
		}
		items, err := store.Items(ctx, tagfeed.ItemQuery{Tag: tag, Limit: latest})
		if err != nil {
			return nil, fmt.Errorf("feeds: index: items of %s: %w", t.Name, err)
		}
		idx.Topics = append(idx.Topics, IndexTopic{Topic: t, Count: n, Latest: items})
	}
	return idx, nil
}

// Failing returns how many sources failed their last fetch.
func (idx *Index) Failing() int {
	n := 0
	for _, s := range idx.Sources {
		if s.Status.Failing() {
			n++
		}
	}
	return n
}
