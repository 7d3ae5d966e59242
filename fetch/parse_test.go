package fetch_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed/fetch"
)

// wantItem is what a test expects of one parsed item.
type wantItem struct {
	key, link, title, author string
	published                time.Time // zero: the feed gives no date
}

func TestParseFormats(t *testing.T) {
	ict := time.FixedZone("", 7*3600)
	tests := []struct {
		name, file, url string
		title, site     string
		minInterval     time.Duration
		items           []wantItem
	}{
		{
			// An RSS title is plain text: what looks like markup in it
			// is kept as the feed wrote it, to be escaped when shown.
			name: "RSS 2.0", file: "rss2.xml", url: "https://news.example/rss",
			title: "Tin công nghệ & kinh tế", site: "https://news.example/", minInterval: 90 * time.Minute,
			items: []wantItem{
				{"news-1001", "https://news.example/chip-packaging", "Việt Nam mở nhà máy đóng gói chip đầu tiên", "Minh Anh", time.Date(2025, 11, 3, 8, 30, 0, 0, ict)},
				{"https://news.example/ai-vietnamese", "https://news.example/ai-vietnamese", "AI models <b>learn</b> Vietnamese &amp; more", "Lan Pham", time.Date(2025, 11, 2, 14, 0, 0, 0, time.UTC)},
				{"news-1003", "https://news.example/grid", "Energy grid gets a boost", "", time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC)},
			},
		},
		{
			name: "Atom 1.0", file: "atom.xml", url: "https://atom.example/blog/feed.atom",
			title: "Semiconductor Weekly", site: "https://atom.example/blog/",
			items: []wantItem{
				{"urn:uuid:2d4b1c3e-1111-4a2b-8c3d-000000000001", "https://atom.example/blog/posts/fabs-primer", "Fabs & foundries: a primer", "Quang Tran", time.Date(2025, 11, 4, 9, 0, 0, 0, ict)},
				{"urn:uuid:2d4b1c3e-1111-4a2b-8c3d-000000000002", "https://atom.example/blog/posts/litho", "Lithography, explained", "Quang Tran, Thu Ha", time.Date(2025, 11, 3, 12, 0, 0, 0, time.UTC)},
			},
		},
		{
			name: "JSON Feed 1.1", file: "feed.json", url: "https://json.example/feed.json",
			title: "Energy Notes", site: "https://json.example/",
			items: []wantItem{
				{"energy-7", "https://json.example/posts/wind-power", "Offshore wind power in the south", "Hoa Nguyen", time.Date(2025, 10, 30, 7, 15, 0, 0, ict)},
				{"energy-8", "https://json.example/posts/lng", "LNG terminal opens", "", time.Date(2025, 10, 29, 10, 0, 0, 0, time.UTC)},
			},
		},
		{
			name: "RSS 1.0 (RDF)", file: "rdf.xml", url: "https://rdf.example/index.rdf",
			title: "Innovation Digest", site: "https://rdf.example/", minInterval: 6 * time.Hour,
			items: []wantItem{
				{"https://rdf.example/nic-opens", "https://rdf.example/nic-opens", "National Innovation Center opens a new campus", "Bao Le", time.Date(2025, 10, 28, 8, 0, 0, 0, ict)},
				{"https://rdf.example/startups", "https://rdf.example/startups", "Startups at the campus", "", time.Date(2025, 10, 27, 8, 0, 0, 0, ict)},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := fetch.Parse(bytes.NewReader(fixture(t, tt.file)), "", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if feed.Title != tt.title || feed.SiteURL != tt.site || feed.MinInterval != tt.minInterval {
				t.Errorf("feed = %q, %q, %v; want %q, %q, %v", feed.Title, feed.SiteURL, feed.MinInterval, tt.title, tt.site, tt.minInterval)
			}
			if len(feed.Items) != len(tt.items) {
				t.Fatalf("got %d items, want %d", len(feed.Items), len(tt.items))
			}
			for i, want := range tt.items {
				got := feed.Items[i]
				if got.Key != want.key || got.Link != want.link || got.Title != want.title || got.Author != want.author {
					t.Errorf("item %d = key %q link %q title %q author %q\nwant    key %q link %q title %q author %q",
						i, got.Key, got.Link, got.Title, got.Author, want.key, want.link, want.title, want.author)
				}
				if !got.Published.Equal(want.published) {
					t.Errorf("item %d published %v, want %v", i, got.Published, want.published)
				}
				if got.Summary == "" && got.Content == "" {
					t.Errorf("item %d has no text", i)
				}
			}
		})
	}
}

