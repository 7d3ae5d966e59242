package feeds_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/tagfeed/tagfeed/feeds"
)

// wantEntry is what a reader must get back from the rendered test items.
type wantEntry struct {
	title     string
	link      string
	published time.Time // zero: none
	tags      []string  // tag names (Atom readers see the labels)
	labels    []string
	content   string // a fragment of the content or description
	language  string
	// enclosures are "url type length", as gofeed reads them from Atom
	// and JSON Feed; RSS keeps the first.
	enclosures []string
}

func wantEntries() []wantEntry {
	return []wantEntry{
		{
			title:     "Nvidia & TSMC: “AI chips” <2 nm> – what's next?",
			link:      liveGUID,
			published: at("2024-07-01T01:00:00Z"),
			tags:      []string{"ai", "energy", "semiconductor"},
			labels:    []string{"Artificial intelligence", "Energy", "Semiconductors"},
			content:   `<a href="https://example.org/?a=1&amp;b=2">a link</a>, a ]]> that ends CDATA, a form feed and an émoji 🚀.`,
			language:  "en-US",
		},
		{
			title:     "Trung tâm Đổi mới sáng tạo Quốc gia hợp tác phát triển chíp bán dẫn",
			link:      "http://news.example.test:8080/items/10", // its own page
			published: at("2024-06-26T05:30:00Z"),
			tags:      []string{"nic", "semiconductor"},
			labels:    []string{"National Innovation Center (NIC)", "Semiconductors"},
			content:   "<p>Việt Nam đặt mục tiêu có 50.000 kỹ sư thiết kế vi mạch vào năm 2030.</p>",
			language:  "vi", // the config's
		},
		{
			title:    "A summary-only item with no date & no title; its text stands in for the title.",
			link:     "https://example.org/posts/42",
			tags:     []string{"ai"},
			labels:   []string{"Artificial intelligence"},
			content:  "no date &amp; no title",
			language: "de",
			enclosures: []string{
				"https://example.org/audio/42.mp3?a=1&b=2 audio/mpeg 3000000000",
				"https://example.org/images/42.png application/octet-stream ",
			},
		},
	}
}

// TestReadersParseRenderedFeeds parses every format back with gofeed, the
// parser many Go readers use, and checks that nothing is lost or mangled.
func TestReadersParseRenderedFeeds(t *testing.T) {
	var ids []string
	for _, f := range feeds.Formats() {
		t.Run(f.Ext(), func(t *testing.T) {
			feed, err := gofeed.NewParser().Parse(bytes.NewReader(renderTest(t, feeds.AllTopic, f)))
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			if want := "All items — Vietnam–US tech & economy"; feed.Title != want {
				t.Errorf("feed title = %q, want %q", feed.Title, want)
			}
			if feed.Language != "" {
				t.Errorf("feed language = %q, want none: its items' languages differ", feed.Language)
			}
			if want := "http://news.example.test:8080/feeds/all." + f.Ext(); feed.FeedLink != want {
				t.Errorf("feed link = %q, want %q", feed.FeedLink, want)
			}
			want := wantEntries()
			if len(feed.Items) != len(want) {
				t.Fatalf("got %d items, want %d", len(feed.Items), len(want))
			}
			var got []string
			for i, it := range feed.Items {
				w := want[i]
				got = append(got, it.GUID)
				if it.Title != w.title {
					t.Errorf("item %d title = %q, want %q", i, it.Title, w.title)
				}
				if it.Link != w.link {
					t.Errorf("item %d link = %q, want %q", i, it.Link, w.link)
				}
				wantTags := w.tags
				if f == feeds.Atom {
					wantTags = w.labels
				}
				if !slices.Equal(it.Categories, wantTags) {
					t.Errorf("item %d categories = %q, want %q", i, it.Categories, wantTags)
				}
				if text := it.Content + it.Description; !strings.Contains(text, w.content) {
					t.Errorf("item %d content lacks %q:\n%s", i, w.content, text)
				}
				switch {
				case w.published.IsZero() && it.PublishedParsed != nil && f != feeds.Atom:
					t.Errorf("item %d published = %v, want none", i, it.PublishedParsed)
				case !w.published.IsZero() && (it.PublishedParsed == nil || !it.PublishedParsed.Equal(w.published)):
					t.Errorf("item %d published = %v, want %v", i, it.PublishedParsed, w.published)
				}
				var enclosures []string
				for _, enc := range it.Enclosures {
					enclosures = append(enclosures, enc.URL+" "+enc.Type+" "+enc.Length)
				}
				wantEnclosures := w.enclosures
				if f == feeds.RSS {
					wantEnclosures = wantEnclosures[:min(1, len(wantEnclosures))] // RSS carries one
				}
				if !slices.Equal(enclosures, wantEnclosures) {
					t.Errorf("item %d enclosures = %q, want %q", i, enclosures, wantEnclosures)
				}
				if strings.ContainsAny(it.Title+it.Content+it.Description, "\x01\x0b\x0c") {
					t.Errorf("item %d kept control characters", i)
				}
			}
			if ids == nil {
				ids = got
			} else if !slices.Equal(got, ids) {
				t.Errorf("ids = %q, want the same as RSS: %q", got, ids)
			}
		})
	}
	if len(ids) == 3 && (ids[0] != liveGUID || !strings.HasPrefix(ids[1], "urn:uuid:") || !strings.HasPrefix(ids[2], "urn:uuid:")) {
		t.Errorf("ids = %q, want the live GUID, then two urn:uuid ids", ids)
	}
}

// TestAtomCategoriesHaveTerms reads the Atom categories with gofeed's Atom
// parser, which keeps term and label apart.
func TestAtomCategoriesHaveTerms(t *testing.T) {
	feed, err := (&atom.Parser{}).Parse(bytes.NewReader(renderTest(t, feeds.AllTopic, feeds.Atom)))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range feed.Entries {
		var terms, labels []string
		for _, c := range e.Categories {
			terms, labels = append(terms, c.Term), append(labels, c.Label)
		}
		w := wantEntries()[i]
		if !slices.Equal(terms, w.tags) || !slices.Equal(labels, w.labels) {
			t.Errorf("entry %d categories: terms %q labels %q, want %q %q", i, terms, labels, w.tags, w.labels)
		}
		if e.Updated == "" {
			t.Errorf("entry %d has no updated date", i)
		}
	}
	if feed.Authors == nil || feed.Authors[0].Name != "Vietnam–US tech & economy" {
		t.Errorf("feed authors = %+v, want the site", feed.Authors)
	}
}

// TestOutputsAreWellFormed decodes every XML output to its end and every
// JSON output into a value.
func TestOutputsAreWellFormed(t *testing.T) {
	var opml bytes.Buffer
	if err := feeds.WriteTopicsOPML(&opml, feeds.Topics(testConfig())); err != nil {
		t.Fatal(err)
	}
	outputs := map[string][]byte{"feeds.opml": opml.Bytes()}
	for _, topic := range []string{feeds.AllTopic, "nic", "energy", "semiconductor"} {
		for _, f := range feeds.Formats() {
			outputs[topic+"."+f.Ext()] = renderTest(t, topic, f)
		}
	}
	for name, out := range outputs {
		if strings.HasSuffix(name, ".json") {
			var v map[string]any
			if err := json.Unmarshal(out, &v); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err := wellFormed(out); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// wellFormed reads an XML document to its end with a strict decoder.
func wellFormed(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
