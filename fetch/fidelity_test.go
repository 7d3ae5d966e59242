package fetch_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/fetch"
)

// parseFixture parses a fixture feed as if fetched from url.
func parseFixture(t *testing.T, file, url string) *fetch.Feed {
	t.Helper()
	feed, err := fetch.Parse(bytes.NewReader(fixture(t, file)), "", url)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return feed
}

// TestTextStaysText wants every field read by the type its format
// declares: plain text kept as text (escaped, its line breaks kept as
// paragraphs), HTML sanitized.
func TestTextStaysText(t *testing.T) {
	tests := []struct {
		file, url string
		feedTitle string
		items     []struct{ title, summary, content string }
	}{
		{
			file: "text-types.atom", url: "https://text.example/feed.atom", feedTitle: "Text & markup",
			items: []struct{ title, summary, content string }{
				{"why <b> tags & x < y matter", "<p>use &lt;script&gt; carefully; 3 &lt; 4 &amp;&amp; 5 &gt; 2</p>", ""},
				{"&lt;img src=x&gt; in a title", "<p>&lt;img src=x&gt; is markup<br>only when it is declared so.</p>\n<p>A second paragraph.</p>", ""},
				{"Fabs & foundries", "", "<p>Real <b>HTML</b></p>"},
				{"An XHTML title", "", "<p>Inline <b>XHTML</b> body.</p>"},
			},
		},
		{
			file: "text-types.json", url: "https://text.example/feed.json", feedTitle: "Plain <text> & more",
			items: []struct{ title, summary, content string }{
				{"A <b>title</b> that is text", "<p>A summary with &lt;em&gt;angle brackets&lt;/em&gt; &amp; an ampersand.</p>",
					"<p>First line<br>&lt;b&gt;not html&lt;/b&gt;</p>\n<p>Second paragraph.</p>"},
				{"HTML content", "", `<p>Real <a href="https://text.example/rel" rel="nofollow">link</a>.</p>`},
			},
		},
		{
			file: "text-types.rss", url: "https://text.example/feed.rss", feedTitle: "Text in RSS",
			items: []struct{ title, summary, content string }{
				{"3 < 4 & <b> stays", "<p>A plain description<br>on two lines, with 3 &lt; 4.</p>", ""},
				{"HTML description", "<p>An <b>HTML</b> description</p>", "<p>Full <i>text</i>.</p>"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			feed := parseFixture(t, tt.file, tt.url)
			if feed.Title != tt.feedTitle {
				t.Errorf("feed title %q, want %q", feed.Title, tt.feedTitle)
			}
			if len(feed.Items) != len(tt.items) {
				t.Fatalf("%d items, want %d", len(feed.Items), len(tt.items))
			}
			for i, want := range tt.items {
				got := feed.Items[i]
				if got.Title != want.title || got.Summary != want.summary || got.Content != want.content {
					t.Errorf("item %d:\ngot  title %q\n     summary %q\n     content %q\nwant title %q\n     summary %q\n     content %q",
						i, got.Title, got.Summary, got.Content, want.title, want.summary, want.content)
				}
			}
		})
	}
}

// TestDatesAndAuthors wants every date a careful reader finds, none that
// is not there, the source's own modification date, and authors as they
// were written.
func TestDatesAndAuthors(t *testing.T) {
	zone := func(hours int) *time.Location { return time.FixedZone("", hours*3600) }
	type want struct {
		published, modified time.Time
		author              string
	}
	tests := []struct {
		file, url string
		items     []want
	}{
		{
			file: "dates-and-authors.rss", url: "https://dates.example/feed.rss",
			items: []want{
				{time.Date(2018, 9, 24, 10, 0, 0, 0, zone(-3)), time.Time{}, "Ana Souza"},
				{time.Date(2018, 10, 1, 8, 15, 0, 0, zone(2)), time.Time{}, "Jonas Weber"},
				{time.Date(2018, 10, 3, 17, 45, 0, 0, zone(2)), time.Time{}, "Claire Martin (Paris), Luc Bernard and Élise Roy (Lyon)"},
				{time.Date(2018, 10, 4, 9, 0, 0, 0, zone(-5)), time.Time{}, ""},
				{time.Date(2018, 10, 5, 14, 30, 0, 0, zone(7)), time.Time{}, ""},
				{time.Unix(1518478934, 0), time.Unix(1518478934, 0), ""}, // dc:date dates both
				{time.Date(2018, 10, 5, 6, 0, 0, 0, time.UTC), time.Date(2018, 10, 6, 7, 30, 0, 0, time.UTC), ""},
				{time.Time{}, time.Time{}, ""},
				{time.Time{}, time.Time{}, ""},
			},
		},
		{
			file: "updated-only.atom", url: "https://updated.example/feed.atom",
			items: []want{
				{time.Date(2025, 11, 1, 8, 0, 0, 0, time.UTC), time.Date(2025, 11, 7, 10, 0, 0, 0, time.UTC), ""},
				{time.Date(2025, 11, 2, 9, 30, 0, 0, zone(7)), time.Date(2025, 11, 2, 9, 30, 0, 0, zone(7)), ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			feed := parseFixture(t, tt.file, tt.url)
			if len(feed.Items) != len(tt.items) {
				t.Fatalf("%d items, want %d", len(feed.Items), len(tt.items))
			}
			for i, w := range tt.items {
				got := feed.Items[i]
				if !got.Published.Equal(w.published) || !got.Modified.Equal(w.modified) || got.Author != w.author {
					t.Errorf("%s: published %v, modified %v, author %q\nwant %v, %v, %q",
						got.Title, got.Published, got.Modified, got.Author, w.published, w.modified, w.author)
				}
			}
		})
	}
}

// TestBrokenFeedGivesWhatItCan fetches a feed that breaks off part way:
// its complete items are stored, the empty one is left out, and the
// source is ok with a warning that says both.
func TestBrokenFeedGivesWhatItCan(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/cut", fixture(t, "truncated.rss"), "application/rss+xml")
	srv.serveDocument("/invalid", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></rss>`), "application/rss+xml")
	store := openStore(t, nil)
	results := newFetcher(testConfig(), store, nil).Round(context.Background(), ensureFeeds(t, store, srv.URL+"/cut", srv.URL+"/invalid"))

	if res := results[0]; res.Err != nil || res.Counts.New != 2 {
		t.Fatalf("cut feed: %+v, %v; want 2 new items", res.Counts, res.Err)
	}
	src, items := stored(t, store, srv.URL+"/cut")
	warning := src.Status.Warning
	if len(items) != 2 || src.Status.Failing() || !strings.Contains(warning, "breaks off") ||
		!strings.Contains(warning, "kept the 3 complete items") || !strings.Contains(warning, "left out 1 item with no title") {
		t.Errorf("%d items, error %q, warning %q; want 2 items, no error, and a warning of the break and the empty item",
			len(items), src.Status.Error, warning)
	}

	// A document that is not well-formed and gives no items is an error.
	if res := results[1]; res.Err == nil || !strings.Contains(res.Err.Error(), "not well-formed") {
		t.Errorf("invalid feed: %v; want an error that it is not well-formed", res.Err)
	}
}

// TestUndeclaredEncodings reads feeds whose bytes are not UTF-8 and whose
// encoding no header or prolog names: Vietnamese in windows-1258 is
// recognised, and bytes no reading fits get a warning naming the encoding
// assumed.
func TestUndeclaredEncodings(t *testing.T) {
	undeclared := bytes.Replace(fixture(t, "vi-windows-1258.xml"), []byte(` encoding="windows-1258"`), nil, 1)
	tests := []struct {
		name, doc string
		title     string
		warning   string
	}{
		{"windows-1258", string(undeclared), "Điện gió ngoài khơi: Việt Nam đặt mục tiêu sáu gigawatt", ""},
		{"noise", "<rss version=\"2.0\"><channel><title>x</title><item><title>\x8f\x81\x9d\x90\xad\x8d\x8e\x9e</title><link>https://noise.example/1</link></item></channel></rss>",
			"", "read as windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := fetch.Parse(strings.NewReader(tt.doc), "application/rss+xml", "https://undeclared.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			warnings := strings.Join(feed.Warnings, "; ")
			if len(feed.Items) == 0 || tt.title != "" && feed.Items[0].Title != tt.title || !strings.Contains(warnings, tt.warning) || (tt.warning == "") != (warnings == "") {
				var title string
				if len(feed.Items) > 0 {
					title = feed.Items[0].Title
				}
				t.Errorf("title %q, warnings %q; want %q and a warning with %q", title, warnings, tt.title, tt.warning)
			}
		})
	}
}
