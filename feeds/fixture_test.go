package feeds_test

import (
	"time"

	"github.com/tagfeed/tagfeed"
)

// testConfig is a small config with four topics and a title that needs
// escaping.
func testConfig() *tagfeed.Config {
	cfg := tagfeed.Default()
	cfg.Title = "Vietnam–US tech & economy"
	cfg.BaseURL = "http://news.example.test:8080/"
	cfg.Tags = map[string]tagfeed.TagRule{
		"semiconductor": {Title: "Semiconductors", Keywords: tagfeed.Terms("chip")},
		"ai":            {Title: "Artificial intelligence", Keywords: tagfeed.Terms("AI")},
		"energy":        {Title: "Energy", Description: "Power, grids & fuel <news>.", Keywords: tagfeed.Terms("energy")},
		"nic":           {Title: "National Innovation Center (NIC)", Keywords: tagfeed.Terms("NIC")},
	}
	return &cfg
}

// testSources are a seed folder and two live feeds, one of them failing.
func testSources() []tagfeed.Source {
	return []tagfeed.Source{
		{ID: 1, Kind: tagfeed.SourceSeed, URL: "seeds", Title: "seeds", ItemCount: 1,
			Status: tagfeed.FetchStatus{LastAttempt: at("2024-07-02T00:00:00Z"), LastSuccess: at("2024-07-02T00:00:00Z")}},
		{ID: 2, Kind: tagfeed.SourceFeed, URL: "https://vnexpress.net/rss/so-hoa.rss", Title: "VnExpress – Số hóa",
			SiteURL: "https://vnexpress.net/so-hoa", ItemCount: 1,
			Status: tagfeed.FetchStatus{LastAttempt: at("2024-07-02T00:05:00Z"), LastSuccess: at("2024-07-02T00:05:00Z"),
				HTTPStatus: 200, NextFetch: at("2024-07-02T00:35:00Z")}},
		{ID: 3, Kind: tagfeed.SourceFeed, URL: "https://example.org/feed?a=1&b=2", Title: "Example & Co <News>", ItemCount: 1,
			Status: tagfeed.FetchStatus{LastAttempt: at("2024-07-02T00:06:00Z"), LastSuccess: at("2024-07-01T00:00:00Z"),
				HTTPStatus: 503, Error: `fetch https://example.org/feed?a=1&b=2: 503 Service Unavailable <retry>`, Failures: 3,
				NextFetch: at("2024-07-02T04:06:00Z")}},
	}
}

// The keys of the test items, as in the stores.
const (
	liveGUID = "https://vnexpress.net/nvidia-tsmc-ai-4761234.html"
	seedKey  = "000_nic_chip.txt"
	bareGUID = "item-42"
)

// testItems are, newest first: a live item with a link, escaped HTML and
// control characters, and three tags; a seed article in Vietnamese with no
// link; and a live item in German with no date, no title, a GUID that is
// not a URI and three enclosures, one of them not a web address.
func testItems() []tagfeed.Item {
	items := []tagfeed.Item{
		{
			ID: 11, SourceID: 2, Key: liveGUID, GUID: liveGUID, Link: liveGUID,
			Title:     "Nvidia & TSMC: “AI chips” <2 nm> – what's next?\x01",
			Summary:   `<p>Nvidia &amp; TSMC <b>bet</b> on AI &lt;again&gt;.</p>`,
			Content:   "<p>Full text with <a href=\"https://example.org/?a=1&amp;b=2\">a link</a>, a ]]> that ends CDATA,\x0b a form feed\x0c and an émoji 🚀.</p>",
			Author:    "Lan Anh",
			Language:  "en-US",
			Published: at("2024-07-01T08:00:00+07:00"),
			Updated:   at("2024-07-01T02:30:00Z"),
			Tags:      tags("semiconductor", "ai", "energy"),
		},
		{
			ID: 10, SourceID: 1, Key: seedKey,
			Title:     "Trung tâm Đổi mới sáng tạo Quốc gia hợp tác phát triển chíp bán dẫn",
			Content:   "<p>Ngày 26/6, Trung tâm Đổi mới sáng tạo Quốc gia (NIC) và các đối tác Hoa Kỳ đã ký kết hợp tác về đào tạo nhân lực bán dẫn.</p>\n<p>Việt Nam đặt mục tiêu có 50.000 kỹ sư thiết kế vi mạch vào năm 2030.</p>",
			Outlet:    "Dân trí",
			Published: at("2024-06-26T12:30:00+07:00"),
			Updated:   at("2024-06-27T01:00:00Z"),
			Tags:      tags("nic", "semiconductor"),
		},
		{
			ID: 12, SourceID: 3, Key: bareGUID, GUID: bareGUID, Link: "https://example.org/posts/42",
			Summary:  "<p>A summary-only item with no date &amp; no title; its text stands in for the title.</p>",
			Language: "de",
			Enclosures: []tagfeed.Enclosure{
				{URL: "https://example.org/audio/42.mp3?a=1&b=2", Type: "audio/mpeg", Length: 3_000_000_000},
				{URL: "https://example.org/images/42.png"},
				{URL: "javascript:alert(1)", Type: "text/html"},
			},
			FirstSeen: at("2024-07-02T00:00:00Z"),
			Updated:   at("2024-07-02T00:00:00Z"),
			Tags:      tags("ai"),
		},
	}
	// As the store reads them back: with their sources.
	for i := range items {
		for _, src := range testSources() {
			if src.ID == items[i].SourceID {
				items[i].SourceKind, items[i].SourceURL, items[i].SourceTitle = src.Kind, src.URL, src.Name()
			}
		}
	}
	return items
}

func tags(names ...string) []tagfeed.ItemTag {
	var ts []tagfeed.ItemTag
	for _, n := range names {
		ts = append(ts, tagfeed.ItemTag{Tag: n, Score: 1})
	}
	return ts
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
