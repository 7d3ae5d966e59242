package tag

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// headlineAndBody reads an example as its first line and the rest.
func headlineAndBody(text string) (tagfeed.Item, error) {
	title, body, _ := strings.Cut(text, "\n")
	return tagfeed.Item{Title: title, Content: body}, nil
}

// TestCheckExamples checks that examples that hold pass, and that each
// one that does not is named by its key, with the engine's explanation.
func TestCheckExamples(t *testing.T) {
	e := mustNew(t, map[string]tagfeed.TagRule{
		"energy": {
			Keywords:    tagfeed.Terms("điện gió", "wind power"),
			Weak:        tagfeed.Terms("năng lượng"),
			OtherSenses: tagfeed.Terms("năng lượng cho cơ thể"),
			Examples: tagfeed.Examples{
				Tagged: []string{
					"Khởi công dự án điện gió ngoài khơi",
					"Wind power doubles\nNew turbines came online in the North Sea.",
					"Năng lượng cho tương lai", // weak alone: fails
				},
				NotTagged: []string{
					"Bắp ngô cung cấp năng lượng cho cơ thể",
					"Offshore wind power is cheaper than coal", // fails
				},
			},
		},
	})
	checked, failures, err := e.CheckExamples(headlineAndBody)
	if err != nil {
		t.Fatal(err)
	}
	if checked != 5 {
		t.Errorf("checked %d examples, want 5", checked)
	}
	var keys []string
	for _, f := range failures {
		keys = append(keys, f.Key)
	}
	if want := []string{"tags.energy.examples.tagged[2]", "tags.energy.examples.not_tagged[1]"}; !slices.Equal(keys, want) {
		t.Fatalf("failures %v, want %v", keys, want)
	}
	weak, wind := failures[0], failures[1]
	if !weak.Want || weak.Explain.Score != 3 || !strings.Contains(weak.Error(), "does not get the tag energy: score 3 < 6") {
		t.Errorf("weak-only example: %+v, %q", weak, weak.Error())
	}
	if wind.Want || wind.Explain.Score != 9 || !strings.Contains(wind.Error(), "gets the tag energy, which it must not: score 9 ≥ 6") {
		t.Errorf("English example: %+v, %q", wind, wind.Error())
	}

	broken := func(string) (tagfeed.Item, error) { return tagfeed.Item{}, errors.New("unreadable") }
	if _, _, err := e.CheckExamples(broken); err == nil || !strings.Contains(err.Error(), "tags.energy.examples.tagged[0]") {
		t.Errorf("a reader error: %v, want it to name the example", err)
	}
}

// TestShippedExamples runs the examples of the shipped config.yaml, each
// read as its first line and the rest; cmd/tagfeed runs them read as
// article files, as `tagfeed check` does.
func TestShippedExamples(t *testing.T) {
	checked, failures, err := shippedEngine(t).CheckExamples(headlineAndBody)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range failures {
		t.Errorf("%s: %v", f.Key, f)
	}
	if checked < 4*3 {
		t.Errorf("the shipped config has %d examples; want at least three per tag", checked)
	}
}
