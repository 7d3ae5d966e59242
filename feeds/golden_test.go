package feeds_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/tagfeed/tagfeed/feeds"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// checkGolden compares got with testdata/golden/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./feeds -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./feeds -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// renderTest renders a topic of the test items in format f.
func renderTest(t *testing.T, topic string, f feeds.Format) []byte {
	t.Helper()
	tp, err := feeds.LookupTopic(testConfig(), topic)
	if err != nil {
		t.Fatal(err)
	}
	items := testItems()
	if topic != feeds.AllTopic {
		kept := items[:0]
		for _, it := range items {
			if it.HasTag(topic) {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	var buf bytes.Buffer
	if err := feeds.Render(&buf, f, tp, items); err != nil {
		t.Fatalf("Render(%s, %v): %v", topic, f, err)
	}
	return buf.Bytes()
}

func TestRenderGolden(t *testing.T) {
	for _, topic := range []string{feeds.AllTopic, "nic", "energy"} {
		for _, f := range feeds.Formats() {
			name := topic + "." + f.Ext()
			t.Run(name, func(t *testing.T) {
				checkGolden(t, name, renderTest(t, topic, f))
			})
		}
	}
}

// TestRenderEmptyGolden renders a topic with no items: the feed's date
// falls back to the topic's, and JSON Feed still has its items array.
func TestRenderEmptyGolden(t *testing.T) {
	tp, err := feeds.LookupTopic(testConfig(), "ai")
	if err != nil {
		t.Fatal(err)
	}
	tp.Updated = at("2024-07-02T00:00:00Z")
	for _, f := range feeds.Formats() {
		t.Run(f.Ext(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := feeds.Render(&buf, f, tp, nil); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "empty."+f.Ext(), buf.Bytes())
		})
	}
}

func TestOPMLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := feeds.WriteTopicsOPML(&buf, feeds.Topics(testConfig())); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "feeds.opml", buf.Bytes())
	buf.Reset()
	if err := feeds.WriteSourcesOPML(&buf, testSources()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "sources.opml", buf.Bytes())
}

func TestIndexGolden(t *testing.T) {
	ts, _ := newTestServer(t)
	_, page := get(t, "GET", ts.URL+"/", nil)
	checkGolden(t, "index.html", []byte(page))
}
