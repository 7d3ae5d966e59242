package fetch_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/fetch"
)

// TestParseLanguageAndEnclosures wants each item's language (its own, else
// its feed's, in BCP 47 form) and its media: web addresses made absolute,
// each once, with a length only when the feed gave a number and a type
// only when it gave one.
func TestParseLanguageAndEnclosures(t *testing.T) {
	tests := []struct {
		file, url  string
		languages  []string
		enclosures [][]tagfeed.Enclosure
	}{
		{
			file: "podcast.xml", url: "https://podcast.example/feed.xml",
			languages: []string{"en-US", "en-US"},
			enclosures: [][]tagfeed.Enclosure{
				{{URL: "https://podcast.example/audio/12.mp3", Type: "audio/mpeg", Length: 48213004}},
				{{URL: "https://cdn.podcast.example/11.m4a", Type: "audio/x-m4a"},
					{URL: "https://cdn.podcast.example/11.pdf"}},
			},
		},
		{
			file: "multilingual.json", url: "https://multi.example/feed.json",
			languages: []string{"vi", "de-DE", "vi"},
			enclosures: [][]tagfeed.Enclosure{
				nil,
				{{URL: "https://multi.example/de/2.ogg", Type: "audio/ogg", Length: 5120000}},
				nil,
			},
		},
		{
			file: "atom-lang.xml", url: "https://lang.example/feed.atom",
			languages: []string{"de", "fr-FR"},
			enclosures: [][]tagfeed.Enclosure{
				nil,
				{{URL: "https://lang.example/fr/usine.mp4", Type: "video/mp4"}},
			},
		},
		{
			file: "atom.xml", url: "https://atom.example/blog/feed.atom",
			languages:  []string{"", ""},
			enclosures: [][]tagfeed.Enclosure{nil, nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			feed, err := fetch.Parse(bytes.NewReader(fixture(t, tt.file)), "", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) != len(tt.languages) {
				t.Fatalf("%d items, want %d", len(feed.Items), len(tt.languages))
			}
			for i, it := range feed.Items {
				if it.Language != tt.languages[i] {
					t.Errorf("item %d language %q, want %q", i, it.Language, tt.languages[i])
				}
				if !slices.Equal(it.Enclosures, tt.enclosures[i]) {
					t.Errorf("item %d enclosures %+v\nwant %+v", i, it.Enclosures, tt.enclosures[i])
				}
			}
		})
	}
}
