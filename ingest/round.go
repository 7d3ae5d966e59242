package ingest

import (
	"context"
	"sync"

	"github.com/tagfeed/tagfeed"
)

// Round reads each source once, now, whatever its schedule: the seed
// folders first, one after another, then the feeds at once, within the
// readers' limits, by as many workers as reads may be under way. A feed
// marked gone is reported, not fetched. The results are in the order of
// sources. This is "tagfeed fetch".
func (p *Pipeline) Round(ctx context.Context, sources []tagfeed.Source) []Result {
	results := make([]Result, len(sources))
	for i, src := range sources {
		if src.Kind == tagfeed.SourceSeed {
			results[i] = p.Fetch(ctx, src)
		}
	}
	feeds := make(chan int)
	var wg sync.WaitGroup
	for range min(cap(p.inflight), len(sources)) {
		wg.Go(func() {
			for i := range feeds {
				results[i] = p.Fetch(ctx, sources[i])
			}
		})
	}
	for i, src := range sources {
		if src.Kind != tagfeed.SourceSeed {
			feeds <- i
		}
	}
	close(feeds)
	wg.Wait()
	return results
}
