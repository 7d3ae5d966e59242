package feeds_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"testing"

	"github.com/tagfeed/tagfeed/feeds"
)

// TestItemsKeepTheirLanguage checks that a feed names its language once
// when its items share one, and otherwise leaves it out and gives each
// item its own: a German item in "all" is not marked Vietnamese.
func TestItemsKeepTheirLanguage(t *testing.T) {
	tests := []struct {
		topic   string
		feed    string   // the feed's language
		entries []string // each entry's own, "" where it inherits the feed's
	}{
		{topic: feeds.AllTopic, feed: "", entries: []string{"en-US", "vi", "de"}},
		{topic: "ai", feed: "", entries: []string{"en-US", "de"}},
		{topic: "nic", feed: "vi", entries: []string{""}},
	}
	for _, tt := range tests {
		for _, f := range feeds.Formats() {
			t.Run(tt.topic+"."+f.Ext(), func(t *testing.T) {
				feed, entries := languages(t, f, renderTest(t, tt.topic, f))
				if feed != tt.feed || !slices.Equal(entries, tt.entries) {
					t.Errorf("feed language %q, entries %q; want %q, %q", feed, entries, tt.feed, tt.entries)
				}
			})
		}
	}
}

// languages reads the language of a rendered feed and of each of its
// entries, as each format writes them.
func languages(t *testing.T, f feeds.Format, doc []byte) (string, []string) {
	t.Helper()
	var feed string
	var entries []string
	switch f {
	case feeds.RSS:
		var v struct {
			Channel struct {
				Language string `xml:"language"`
				Items    []struct {
					Language string `xml:"http://purl.org/dc/elements/1.1/ language"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		err := xml.NewDecoder(bytes.NewReader(doc)).Decode(&v)
		if err != nil {
			t.Fatal(err)
		}
		feed = v.Channel.Language
		for _, it := range v.Channel.Items {
			entries = append(entries, it.Language)
		}
	case feeds.Atom:
		var v struct {
			Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Entries []struct {
				Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(doc, &v); err != nil {
			t.Fatal(err)
		}
		feed = v.Lang
		for _, e := range v.Entries {
			entries = append(entries, e.Lang)
		}
	case feeds.JSON:
		var v struct {
			Language string `json:"language"`
			Items    []struct {
				Language string `json:"language"`
			} `json:"items"`
		}
		if err := json.Unmarshal(doc, &v); err != nil {
			t.Fatal(err)
		}
		feed = v.Language
		for _, it := range v.Items {
			entries = append(entries, it.Language)
		}
	}
	return feed, entries
}
