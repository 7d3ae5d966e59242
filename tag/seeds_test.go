package tag

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// TestSeedTags checks the shipped rules against the seed truth table,
// ../testdata/expected-tags.json, with each file tagged raw, as one body:
// neither the word-segmented 003 nor the site boilerplate at the end of
// 002 may change the answer. cmd/tagfeed checks the files read as the seed
// reader reads them, with headline, lead and body.
func TestSeedTags(t *testing.T) {
	e := shippedEngine(t)
	want := expectedSeedTags(t)
	items, _ := seedItems(t)
	if len(items) != len(want) {
		t.Fatalf("%d seed files, %d in expected-tags.json", len(items), len(want))
	}
	for _, it := range items {
		exp, ok := want[it.Key]
		if !ok {
			t.Errorf("%s is not in expected-tags.json", it.Key)
			continue
		}
		t.Run(it.Key, func(t *testing.T) {
			if got := tagNames(e.Tag(&it)); !slices.Equal(got, exp) {
				t.Errorf("raw file: tags %v, want %v", got, exp)
			}
		})
	}
}

// TestSeedBoilerplateUntagged checks that the related stories and footer
// after the article in seed 002 carry no topic of their own. (The file's
// last line, after the footer, repeats the headline, which does.)
func TestSeedBoilerplateUntagged(t *testing.T) {
	data, err := os.ReadFile("../seeds/002_8f2edd54ac70151b.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, boilerplate, ok := strings.Cut(string(data), "Bài liên quan")
	if !ok {
		t.Fatal(`seed 002 has no "Bài liên quan" section`)
	}
	boilerplate, _, ok = strings.Cut(boilerplate, "POWERED BY")
	if !ok {
		t.Fatal(`seed 002 has no "POWERED BY" footer`)
	}
	if got := shippedEngine(t).TagText("", boilerplate); got != nil {
		t.Errorf("boilerplate tags %v, want none", tagNames(got))
	}
}

func expectedSeedTags(tb testing.TB) map[string][]string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "expected-tags.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var want map[string][]string
	if err := json.Unmarshal(data, &want); err != nil {
		tb.Fatalf("expected-tags.json: %v", err)
	}
	return want
}

// tagNames returns the names of tags, in their order.
func tagNames(tags []tagfeed.ItemTag) []string {
	names := []string{}
	for _, t := range tags {
		names = append(names, t.Tag)
	}
	return names
}
