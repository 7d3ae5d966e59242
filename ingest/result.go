package ingest

import (
	"fmt"
	"strings"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// Result is what fetching one source once did.
type Result struct {
	// Source is the source after the fetch, with its new status.
	Source tagfeed.Source
	Counts tagfeed.SaveCounts
	// Items is how many items the source gave; Skipped how many it left
	// unread because they are as stored (a seed folder's unchanged
	// files), which Counts holds as unchanged.
	Items, Skipped int
	// NotModified is set when the server answered 304.
	NotModified bool
	// MovedTo is the feed's new address when a permanent redirect moved it.
	MovedTo string
	// Err is why the fetch failed; it is stored in the source's status too.
	Err error
	// Problems are the files of a seed folder that could not be used; the
	// other files were saved.
	Problems []error
	// Took is how long the fetch took.
	Took time.Duration
}

// Outcome sums the result up in one word: "new", "updated", "unchanged" or
// "error".
func (r Result) Outcome() string {
	if r.Err != nil {
		return "error"
	}
	return r.Counts.Outcome()
}

// Summary is one line for people: the outcome, the source and what
// happened, such as
//
//	new        https://host/feed.xml  3 new, 1 updated
//	error      https://host/feed.xml : fetch https://host/feed.xml: 503 Service Unavailable (retry after 2m0s)
func (r Result) Summary() string {
	if r.Err != nil {
		return fmt.Sprintf("%-10s %s : %v", "error", r.Source.URL, r.Err)
	}
	var parts []string
	c := r.Counts
	switch {
	case r.NotModified:
		parts = append(parts, "not modified")
	case c.New+c.Updated == 0 && r.Items+r.Skipped == 0:
		parts = append(parts, "no items")
	case c.New+c.Updated == 0:
		parts = append(parts, fmt.Sprintf("%d unchanged", c.Unchanged))
	}
	if c.New > 0 {
		parts = append(parts, fmt.Sprintf("%d new", c.New))
	}
	if c.Updated > 0 {
		parts = append(parts, fmt.Sprintf("%d updated", c.Updated))
	}
	if r.MovedTo != "" {
		parts = append(parts, "moved to "+r.MovedTo)
	}
	if n := len(r.Problems); n > 0 {
		msgs := make([]string, n)
		for i, p := range r.Problems {
			msgs[i] = p.Error()
		}
		parts = append(parts, fmt.Sprintf("%d skipped: %s", n, strings.Join(msgs, "; ")))
	}
	return fmt.Sprintf("%-10s %s  %s", r.Outcome(), r.Source.URL, strings.Join(parts, ", "))
}
