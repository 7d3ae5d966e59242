package tagfeed

import (
	"slices"
	"testing"
)

// TestTagRecords encodes tags into records and back: sorted by name, the
// last of a name winning, the same records for the same tags, and each
// decoding to the tag it was made from.
func TestTagRecords(t *testing.T) {
	energy := ItemTag{Tag: "energy", Score: 1.5, Threshold: 1, BodyWords: 300,
		Matches:   []Match{{Term: "điện gió", Field: FieldTitle, Count: 2}},
		Terms:     []TermScore{{Term: "điện gió", Role: RoleStrong, Headline: 2, Points: 1.5}},
		Cancelled: []Cancel{{Term: "gió", Sense: "gió mùa", Count: 1}}}
	ai := ItemTag{Tag: "ai", Score: 2, Threshold: 2}
	recs, err := EncodeTags([]ItemTag{energy, {Tag: "ai", Score: 9}, ai})
	if err != nil {
		t.Fatal(err)
	}
	if got := TagRecordNames(recs); !slices.Equal(got, []string{"ai", "energy"}) {
		t.Fatalf("names %v, want [ai energy]", got)
	}
	again, _ := EncodeTags([]ItemTag{ai, energy})
	if !slices.Equal(recs, again) || !SameTagNames(recs, again) {
		t.Errorf("the same tags encode differently:\n%+v\n%+v", recs, again)
	}
	var decoded []ItemTag
	for _, r := range recs {
		tag, err := r.Decode()
		if err != nil {
			t.Fatal(err)
		}
		decoded = append(decoded, tag)
	}
	if !SameTags(decoded, []ItemTag{ai, energy}) {
		t.Errorf("decoded %+v, want %+v", decoded, []ItemTag{ai, energy})
	}
	if _, err := (TagRecord{Tag: "x", Matches: "[", Evidence: "{}"}).Decode(); err == nil {
		t.Error("a broken record decoded")
	}
}

// TestEnclosures encodes enclosures as a JSON array, "[]" for none.
func TestEnclosures(t *testing.T) {
	es := []Enclosure{{URL: "https://a.example/1.mp3", Type: "audio/mpeg", Length: 42}}
	for _, in := range [][]Enclosure{nil, es} {
		s, err := EncodeEnclosures(in)
		if err != nil {
			t.Fatal(err)
		}
		out, err := DecodeEnclosures(s)
		if err != nil || !slices.Equal(out, in) {
			t.Errorf("%v → %q → %v, %v", in, s, out, err)
		}
	}
}
