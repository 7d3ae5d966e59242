package tagfeed

import "context"

// A SourceReader reads one kind of source: package fetch reads live feeds
// over HTTP, package seed reads folders of articles. The ingest pipeline
// runs them, and tags and stores what they read.
type SourceReader interface {
	// Read reads src once, now. It hands the items it reads to save,
	// untagged, in batches as it goes, and stops with save's error if
	// save fails. It returns the source's new state.
	Read(ctx context.Context, src Source, save func([]Item) error) Reading
	// Failed returns src's state after a read whose items could not be
	// stored: err recorded and the next read put off, the rest (such as a
	// feed's validators) as it was before the read, so that the next read
	// brings the items again.
	Failed(src Source, err error) Source
}

// A Reading is what reading a source once gave.
type Reading struct {
	// Source is the source with its new status, and the title, site URL
	// and fetch URL it now has.
	Source Source
	// Items counts the items read; Skipped those left as stored without
	// being read again, such as a seed folder's unchanged files.
	Items, Skipped int
	// NotModified is set when the server answered 304.
	NotModified bool
	// MovedTo is the feed's new address when a permanent redirect moved it.
	MovedTo string
	// Problems are the files of a seed folder that could not be used; the
	// others were read.
	Problems []error
	// Err is why the read failed; it is in Source.Status too.
	Err error
}
