package tagfeed_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

func TestAppendFeeds(t *testing.T) {
	const tags = "\ntags:\n  ai:\n    keywords: [AI] # the acronym\n"
	newFeed := tagfeed.FeedConfig{URL: "https://new.example/feed.xml", Title: "New: the feed"}
	tests := []struct {
		name, before, after string
	}{
		{
			name:   "appends after the last entry, keeping comments",
			before: "# top comment\nfeeds:\n  # VnExpress\n  - url: https://a.example/rss\n    title: A # inline\n\n  # more to come\n" + tags,
			after:  "# top comment\nfeeds:\n  # VnExpress\n  - url: https://a.example/rss\n    title: A # inline\n  - url: https://new.example/feed.xml\n    title: \"New: the feed\"\n\n  # more to come\n" + tags,
		},
		{
			name:   "keeps a zero indent",
			before: "feeds:\n- url: https://a.example/rss\n" + tags,
			after:  "feeds:\n- url: https://a.example/rss\n- url: https://new.example/feed.xml\n  title: \"New: the feed\"\n" + tags,
		},
		{
			name:   "replaces an empty list",
			before: "feeds: []  # none yet\n" + tags,
			after:  "feeds:\n  - url: https://new.example/feed.xml\n    title: \"New: the feed\"\n" + tags,
		},
		{
			name:   "creates the list",
			before: "database: x.db" + tags,
			after:  "database: x.db" + tags + "\nfeeds:\n  - url: https://new.example/feed.xml\n    title: \"New: the feed\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(path, []byte(tt.before), 0o600); err != nil {
				t.Fatal(err)
			}
			added, err := tagfeed.AppendFeeds(path, []tagfeed.FeedConfig{newFeed})
			if err != nil {
				t.Fatal(err)
			}
			if len(added) != 1 {
				t.Errorf("added %d feeds, want 1", len(added))
			}
			got, _ := os.ReadFile(path)
			if string(got) != tt.after {
				t.Errorf("file after:\n%s\nwant:\n%s", got, tt.after)
			}
			if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
				t.Errorf("mode = %v, want the file's own 0600 kept", info.Mode().Perm())
			}
			cfg, err := tagfeed.LoadConfig(path)
			if err != nil {
				t.Fatal(err)
			}
			if last := cfg.Feeds[len(cfg.Feeds)-1]; last != newFeed {
				t.Errorf("last feed = %+v, want %+v", last, newFeed)
			}
		})
	}
}

func TestAppendFeedsSkipsListedAndKeepsBadFilesUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	before := "feeds:\n  - url: https://a.example/rss\ntags:\n  ai:\n    keywords: [AI]\n"
	os.WriteFile(path, []byte(before), 0o644)
	added, err := tagfeed.AppendFeeds(path, []tagfeed.FeedConfig{{URL: "https://a.example/rss"}})
	if err != nil || len(added) != 0 {
		t.Errorf("AppendFeeds(listed feed) = %v, %v; want nothing added", added, err)
	}
	_, err = tagfeed.AppendFeeds(path, []tagfeed.FeedConfig{{URL: "ftp://bad.example/", Interval: time.Hour}})
	if err == nil || !strings.Contains(err.Error(), "ftp://bad.example/") {
		t.Errorf("AppendFeeds(bad URL) error = %v, want one naming the URL", err)
	}
	if got, _ := os.ReadFile(path); string(got) != before {
		t.Errorf("a failed AppendFeeds changed the file:\n%s", got)
	}
}

// TestAppendFeedsQuotesYAMLWords keeps titles YAML would read as null or
// a boolean.
func TestAppendFeedsQuotesYAMLWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte("tags:\n  ai:\n    keywords: [AI]\n"), 0o644)
	titles := []string{"null", "~", "True", "no: colon", "#hash"}
	var list []tagfeed.FeedConfig
	for i, title := range titles {
		list = append(list, tagfeed.FeedConfig{URL: "https://example.org/" + string(rune('a'+i)), Title: title})
	}
	if _, err := tagfeed.AppendFeeds(path, list); err != nil {
		t.Fatal(err)
	}
	cfg, err := tagfeed.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range cfg.Feeds {
		if f.Title != titles[i] {
			t.Errorf("feed %d title = %q, want %q", i, f.Title, titles[i])
		}
	}
}