func TestParseSanitizesHTML(t *testing.T) {
	feed, err := fetch.Parse(bytes.NewReader(fixture(t, "rss2.xml")), "", "https://news.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	it := feed.Items[1]
	html := it.Summary + it.Content
	for _, banned := range []string{"<script", "alert", "onclick", "onerror", "javascript:", "<iframe", "evil.example"} {
		if strings.Contains(html, banned) {
			t.Errorf("sanitized HTML still has %q:\n%s", banned, html)
		}
	}
	for _, kept := range []string{`<p>Researchers `, `src="https://news.example/img/model.png"`, `alt="model"`, `href="https://news.example/more"`} {
		if !strings.Contains(html, kept) {
			t.Errorf("sanitized HTML lost %q:\n%s", kept, html)
		}
	}
}

func TestParseRelativeLinks(t *testing.T) {
	tests := []struct {
		name, file, url string
		check           func(f *fetch.Feed) []string // what must appear
	}{
		{"against the feed URL", "relative.xml", "https://relative.example/feeds/main.xml", nil},
		{"against xml:base", "atom.xml", "https://elsewhere.example/atom", nil},
	}
	want := map[string][]string{
		"relative.xml": {
			"site https://relative.example/site/",
			"link https://relative.example/posts/1",
			`html href="https://relative.example/about"`,
			`html src="https://relative.example/feeds/img/one.png"`,
			`html href="#top"`,
			`html href="mailto:x@relative.example"`,
			"link https://relative.example/posts/2",
		},
		"atom.xml": {
			"link https://atom.example/blog/posts/fabs-primer",
			`html src="https://atom.example/blog/images/wafer.jpg"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := fetch.Parse(bytes.NewReader(fixture(t, tt.file)), "", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			got.WriteString("site " + feed.SiteURL + "\n")
			for _, it := range feed.Items {
				got.WriteString("link " + it.Link + "\nhtml " + it.Summary + it.Content + "\n")
			}
			for _, w := range want[tt.file] {
				kind, text, _ := strings.Cut(w, " ")
				if !strings.Contains(got.String(), kind+" ") || !strings.Contains(got.String(), text) {
					t.Errorf("missing %s %s in:\n%s", kind, text, got.String())
				}
			}
		})
	}
}

// TestParseKeys wants each item keyed by its GUID, else its link, else
// its title (numbered when two different items share one), else a hash of
// its content; items that repeat a key are left out.
func TestParseKeys(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>Dupes</title>
<item><title>First by GUID</title><guid isPermaLink="false">g1</guid><link>https://d.example/1</link></item>
<item><title>Same GUID again</title><guid isPermaLink="false">g1</guid><link>https://d.example/1b</link></item>
<item><title>By link</title><link>https://d.example/2</link></item>
<item><title>Same link again</title><link>https://d.example/2</link></item>
<item><title>By title</title><description>only text</description></item>
<item><title>By title</title><description>only text</description></item>
<item><title>By title</title><description>another item of the same title</description></item>
<item><title>Other title</title><description>other text</description></item>
<item><description>no title at all</description></item>
</channel></rss>`
	feed, err := fetch.Parse(strings.NewReader(doc), "", "https://d.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range feed.Items {
		key := it.Key
		if strings.HasPrefix(key, "sha256:") {
			key = "sha256:…"
		}
		got = append(got, key)
	}
	want := []string{"g1", "https://d.example/2", "title:By title", "title:By title#2", "title:Other title", "sha256:…"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("keys:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEditedItemsWithoutGUIDOrLinkStayOne fetches a feed of 20 items
// with neither GUID nor link three times, their text edited each time:
// the store holds 20 items, not 60.
func TestEditedItemsWithoutGUIDOrLinkStayOne(t *testing.T) {
	srv := newFeedServer(t)
	feedDoc := func(version int) []byte {
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>Untracked</title>`)
		for i := range 20 {
			fmt.Fprintf(&b, "<item><title>Story %d</title><description>Version %d of story %d.</description></item>", i, version, i)
		}
		b.WriteString(`</channel></rss>`)
		return []byte(b.String())
	}
	doc := srv.serveDocument("/untracked", feedDoc(1), "application/rss+xml")
	store := openStore(t, nil)
	f := newFetcher(testConfig(), store, nil)
	url := srv.URL + "/untracked"
	for version := 1; version <= 3; version++ {
		doc.Set(feedDoc(version))
		srcs, err := store.Sources(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(srcs) == 0 {
			srcs = ensureFeeds(t, store, url)
		}
		if res := f.Round(context.Background(), srcs)[0]; res.Err != nil {
			t.Fatal(res.Err)
		}
	}
	if _, items := stored(t, store, url); len(items) != 20 || !strings.Contains(items[0].Summary, "Version 3") {
		t.Errorf("%d items stored after three edited fetches, want 20 at their third version", len(items))
	}
}

func TestParseTolerance(t *testing.T) {
	tests := []struct {
		name, file, contentType string
		title, link             string
	}{
		{"BOM, junk before the prolog, unescaped &", "junk.xml", "", "Tom & Jerry ra mắt", "https://junk.example/item?a=1&b=2"},
		{"windows-1258 from the prolog", "vi-windows-1258.xml", "text/xml", "Điện gió ngoài khơi: Việt Nam đặt mục tiêu sáu gigawatt", "https://vi.example/dien-gio"},
		{"windows-1258 from HTTP", "vi-windows-1258.xml", "application/rss+xml; charset=windows-1258", "Điện gió ngoài khơi: Việt Nam đặt mục tiêu sáu gigawatt", "https://vi.example/dien-gio"},
		{"ISO-8859-1 from the prolog", "latin1.xml", "", "Café, crème brûlée et Müller à São Paulo", "https://latin.example/cafe"},
		{"ISO-8859-1 from HTTP and the prolog", "latin1.xml", "text/xml; charset=ISO-8859-1", "Café, crème brûlée et Müller à São Paulo", "https://latin.example/cafe"},
		{"UTF-8 bytes under a Latin-1 prolog", "rss2.xml", "text/xml; charset=iso-8859-1", "Việt Nam mở nhà máy đóng gói chip đầu tiên", "https://news.example/chip-packaging"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := fetch.Parse(bytes.NewReader(fixture(t, tt.file)), tt.contentType, "https://x.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) == 0 {
				t.Fatal("no items")
			}
			if got := feed.Items[0]; got.Title != tt.title || got.Link != tt.link {
				t.Errorf("first item = %q %q, want %q %q", got.Title, got.Link, tt.title, tt.link)
			}
		})
	}
}

// TestParseRepairsHTML checks that item HTML comes out well-formed, as
// VnExpress's stray </br> and unclosed tags do not.
func TestParseRepairsHTML(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>t</title><item><title>x</title><guid>g</guid>
<description><![CDATA[<a href="/a"><img src="/i.jpg"></a></br>Đoạn <b>một<p>hai]]></description></item></channel></rss>`
	feed, err := fetch.Parse(strings.NewReader(doc), "", "https://vnexpress.example/rss/a.rss")
	if err != nil {
		t.Fatal(err)
	}
	got := feed.Items[0].Summary
	want := `<a href="https://vnexpress.example/a" rel="nofollow"><img src="https://vnexpress.example/i.jpg"/></a><br/>Đoạn <b>một<p>hai</p></b>`
	if got != want {
		t.Errorf("summary =\n%s\nwant\n%s", got, want)
	}
}
