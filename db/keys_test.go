package db

import (
	"context"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// TestSaveFetchOddKeys checks that keys JSON or SQL could mangle are found
// again on the next fetch, so they are neither duplicated nor refused.
func TestSaveFetchOddKeys(t *testing.T) {
	d, _ := MustOpen(t)
	src := mustSource(t, d, "https://example.org/rss")
	keys := []string{
		"plain",
		"https://example.org/a?b=1&c=\"2\"#frag",
		"Việt Nam – chíp bán dẫn",
		"bad \xff\xfe utf-8",
		"nul \x00 inside",
		"quote ' and \\ backslash",
		"   spaces   ",
		strings.Repeat("long", 2000),
		"[\"json\", 1]",
	}
	var batch []tagfeed.Item
	for _, k := range keys {
		batch = append(batch, item(k, "Title", "ai"))
	}
	for round, want := range []tagfeed.SaveCounts{{New: len(keys)}, {Unchanged: len(keys)}} {
		got := mustSave(t, d, src, batch...)
		if got != want {
			t.Errorf("round %d: counts %+v, want %+v", round+1, got, want)
		}
	}
	c, err := d.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Items != len(keys) {
		t.Errorf("%d items stored, want %d", c.Items, len(keys))
	}
	stored := map[string]bool{}
	for _, it := range mustItems(t, d, tagfeed.Selection{}) {
		stored[it.Key] = true
	}
	for _, k := range keys {
		if want := strings.ToValidUTF8(k, "\uFFFD"); !stored[want] {
			t.Errorf("key %q not stored as %q", k, want)
		}
	}
}
