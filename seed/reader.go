package seed

import (
	"context"
	"errors"
	"fmt"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// BatchSize is how many articles a Reader hands over at a time: enough to
// make each write worth its transaction, few enough that a folder of any
// size is read in flat memory.
const BatchSize = 500

// Reader reads seed folders for the ingest pipeline (a
// tagfeed.SourceReader). A rescan reads only the files that changed: a
// file whose size and modification time are those it had when its item
// was stored is skipped without being opened.
type Reader struct {
	// Path turns a folder as configured into a path on disk.
	Path func(folder string) string
	// Fingerprints returns the fingerprints of a folder's stored items, by
	// key; nil reads every file every time.
	Fingerprints func(ctx context.Context, sourceID int64) (map[string]string, error)
	// Now tells the time of a read; time.Now when nil.
	Now func() time.Time
	// Interval is the time between scans, for the next-read time a
	// source's status shows.
	Interval time.Duration
}

// Read scans the folder src names and hands its new and changed articles
// to save in batches of BatchSize. Files that cannot be used are named in
// the reading's problems and the source's warning; the others are read.
// A folder that cannot be read at all is the reading's error.
func (r *Reader) Read(ctx context.Context, src tagfeed.Source, save func([]tagfeed.Item) error) tagfeed.Reading {
	now := r.now()
	rd := tagfeed.Reading{Source: src}
	s := scan{dir: src.URL, batch: BatchSize, save: save}
	if r.Path != nil {
		s.dir = r.Path(src.URL)
	}
	if r.Fingerprints != nil {
		known, err := r.Fingerprints(ctx, src.ID)
		if err != nil {
			return r.failed(ctx, rd, fmt.Errorf("seed folder %s: %w", src.URL, err), now)
		}
		s.known = known
	}
	err := s.run(ctx)
	rd.Items, rd.Skipped, rd.Problems = s.read, s.skipped, s.problems
	if err != nil {
		return r.failed(ctx, rd, err, now)
	}
	st := &rd.Source.Status
	st.LastAttempt, st.LastSuccess = now, now
	st.Error, st.Warning, st.Failures = "", "", 0
	st.NextFetch = now.Add(r.Interval)
	if n := len(s.problems); n > 0 {
		st.Warning = fmt.Sprintf("%d file(s) skipped: %v", n, errors.Join(s.problems...))
	}
	return rd
}

// Failed returns the folder's state after a scan whose articles could not
// be stored.
func (r *Reader) Failed(src tagfeed.Source, err error) tagfeed.Source {
	return r.failed(context.Background(), tagfeed.Reading{Source: src}, err, r.now()).Source
}

// failed records a failed scan, unless ctx ended (the program is
// stopping), and returns the reading with its error.
func (r *Reader) failed(ctx context.Context, rd tagfeed.Reading, err error, now time.Time) tagfeed.Reading {
	rd.Err = err
	if ctx.Err() != nil {
		return rd
	}
	st := &rd.Source.Status
	st.LastAttempt = now
	st.Error = err.Error()
	st.Failures++
	st.NextFetch = now.Add(r.Interval)
	return rd
}

func (r *Reader) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}
