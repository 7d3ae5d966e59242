package main

import (
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// TestSourceState names how each kind of source is doing in one word.
func TestSourceState(t *testing.T) {
	t0 := time.Date(2025, 11, 5, 8, 0, 0, 0, time.UTC)
	now := tagfeed.FetchStatus{LastAttempt: t0}
	tests := []struct {
		name       string
		status     tagfeed.FetchStatus
		configured bool
		want       string
	}{
		{"never fetched", tagfeed.FetchStatus{}, true, "new"},
		{"fetched", now, true, "ok"},
		{"failing twice", tagfeed.FetchStatus{LastAttempt: t0, Error: "fetch: 500", Failures: 2}, true, "failing×2"},
		{"seed folder with a skipped file", tagfeed.FetchStatus{LastAttempt: t0, Warning: "1 file(s) skipped"}, true, "partial"},
		{"a save that failed here", tagfeed.FetchStatus{LastAttempt: t0, Error: "save: disk full"}, true, "retrying"},
		{"a feed that breaks off", tagfeed.FetchStatus{LastAttempt: t0, Warning: "the document breaks off"}, true, "partial"},
		{"gone", tagfeed.FetchStatus{LastAttempt: t0, Error: "fetch: 410", Failures: 1, Gone: true}, true, "gone"},
		{"no longer configured", now, false, "removed"},
	}
	for _, tt := range tests {
		if got := sourceState(tagfeed.Source{Status: tt.status}, tt.configured); got != tt.want {
			t.Errorf("%s: state %q, want %q", tt.name, got, tt.want)
		}
	}
}
