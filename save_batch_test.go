package tagfeed_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// TestPrepareSave checks the rules every store saves items by: keys made
// storable and matched as stored, the last item of a key kept in the
// first one's place, and an empty key failing the whole batch.
func TestPrepareSave(t *testing.T) {
	upper := strings.ToUpper // a store that keeps keys in upper case
	for _, tc := range []struct {
		name    string
		items   []tagfeed.Item
		want    []string // Key=Title of each pending item, in order
		wantErr string
	}{
		{"distinct keys keep their order", []tagfeed.Item{{Key: "b", Title: "B"}, {Key: "a", Title: "A"}}, []string{"B=B", "A=A"}, ""},
		{"the last of a key wins, in the first one's place",
			[]tagfeed.Item{{Key: "a", Title: "first"}, {Key: "b", Title: "B"}, {Key: "a", Title: "second"}}, []string{"A=second", "B=B"}, ""},
		{"keys the store keeps alike are one", []tagfeed.Item{{Key: "a", Title: "lower"}, {Key: "A", Title: "upper"}}, []string{"A=upper"}, ""},
		{"an empty key fails the batch", []tagfeed.Item{{Key: "a", Title: "A"}, {Title: "no key"}}, nil, `item 1 ("no key") has an empty key`},
		{"no items", nil, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			batch, err := tagfeed.PrepareSave(tc.items, upper)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range batch {
				got = append(got, p.Key+"="+p.Item.Title)
				if p.Hash != p.Item.Hash() || p.Enclosures != "[]" {
					t.Errorf("%s: hash %q, enclosures %q; want the item's hash and []", p.Key, p.Hash, p.Enclosures)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("pending %v, want %v", got, tc.want)
			}
		})
	}
}

// TestPrepareSaveEncodesTags wants each item's tags encoded as stores
// keep them.
func TestPrepareSaveEncodesTags(t *testing.T) {
	it := tagfeed.Item{Key: "k", Tags: []tagfeed.ItemTag{{Tag: "ai", Score: 2.5}}}
	batch, err := tagfeed.PrepareSave([]tagfeed.Item{it}, func(k string) string { return k })
	if err != nil {
		t.Fatal(err)
	}
	want, err := tagfeed.EncodeTags(it.Tags)
	if err != nil {
		t.Fatal(err)
	}
	if len(batch) != 1 || len(want) != 1 || !slices.Equal(batch[0].Tags, want) {
		t.Errorf("tags %+v, want %+v", batch[0].Tags, want)
	}
}
