package feeds_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/feeds"
)

// TestJSONFeedShape checks the rules of JSON Feed 1.1 that no reader's
// parser enforces: required members, no deprecated author, content always
// present, url only when the item has a page, RFC 3339 dates.
func TestJSONFeedShape(t *testing.T) {
	var feed map[string]any
	if err := json.Unmarshal(renderTest(t, feeds.AllTopic, feeds.JSON), &feed); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"version":       "https://jsonfeed.org/version/1.1",
		"home_page_url": "http://news.example.test:8080/",
		"feed_url":      "http://news.example.test:8080/feeds/all.json",
	} {
		if feed[key] != want {
			t.Errorf("feed %s = %v, want %v", key, feed[key], want)
		}
	}
	if lang, ok := feed["language"]; ok {
		t.Errorf("feed language = %v, want none: its items' languages differ", lang)
	}
	if _, ok := feed["author"]; ok {
		t.Error("feed has the deprecated author member")
	}
	if a, ok := feed["authors"].([]any); !ok || len(a) != 1 {
		t.Errorf("feed authors = %v, want the site", feed["authors"])
	}
	items, _ := feed["items"].([]any)
	if len(items) != 3 {
		t.Fatalf("%d items, want 3", len(items))
	}
	wantURL := []bool{true, true, true} // the seed article links to its page on tagfeed
	for i, v := range items {
		it := v.(map[string]any)
		if id, _ := it["id"].(string); id == "" {
			t.Errorf("item %d has no id", i)
		}
		if _, ok := it["author"]; ok {
			t.Errorf("item %d has the deprecated author member", i)
		}
		if html, _ := it["content_html"].(string); html == "" {
			t.Errorf("item %d has no content_html", i)
		}
		if _, ok := it["url"]; ok != wantURL[i] {
			t.Errorf("item %d url present = %v, want %v", i, ok, wantURL[i])
		}
		if tags, _ := it["tags"].([]any); len(tags) == 0 {
			t.Errorf("item %d has no tags", i)
		}
		for _, key := range []string{"date_published", "date_modified"} {
			if s, ok := it[key].(string); ok {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					t.Errorf("item %d %s = %q: %v", i, key, s, err)
				}
			}
		}
	}
	if _, ok := items[2].(map[string]any)["date_published"]; ok {
		t.Error("the dateless item has a date_published")
	}
}
