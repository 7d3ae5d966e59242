package fetch

import (
	"slices"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

func TestNewest(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }
	items := []tagfeed.Item{
		{Key: "old", Published: day(1)},
		{Key: "undated"},
		{Key: "newest", Published: day(9)},
		{Key: "mid", Published: day(5)},
		{Key: "also-mid", Published: day(5)},
	}
	tests := []struct {
		n    int
		want []string
	}{
		{5, []string{"old", "undated", "newest", "mid", "also-mid"}},
		{3, []string{"newest", "mid", "also-mid"}},
		{2, []string{"newest", "mid"}},
		{4, []string{"old", "newest", "mid", "also-mid"}},
	}
	for _, tt := range tests {
		var got []string
		for _, it := range newest(items, tt.n) {
			got = append(got, it.Key)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("newest(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
