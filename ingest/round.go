package ingest

import (
	"context"
	"sync"

	"github.com/tagfeed/tagfeed"
)

// Round reads each source once, now, whatever its schedule: the seed
// folders first, one after another, then the feeds at once, within the
// readers' limits. A feed marked gone is reported, not fetched. The
// results are in the order of sources. This is "tagfeed fetch".
func (p *Pipeline) Round(ctx context.Context, sources []tagfeed.Source) []Result {
	results := make([]Result, len(sources))
	for i, src := range sources {
		if src.Kind == tagfeed.SourceSeed {
			results[i] = p.Fetch(ctx, src)
		}
	}
	var wg sync.WaitGroup
	for i, src := range sources {
		if src.Kind != tagfeed.SourceSeed {
			wg.Go(func() { results[i] = p.Fetch(ctx, src) })
		}
	}
	wg.Wait()
	return results
}
