package fetch

import (
	"context"
	"errors"
	"fmt"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/seed"
)

// fetchSeeds is Fetch for a seed folder: every article file is read again,
// new and changed ones are saved, and files that could not be used are
// reported, in the result and in the source's status, while the others
// are still saved. Deleted files' items stay in the store.
func (f *Fetcher) fetchSeeds(ctx context.Context, src tagfeed.Source) Result {
	now := f.Now()
	items, problems, err := seed.ReadDir(ctx, f.cfg.Path(src.URL))
	res := Result{Source: src, Problems: problems}
	if err != nil {
		res.Err = err // it names the folder
		if ctx.Err() != nil {
			return res // stopping: nothing to record
		}
		f.failed(&res.Source, 0, res.Err, 0, now)
		if _, saveErr := f.store.SaveFetch(ctx, res.Source, nil); saveErr != nil {
			res.Err = errors.Join(res.Err, fmt.Errorf("fetch: seed folder %s: save: %w", src.URL, saveErr))
		}
		return res
	}
	items = f.tag(items, src.ID)
	res.Items = len(items)
	warning := ""
	if len(problems) > 0 {
		warning = fmt.Sprintf("%d file(s) skipped: %v", len(problems), errors.Join(problems...))
	}
	f.succeeded(&res.Source, 0, now, warning)
	res.Counts, err = f.store.SaveFetch(ctx, res.Source, items)
	if err != nil {
		res.Err = fmt.Errorf("fetch: seed folder %s: save: %w", src.URL, err)
	}
	return res
}
