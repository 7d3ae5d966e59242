package fetch_test

import (
	"context"
	"testing"
)

// TestRoundStoresTextAndLinksExactly fetches feeds in other encodings, with
// relative links and with broken markup, and reads the items back from the
// store.
func TestRoundStoresTextAndLinksExactly(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/vi", fixture(t, "vi-windows-1258.xml"), "application/rss+xml; charset=windows-1258")
	srv.serveDocument("/latin", fixture(t, "latin1.xml"), "text/xml")
	srv.serveDocument("/news/relative.xml", fixture(t, "relative.xml"), "application/rss+xml")
	srv.serveDocument("/junk", fixture(t, "junk.xml"), "text/html")
	tests := []struct {
		path, title, siteURL string
		items                map[string]string // key → "title | link | summary"; a plain-text summary comes as a paragraph
	}{
		{"/vi", "Tin tức – Năng lượng", "https://vi.example/", map[string]string{
			"vi-1": "Điện gió ngoài khơi: Việt Nam đặt mục tiêu sáu gigawatt | https://vi.example/dien-gio | <p>Bộ Công Thương cho biết các dự án năng lượng tái tạo sẽ được ưu tiên.</p>",
			"vi-2": "Trí tuệ nhân tạo giúp dự báo phụ tải điện | https://vi.example/tri-tue-nhan-tao | <p>Hệ thống học máy của Tập đoàn Điện lực dự đoán nhu cầu theo giờ.</p>",
		}},
		{"/latin", "Économie & Société", "https://latin.example/", map[string]string{
			"la-1": "Café, crème brûlée et Müller à São Paulo | https://latin.example/cafe | <p>Ångström, naïve façade, ½ prix, © Zürich.</p>",
		}},
		{"/news/relative.xml", "Relative", srv.URL + "/site/", map[string]string{
			"rel-1":                            `Relative item | ` + srv.URL + `/posts/1 | <p><a href="` + srv.URL + `/about" rel="nofollow">About</a> <img src="` + srv.URL + `/news/img/one.png" alt="one"/> <a href="#top" rel="nofollow">top</a> <a href="mailto:x@relative.example" rel="nofollow">mail</a></p>`,
			"https://relative.example/posts/2": "Permalink GUID only | https://relative.example/posts/2 | ",
		}},
		{"/junk", "Junk & bom", "https://junk.example/", map[string]string{
			"junk-1": "Tom & Jerry ra mắt | https://junk.example/item?a=1&b=2 | ",
		}},
	}
	var urls []string
	for _, tt := range tests {
		urls = append(urls, srv.URL+tt.path)
	}
	store := openStore(t, nil)
	for _, res := range newFetcher(testConfig(), store, nil).Round(context.Background(), ensureFeeds(t, store, urls...)) {
		if res.Err != nil {
			t.Errorf("%s: %v", res.Source.URL, res.Err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			src, items := stored(t, store, srv.URL+tt.path)
			if src.Title != tt.title || src.SiteURL != tt.siteURL {
				t.Errorf("source %q %q, want %q %q", src.Title, src.SiteURL, tt.title, tt.siteURL)
			}
			if len(items) != len(tt.items) {
				t.Errorf("%d items, want %d", len(items), len(tt.items))
			}
			for _, it := range items {
				got := it.Title + " | " + it.Link + " | " + it.Summary
				if want := tt.items[it.Key]; got != want {
					t.Errorf("item %s\ngot  %s\nwant %s", it.Key, got, want)
				}
			}
		})
	}
}
