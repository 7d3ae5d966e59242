package feeds_test

import (
	"context"
	"fmt"
	"github.com/tagfeed/tagfeed/ingest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// section returns the HTML of the element that opens with start.
func section(t *testing.T, page, start string) string {
	t.Helper()
	i := strings.Index(page, start)
	if i < 0 {
		t.Fatalf("page lacks %q", start)
	}
	j := strings.Index(page[i:], "</section>")
	return page[i : i+j]
}

func TestIndexPage(t *testing.T) {
	ts, d := newTestServer(t)
	// Seven more AI items, older than the others: the page lists five.
	src, err := d.EnsureSource(context.Background(), tagfeed.SourceFeed, "https://vnexpress.net/rss/so-hoa.rss", "")
	if err != nil {
		t.Fatal(err)
	}
	var more []tagfeed.Item
	for i := range 7 {
		more = append(more, tagfeed.Item{Key: fmt.Sprint("old-", i), Link: fmt.Sprint("https://vnexpress.net/old-", i),
			Title: fmt.Sprint("Old AI story ", i), Published: time.Date(2024, 5, 1+i, 0, 0, 0, 0, time.UTC), Tags: tags("ai")})
	}
	if _, err := d.SaveFetch(context.Background(), src, more, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, "GET", ts.URL+"/", nil)

	head := page[:strings.Index(page, "</head>")]
	alternates := regexp.MustCompile(`<link rel="alternate" type="(application/(?:rss|atom)\+xml|application/feed\+json)" title="[^"]+" href="/feeds/([a-z]+)\.(rss|atom|json)">`).FindAllStringSubmatch(head, -1)
	if len(alternates) != 15 {
		t.Errorf("head has %d feed autodiscovery links, want 15 (5 topics × 3 formats):\n%s", len(alternates), head)
	}

	for _, tt := range []struct {
		topic, count string
		items        int
		has          []string
	}{
		{"semiconductor", "2 items", 2, []string{`href="/feeds/semiconductor.rss"`, `href="/feeds/semiconductor.atom"`, `href="/feeds/semiconductor.json"`,
			`<a href="/topics/semiconductor">Semiconductors</a>`}},
		{"ai", "9 items", 5, []string{`<a class="title" href="https://vnexpress.net/nvidia-tsmc-ai-4761234.html">Nvidia &amp; TSMC`, "Old AI story 6", "VnExpress – Số hóa"}},
		{"nic", "1 item", 1, []string{"Trung tâm Đổi mới sáng tạo Quốc gia hợp tác", "2024-06-26 05:30", " · Dân trí",
			`<a class="title" href="/items/`, `<a class="tag" href="/topics/nic">National Innovation Center (NIC)</a> <a class="tag" href="/topics/semiconductor">Semiconductors</a>`}},
		{"energy", "1 item", 1, []string{"Power, grids &amp; fuel &lt;news&gt;."}},
		{"all", "10 items", 5, []string{"All items"}},
	} {
		sec := section(t, page, `<section class="topic" id="topic-`+tt.topic+`">`)
		if !strings.Contains(sec, `<span class="count">`+tt.count+`</span>`) {
			t.Errorf("%s: count is not %q:\n%s", tt.topic, tt.count, sec)
		}
		if n := strings.Count(sec, "<li>"); n != tt.items {
			t.Errorf("%s: lists %d items, want %d", tt.topic, n, tt.items)
		}
		for _, s := range tt.has {
			if !strings.Contains(sec, s) {
				t.Errorf("%s: lacks %q:\n%s", tt.topic, s, sec)
			}
		}
	}

	sources := section(t, page, `<section id="sources">`)
	for _, s := range []string{
		"3 sources, <strong>1 failing</strong>",
		`<tr class="failing">`,
		"failing (3×), HTTP 503",
		"503 Service Unavailable &lt;retry&gt;",
		`<td class="when">2024-07-02 04:06</td>`,
		`<a href="https://vnexpress.net/rss/so-hoa.rss">VnExpress – Số hóa</a> · <a href="https://vnexpress.net/so-hoa">site</a>`,
		"seeds <span class=\"muted\">(seed folder)</span>",
		"<strong>1 failing</strong>, listed first",
	} {
		if !strings.Contains(sources, s) {
			t.Errorf("sources section lacks %q:\n%s", s, sources)
		}
	}
	if n := strings.Count(sources, `class="failing"`); n != 1 {
		t.Errorf("%d rows marked failing, want 1", n)
	}
}
