package ingest_test

import (
	"errors"
	"testing"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

func TestResultSummary(t *testing.T) {
	src := tagfeed.Source{URL: "https://host/feed.xml"}
	tests := []struct {
		name    string
		res     ingest.Result
		outcome string
		want    string
	}{
		{"new", ingest.Result{Source: src, Items: 20, Counts: tagfeed.SaveCounts{New: 3, Updated: 1, Unchanged: 16}},
			"new", "new        https://host/feed.xml  3 new, 1 updated"},
		{"updated", ingest.Result{Source: src, Items: 20, Counts: tagfeed.SaveCounts{Updated: 2, Unchanged: 18}},
			"updated", "updated    https://host/feed.xml  2 updated"},
		{"unchanged", ingest.Result{Source: src, Items: 20, Counts: tagfeed.SaveCounts{Unchanged: 20}},
			"unchanged", "unchanged  https://host/feed.xml  20 unchanged"},
		{"not modified", ingest.Result{Source: src, NotModified: true},
			"unchanged", "unchanged  https://host/feed.xml  not modified"},
		{"empty feed", ingest.Result{Source: src},
			"unchanged", "unchanged  https://host/feed.xml  no items"},
		{"moved", ingest.Result{Source: src, NotModified: true, MovedTo: "https://new/feed.xml"},
			"unchanged", "unchanged  https://host/feed.xml  not modified, moved to https://new/feed.xml"},
		{"error", ingest.Result{Source: src, Err: errors.New("fetch https://host/feed.xml: 503 Service Unavailable (retry after 2m0s)")},
			"error", "error      https://host/feed.xml : fetch https://host/feed.xml: 503 Service Unavailable (retry after 2m0s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.res.Outcome(); got != tt.outcome {
				t.Errorf("Outcome() = %q, want %q", got, tt.outcome)
			}
			if got := tt.res.Summary(); got != tt.want {
				t.Errorf("Summary()\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}
