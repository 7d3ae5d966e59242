package feeds_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

func TestParseOPML(t *testing.T) {
	tests := []struct {
		file    string
		want    []tagfeed.FeedConfig
		skipped []string // a fragment of each problem, in order
		err     string   // a fragment of the error, when no feeds come back
	}{
		{file: "miniflux.opml", want: []tagfeed.FeedConfig{
			{URL: "https://vnexpress.net/rss/kinh-doanh.rss", Title: "VnExpress – Kinh doanh"},
			{URL: "https://dantri.com.vn/rss/kinh-doanh.rss", Title: "Dân trí – Kinh doanh"},
			{URL: "https://example.org/untitled.xml"}, // its title was only its URL
		}},
		{file: "freshrss.opml", want: []tagfeed.FeedConfig{
			{URL: "https://vnexpress.net/rss/so-hoa.rss", Title: "Số hóa"},
			{URL: "https://labs.example.com/atom.xml", Title: "AT&T <Labs>"},
			{URL: "https://tuoitre.vn/rss/tin-moi-nhat.rss", Title: "Tuổi Trẻ"},
		}},
		{file: "feedly.opml", want: []tagfeed.FeedConfig{
			{URL: "https://thanhnien.vn/rss/home.rss", Title: "Thanh Niên"},
			{URL: "https://e.vnexpress.net/rss/business.rss", Title: "VnExpress International"},
		}},
		{file: "latin1.opml", want: []tagfeed.FeedConfig{
			{URL: "http://cafe.example.net/feed", Title: "Café & crème"},
		}},
		{file: "quirks.opml", want: []tagfeed.FeedConfig{
			{URL: "http://rd.example.com/feed?a=1&b=2", Title: "R&D news digest"},
			{URL: "https://old.example.com/rss.xml", Title: "Old style"},
			{URL: "https://pod.example.com/episodes.xml", Title: "Podcast via feed scheme"},
		}},
		{file: "bad-urls.opml",
			want: []tagfeed.FeedConfig{{URL: "https://good.example.com/rss", Title: "Good"}},
			skipped: []string{
				`line 6: outline "Relative": xmlUrl "/rss.xml" is not an absolute http or https URL`,
				`line 7: outline "Empty" has an empty xmlUrl`,
				`line 8: outline "Script": xmlUrl "javascript:alert(1)" is not an absolute http or https URL`,
				`line 9: outline "Spaces": xmlUrl "https://bad host.example.com/rss" is not a URL`,
			}},
		{file: "all-bad.opml", err: `feeds: opml: no usable feeds: line 5: outline "FTP": xmlUrl "ftp://files.example.com/feed.xml"`},
		{file: "folders-only.opml", err: "no feeds: no outline has an xmlUrl"},
		{file: "not-opml.xml", err: "not an OPML document: the root element is <rss>, want <opml>"},
		{file: "truncated.opml", err: "feeds: opml: XML syntax error on line 7: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "opml", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := feeds.ParseOPML(f)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || got != nil {
					t.Fatalf("ParseOPML = %v, %v; want no feeds and an error containing %q", got, err, tt.err)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("feeds:\ngot  %+v\nwant %+v", got, tt.want)
			}
			var skipped *feeds.SkippedOutlinesError
			switch {
			case tt.skipped == nil && err != nil:
				t.Errorf("err = %v, want none", err)
			case tt.skipped != nil && !errors.As(err, &skipped):
				t.Errorf("err = %v, want a *SkippedOutlinesError", err)
			case tt.skipped != nil:
				if len(skipped.Problems) != len(tt.skipped) {
					t.Fatalf("problems = %q, want %d", skipped.Problems, len(tt.skipped))
				}
				for i, p := range skipped.Problems {
					if !strings.Contains(p, tt.skipped[i]) {
						t.Errorf("problem %d = %q, want it to contain %q", i, p, tt.skipped[i])
					}
				}
			}
		})
	}
}

func TestParseOPMLEmpty(t *testing.T) {
	got, err := feeds.ParseOPML(strings.NewReader(""))
	if err == nil || !strings.Contains(err.Error(), "empty document") {
		t.Errorf("ParseOPML(empty) = %v, %v; want an empty-document error", got, err)
	}
}

// TestSourcesOPMLRoundTrip exports the sources and imports them back.
func TestSourcesOPMLRoundTrip(t *testing.T) {
	var buf strings.Builder
	sources := testSources()
	sources[1].FetchURL = "https://vnexpress.net/rss/so-hoa-moved.rss" // moved permanently
	if err := feeds.WriteSourcesOPML(&buf, sources); err != nil {
		t.Fatal(err)
	}
	got, err := feeds.ParseOPML(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := []tagfeed.FeedConfig{
		{URL: "https://vnexpress.net/rss/so-hoa-moved.rss", Title: "VnExpress – Số hóa"},
		{URL: "https://example.org/feed?a=1&b=2", Title: "Example & Co <News>"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
}

// TestTopicsOPMLListsEveryTopic imports the topics OPML as a reader would.
func TestTopicsOPMLListsEveryTopic(t *testing.T) {
	var buf strings.Builder
	if err := feeds.WriteTopicsOPML(&buf, feeds.Topics(testConfig())); err != nil {
		t.Fatal(err)
	}
	got, err := feeds.ParseOPML(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, f := range got {
		urls = append(urls, f.URL)
	}
	want := []string{
		"http://news.example.test:8080/feeds/ai.rss",
		"http://news.example.test:8080/feeds/energy.rss",
		"http://news.example.test:8080/feeds/nic.rss",
		"http://news.example.test:8080/feeds/semiconductor.rss",
	}
	if !slices.Equal(urls, want) {
		t.Errorf("topic feeds = %q, want %q", urls, want)
	}
}
