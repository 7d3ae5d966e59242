package tagfeed_test

import (
	"strings"
	"testing"

	tagfeed "github.com/tagfeed/tagfeed"
)

// TestFeedFullTextKey reads feeds[].fulltext: on and off, and a value
// that is not a boolean or a misspelt key, named by file, line and key.
func TestFeedFullTextKey(t *testing.T) {
	const tags = "tags:\n  ai:\n    keywords: [AI]\n"
	tests := []struct {
		name, yaml string
		want       []bool   // each feed's FullText, when the config loads
		errs       []string // each must appear in the error, when it does not
	}{
		{"on and off", "feeds:\n  - url: https://a.example/rss\n    fulltext: true\n  - url: https://b.example/rss\n" + tags,
			[]bool{true, false}, nil},
		{"flow mapping", "feeds: [{url: 'https://a.example/rss', fulltext: false}]\n" + tags, []bool{false}, nil},
		{"not a boolean", "feeds:\n  - url: https://a.example/rss\n    fulltext: sometimes\n" + tags,
			nil, []string{"config.yaml:3:", "feeds[0].fulltext", `"sometimes"`, "true or false"}},
		{"misspelt", "feeds:\n  - url: https://a.example/rss\n    full_text: true\n" + tags,
			nil, []string{"config.yaml:3:", "feeds[0].full_text", "unknown key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := tagfeed.ParseConfig("config.yaml", []byte(tt.yaml))
			if tt.errs != nil {
				if err == nil {
					t.Fatal("loaded; want an error")
				}
				for _, w := range tt.errs {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.Feeds) != len(tt.want) {
				t.Fatalf("%d feeds, want %d", len(cfg.Feeds), len(tt.want))
			}
			for i, f := range cfg.Feeds {
				if f.FullText != tt.want[i] {
					t.Errorf("feeds[%d].FullText = %v, want %v", i, f.FullText, tt.want[i])
				}
			}
		})
	}
}
