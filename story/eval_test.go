package story_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

// vnnews is the folder of real Vietnamese news shared beside the
// repository.
const vnnews = "../../shared/vnnews"

// labelledPair is one entry of stories.json.
type labelledPair struct {
	A, B string
	Same bool
	Why  string
}

// readVnnews returns the articles of ../shared/vnnews as undated items
// first seen at one time, in file-name order, their ids from 1, and the
// labelled pairs that are not ambiguous; it skips the test without them.
func readVnnews(tb testing.TB) ([]tagfeed.Item, map[string]int64, []labelledPair) {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(vnnews, "stories.json"))
	if err != nil {
		tb.Skipf("no labelled story pairs (%v): the shared vnnews data is not beside the repository", err)
	}
	var all, pairs []labelledPair
	if err := json.Unmarshal(raw, &all); err != nil {
		tb.Fatalf("stories.json: %v", err)
	}
	for _, p := range all {
		if !strings.Contains(p.Why, "ambiguous") {
			pairs = append(pairs, p)
		}
	}
	names, err := filepath.Glob(filepath.Join(vnnews, "articles", "*.txt"))
	if err != nil || len(names) == 0 {
		tb.Skipf("no vnnews articles: %v", err)
	}
	slices.Sort(names)
	seen := time.Date(2017, 7, 15, 0, 0, 0, 0, time.UTC) // undated, read at once
	items := make([]tagfeed.Item, 0, len(names))
	ids := map[string]int64{}
	for i, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n")
		id := int64(i + 1)
		ids[filepath.Base(name)] = id
		items = append(items, tagfeed.Item{ID: id, Key: strconv.FormatInt(id, 10), Title: title, Content: body, FirstSeen: seen})
	}
	return items, ids, pairs
}

// TestLabelledPairs groups the 8,000 vnnews articles one at a time, as
// they would arrive, and measures "same story" on the hand-labelled pairs.
func TestLabelledPairs(t *testing.T) {
	items, ids, pairs := readVnnews(t)
	cfg := tagfeed.Default().Stories
	x := story.NewIndex(cfg, 0, tag.Normalize)
	stories := map[int64]int64{}
	for i := range items {
		ref := x.Place(&items[i])
		stories[items[i].ID] = ref.ID
	}
	var tp, fp, fn, tn int
	for _, p := range pairs {
		a, b := ids[p.A], ids[p.B]
		got := stories[a] == stories[b]
		switch {
		case got && p.Same:
			tp++
		case got:
			fp++
			t.Logf("kept together, labelled apart: %s %s (%s)", p.A, p.B, p.Why)
		case p.Same:
			fn++
			t.Logf("kept apart, labelled the same: %s %s (%s)", p.A, p.B, p.Why)
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("%d pairs: precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d); %d stories of %d items",
		len(pairs), precision, recall, tp, fp, fn, tn, countStories(stories), len(items))
	if precision < 0.9 || recall < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: want at least 0.9 of each", precision, recall)
	}
}

func countStories(m map[int64]int64) int {
	s := map[int64]bool{}
	for _, v := range m {
		s[v] = true
	}
	return len(s)
}
