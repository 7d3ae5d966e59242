package tagfeed_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	tagfeed "github.com/tagfeed/tagfeed"
)

func TestLoadConfigShipped(t *testing.T) {
	cfg, err := tagfeed.LoadConfig("config.yaml")
	if err != nil {
		t.Fatalf("the shipped config.yaml does not load: %v", err)
	}
	if got, want := strings.Join(cfg.TagNames(), ","), "ai,energy,nic,semiconductor"; got != want {
		t.Errorf("tags = %s, want %s", got, want)
	}
	if len(cfg.Feeds) == 0 {
		t.Error("the shipped config lists no feeds")
	}
	if got := cfg.Path("seeds"); got != "seeds" {
		t.Errorf("Path(seeds) = %q, want seeds (resolved against the config's folder)", got)
	}
}

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := tagfeed.ParseConfig("/etc/tagfeed/config.yaml", []byte("tags:\n  ai:\n    keywords: [AI]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := tagfeed.Default()
	if cfg.Fetch != want.Fetch || cfg.Listen != want.Listen || cfg.BaseURL != want.BaseURL {
		t.Errorf("defaults not applied: got %+v", cfg)
	}
	if got := cfg.Path("tagfeed.db"); got != "/etc/tagfeed/tagfeed.db" {
		t.Errorf("Path = %q, want it resolved against the config's folder", got)
	}
	if got := cfg.FeedInterval(tagfeed.FeedConfig{Interval: 2 * time.Hour}); got != 2*time.Hour {
		t.Errorf("FeedInterval with a per-feed interval = %v, want 2h", got)
	}
}

// TestParseConfigErrors checks that every kind of mistake is reported with
// the file, the line and the key.
func TestParseConfigErrors(t *testing.T) {
	const tags = "tags:\n  ai:\n    keywords: [AI]\n"
	tests := []struct {
		name, yaml string
		want       []string // each must appear in the error
	}{
		{"unknown key", "databse: x.db\n" + tags, []string{"config.yaml:1:", "databse", "unknown key"}},
		{"unknown nested key", "fetch:\n  interval: 1h\n  retries: 3\n" + tags, []string{"config.yaml:3:", "fetch.retries", "unknown key"}},
		{"bad duration", "fetch:\n  timeout: soon\n" + tags, []string{"config.yaml:2:", "fetch.timeout", `"soon"`, "duration"}},
		{"bad duration in flow mapping", "fetch: {interval: 30m, timeout: 3x}\n" + tags, []string{"config.yaml:1:", "fetch.timeout", `"3x"`}},
		{"short interval", "fetch:\n  interval: 10s\n" + tags, []string{"config.yaml:2:", "fetch.interval", "at least 1m"}},
		{"bad concurrency", "fetch:\n  concurrency: lots\n" + tags, []string{"config.yaml:2:", "fetch.concurrency", "whole number"}},
		{"feed URL not http", "feeds:\n  - url: ftp://example.org/feed\n" + tags, []string{"config.yaml:2:", "feeds[0].url", "http"}},
		{"feed URL relative", "feeds:\n  - url: /rss\n" + tags, []string{"config.yaml:2:", "feeds[0].url"}},
		{"duplicate feed", "feeds:\n  - url: https://a.example/rss\n  - url: https://a.example/rss\n" + tags, []string{"config.yaml:3:", "feeds[1].url", "twice"}},
		{"bad base_url", "base_url: localhost:8080\n" + tags, []string{"config.yaml:1:", "base_url"}},
		{"bad listen", "listen: 8080\n" + tags, []string{"config.yaml:1:", "listen", "HOST:PORT"}},
		{"no tags", "database: x.db\n", []string{"tags", "no tags"}},
		{"tag without terms", "tags:\n  ai:\n    title: AI\n", []string{"config.yaml:2:", "tags.ai", "no keywords"}},
		{"empty term", "tags:\n  ai:\n    keywords:\n      - AI\n      - ''\n", []string{"config.yaml:5:", "tags.ai.keywords[1]", "empty term"}},
		{"star inside term", "tags:\n  ai:\n    keywords: ['*chip']\n", []string{"config.yaml:3:", "tags.ai.keywords[0]", "* may only end"}},
		{"punctuation-only term", "tags:\n  ai:\n    case_sensitive: ['!!']\n", []string{"tags.ai.case_sensitive[0]", "no letter or digit"}},
		{"bad regex", "tags:\n  ai:\n    regex: ['(AI']\n", []string{"config.yaml:3:", "tags.ai.regex[0]", "bad regex"}},
		{"unknown field", "tags:\n  ai:\n    keywords: [AI]\n    fields: [title, body]\n", []string{"config.yaml:4:", "tags.ai.fields[1]", `"body"`}},
		{"bad tag name", "tags:\n  Tech News:\n    keywords: [AI]\n", []string{"config.yaml:2:", "Tech News", "lowercase"}},
		{"reserved tag name", "tags:\n  all:\n    keywords: [AI]\n", []string{"tags.all", "reserved"}},
		{"yaml syntax", "feeds:\n  - url: [broken\n" + tags, []string{"config.yaml:2:", "invalid YAML", `line reads "  - url: [broken"`}},
		{"flow mapping left open", "database: x.db\nfetch: {interval: 1h\n" + tags, []string{"config.yaml:2:", "expected ',' or '}'", `line reads "fetch: {interval: 1h"`}},
		{"list left open at the end", "tags:\n  ai:\n    keywords: [AI, GPU", []string{"config.yaml:3:", `line reads "    keywords: [AI, GPU"`}},
		{"old Mac line ends", "fetch:\r  interval: 1h\r- x\r" + tags, []string{"config.yaml:3:", "did not find expected key", `line reads "- x"`}},
		{"list item in a mapping", "fetch:\n  interval: 1h\n- x\n" + tags, []string{"config.yaml:3:", "did not find expected key"}},
		{"tab indentation", "fetch:\n\tinterval: 1h\n" + tags, []string{"config.yaml:2:", "invalid YAML"}},
		{"list where mapping", "fetch: [1, 2]\n" + tags, []string{"config.yaml:1: fetch: got a list, want a mapping"}},
		{"scalar where list", "tags:\n  ai:\n    keywords: AI\n", []string{"config.yaml:3:", "tags.ai.keywords", "want a list"}},
		{"min_score of old configs", "tags:\n  ai:\n    keywords: [AI]\n    min_score: 2\n", []string{"config.yaml:4:", "tags.ai.min_score", "replaced by threshold"}},
		{"negative threshold", "tags:\n  ai:\n    keywords: [AI]\n    threshold: -1\n", []string{"config.yaml:4:", "tags.ai.threshold", "negative"}},
		{"only context terms", "tags:\n  ai:\n    context: [robot]\n", []string{"config.yaml:2:", "tags.ai", "no keywords"}},
		{"term mapping, unknown key", "tags:\n  ai:\n    weak:\n      - {term: GPU, exact: true}\n", []string{"config.yaml:4:", "tags.ai.weak[0].exact", "unknown key"}},
		{"term mapping, bad value", "tags:\n  ai:\n    keywords:\n      - term: GPU\n        case_sensitive: often\n", []string{"config.yaml:5:", "tags.ai.keywords[0].case_sensitive", `"often"`, "true or false"}},
		{"term mapping without term", "tags:\n  ai:\n    keywords: [AI, {case_sensitive: true}]\n", []string{"config.yaml:3:", "tags.ai.keywords", "needs its term"}},
		{"term as a list", "tags:\n  ai:\n    keywords: [AI, [GPU]]\n", []string{"config.yaml:3:", "want a term"}},
		{"bad story pick", "stories:\n  pick: newest\n" + tags, []string{"config.yaml:2:", "stories.pick", `"newest"`, "earliest"}},
		{"story threshold above 1", "stories:\n  threshold: 35\n" + tags, []string{"config.yaml:2:", "stories.threshold", "at most 1"}},
		{"short story window", "stories:\n  window: 10m\n" + tags, []string{"config.yaml:2:", "stories.window", "at least 1h"}},
		{"empty example", "tags:\n  ai:\n    keywords: [AI]\n    examples:\n      tagged: ['AI', '']\n", []string{"config.yaml:5:", "tags.ai.examples.tagged[1]", "empty example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tagfeed.ParseConfig("config.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error for:\n%s", tt.yaml)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestTermForms checks that a term may be a string or a mapping, and that
// a config written back reads the same.
func TestTermForms(t *testing.T) {
	cfg, err := tagfeed.ParseConfig("config.yaml", []byte(`tags:
  chips:
    keywords: [bán dẫn, {term: TSMC, case_sensitive: true}]
    weak:
      - chip
      - term: GPU
        case_sensitive: true
    context: [{term: Intel}]
    examples:
      tagged: [TSMC mở nhà máy mới]
      not_tagged: [Cổ phiếu blue chip tăng]
`))
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.Tags["chips"]
	want := []tagfeed.TermList{
		{Name: "keywords", Terms: []tagfeed.Term{{Text: "bán dẫn"}, {Text: "TSMC", CaseSensitive: true}}},
		{Name: "case_sensitive", Terms: []tagfeed.Term{}},
		{Name: "weak", Terms: []tagfeed.Term{{Text: "chip"}, {Text: "GPU", CaseSensitive: true}}},
		{Name: "context", Terms: []tagfeed.Term{{Text: "Intel"}}},
	}
	got := r.TermLists()
	for i, w := range want {
		if got[i].Name != w.Name || !slices.Equal(got[i].Terms, w.Terms) {
			t.Errorf("list %d: got %+v, want %+v", i, got[i], w)
		}
	}
	if r.Examples.Tagged[0] != "TSMC mở nhà máy mới" || r.Examples.NotTagged[0] != "Cổ phiếu blue chip tăng" {
		t.Errorf("examples %+v", r.Examples)
	}
	if r.TagThreshold() != tagfeed.DefaultThreshold {
		t.Errorf("threshold %v, want the default %v", r.TagThreshold(), tagfeed.DefaultThreshold)
	}
	out, err := yaml.Marshal(cfg.Tags)
	if err != nil {
		t.Fatal(err)
	}
	again, err := tagfeed.ParseConfig("again.yaml", append([]byte("tags:\n"), indent(out)...))
	if err != nil {
		t.Fatalf("written back:\n%s\n%v", out, err)
	}
	if !slices.Equal(again.Tags["chips"].Weak, r.Weak) || !slices.Equal(again.Tags["chips"].Keywords, r.Keywords) {
		t.Errorf("written back and read: %+v, want %+v", again.Tags["chips"], r)
	}
}

func indent(b []byte) []byte {
	return []byte("  " + strings.ReplaceAll(strings.TrimSuffix(string(b), "\n"), "\n", "\n  ") + "\n")
}

func TestLocateFillsFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("tags:\n  ai:\n    keywords:\n      - AI\n      - robot\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := tagfeed.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.Locate(&tagfeed.ConfigError{Key: "tags.ai.keywords[1]", Msg: "a problem found later"})
	if want := path + ":5: tags.ai.keywords[1]: a problem found later"; err.Error() != want {
		t.Errorf("Locate = %q, want %q", err, want)
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, err := tagfeed.LoadConfig(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("error = %v, want one naming the file", err)
	}
}
