package main

import (
	"context"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	tagfeed "github.com/tagfeed/tagfeed"
)

// fixtureTags are the tags the shipped rules must give the items of the
// fixture feeds, by title.
var fixtureTags = map[string][]string{
	"TSMC và Việt Nam bàn về nhà máy đóng gói chip":                 {"semiconductor"},
	"Ai sẽ thắng trong cuộc đua điện gió ngoài khơi?":               {"energy"},
	"Bài không có GUID về lưới điện thông minh":                     {"energy"},
	"Trí tuệ nhân tạo giúp dự báo phụ tải lưới điện":                {"ai", "energy"},
	"Trung tâm Đổi mới sáng tạo Quốc gia mở không gian cho startup": {"nic"},
	"Nvidia expands AI research in Vietnam":                         {"ai", "semiconductor"},
	"Ai Cập đầu tư vào năng lượng tái tạo":                          {"energy"},
	"Vietnam plans a semiconductor workforce of 50,000 engineers":   {"semiconductor"},
	"Thủy điện trước mùa khô":                                       {"energy"},
}

// TestEndToEnd serves the shipped seeds and four fixture feeds (RSS 2.0,
// Atom, JSON Feed, RSS 1.0) through the whole pipeline and reads the
// topic feeds back in every format.
func TestEndToEnd(t *testing.T) {
	feedSrv := newFixtureServer(t)
	var urls []string
	for _, f := range fixtureFeeds {
		urls = append(urls, feedSrv.URL+"/"+f)
	}
	cfg := testConfig(t, urls...)
	cfg.Stories.Fold = false // every item in every feed; TestShippedConfigServesSeedsOffline folds
	m := startMain(t, cfg)
	waitForFeeds(t, m)
	ctx := context.Background()

	items, err := m.app.store.Items(ctx, tagfeed.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if want := 5 + len(fixtureTags); len(items) != want {
		t.Errorf("stored %d items, want %d (5 seeds + %d fixture items)", len(items), want, len(fixtureTags))
	}
	seedTags := expectedSeedTags(t)
	for _, it := range items {
		want, ok := fixtureTags[it.Title]
		if it.Link == "" {
			want, ok = seedTags[it.Key]
		}
		if !ok {
			t.Errorf("unexpected item %q (key %s)", it.Title, it.Key)
			continue
		}
		if got := it.TagNames(); !slices.Equal(got, want) {
			t.Errorf("%q: tags %v, want %v", it.Title, got, want)
		}
		if strings.Contains(it.Content, "<script") {
			t.Errorf("%q: stored content keeps a script", it.Title)
		}
	}

	for _, format := range []string{"rss", "atom", "json"} {
		t.Run(format, func(t *testing.T) {
			for _, topic := range []string{"all", "ai", "energy", "nic", "semiconductor"} {
				status, _, body := get(t, m.URL()+"/feeds/"+topic+"."+format)
				if status != 200 {
					t.Fatalf("GET /feeds/%s.%s = %d", topic, format, status)
				}
				feed, err := gofeed.NewParser().ParseString(string(body))
				if err != nil {
					t.Fatalf("%s.%s does not parse: %v", topic, format, err)
				}
				checkTopicFeed(t, m.app.cfg, topic, feed, items)
			}
		})
	}
}

// checkTopicFeed checks that a served feed has exactly the stored items of
// its topic, newest first, each with all of its tags (named, or labelled
// with their titles).
func checkTopicFeed(t *testing.T, cfg *tagfeed.Config, topic string, feed *gofeed.Feed, stored []tagfeed.Item) {
	t.Helper()
	nameOf := make(map[string]string)
	for name, rule := range cfg.Tags {
		nameOf[name], nameOf[rule.Title] = name, name
	}
	var want []string
	tagsOf := make(map[string][]string)
	for _, it := range stored { // stored is newest first
		if topic == "all" || it.HasTag(topic) {
			want = append(want, it.Title)
		}
		tagsOf[it.Title] = it.TagNames()
	}
	var got []string
	for _, fi := range feed.Items {
		got = append(got, fi.Title)
		var cats []string
		for _, c := range fi.Categories {
			cats = append(cats, nameOf[c])
		}
		slices.Sort(cats)
		if !slices.Equal(cats, tagsOf[fi.Title]) {
			t.Errorf("%s: %q has categories %v, want all its tags %v", topic, fi.Title, fi.Categories, tagsOf[fi.Title])
		}
		if fi.Content == "" && fi.Description == "" {
			t.Errorf("%s: %q has no content", topic, fi.Title)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s feed lists\n  %q\nwant\n  %q", topic, got, want)
	}
}

// TestShippedConfigServesSeedsOffline is the newcomer's first run: the
// shipped config on a machine where no live feed can be reached. The seeds
// are served all the same, and the NIC feed lists exactly seeds 000, 002
// and 003, cleaned.
func TestShippedConfigServesSeedsOffline(t *testing.T) {
	cfg := testConfig(t, "http://127.0.0.1:1/unreachable.rss")
	m := startMain(t, cfg)

	status, hdr, body := get(t, m.URL()+"/feeds/nic.atom")
	if status != 200 || !strings.Contains(hdr.Get("Content-Type"), "atom") {
		t.Fatalf("GET /feeds/nic.atom = %d %s", status, hdr.Get("Content-Type"))
	}
	var atom struct {
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &atom); err != nil {
		t.Fatalf("nic.atom is not XML: %v", err)
	}
	var titles []string
	for _, e := range atom.Entries {
		titles = append(titles, e.Title)
		for _, junk := range []string{"_", "Bài liên quan", "POWERED BY", "chip , chất", "Tập Cận Bình"} {
			if strings.Contains(e.Content, junk) {
				t.Errorf("%q: content contains %q", e.Title, junk)
			}
		}
	}
	slices.Sort(titles)
	// Seeds 000 and 002 are one story, shown once by its earliest report
	// (002: 000 is undated), with 000 and 001 linked at its end; 003 is
	// another story.
	want := []string{
		"Việt Nam đề nghị Mỹ hỗ trợ phát triển công nghiệp bán dẫn",
		"Đối thoại kinh tế Việt-Mỹ: Định hướng sự hợp tác vào đổi mới sáng tạo, bán dẫn và trí tuệ nhân tạo",
	}
	slices.Sort(want)
	if !slices.Equal(titles, want) {
		t.Errorf("nic.atom lists %q, want seeds 002 (for 000 and 002) and 003: %q", titles, want)
	}
	if !strings.Contains(string(body), "Also reported by") || !strings.Contains(string(body), "Tại Washington") {
		t.Errorf("nic.atom does not link seed 000 as another report of 002's story")
	}

	// The seeds carry exactly the expected tags.
	items, err := m.app.store.Items(context.Background(), tagfeed.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	expected := expectedSeedTags(t)
	if len(items) != len(expected) {
		t.Errorf("stored %d items, want the %d seeds", len(items), len(expected))
	}
	for _, it := range items {
		if got := it.TagNames(); !slices.Equal(got, expected[it.Key]) {
			t.Errorf("%s: tags %v, want %v", it.Key, got, expected[it.Key])
		}
	}

	// The unreachable feed is an error for that feed only.
	waitForFeeds(t, m)
	sources, _ := m.app.store.Sources(context.Background())
	for _, s := range sources {
		if s.Kind == tagfeed.SourceFeed && !strings.Contains(s.Status.Error, "127.0.0.1:1") {
			t.Errorf("unreachable feed: stored error %q, want one naming the URL", s.Status.Error)
		}
	}
}

func TestIndexAndOtherEndpoints(t *testing.T) {
	m := startMain(t, testConfig(t))
	status, _, body := get(t, m.URL()+"/")
	if status != 200 {
		t.Fatalf("GET / = %d", status)
	}
	page := string(body)
	for _, want := range []string{
		`rel="alternate"`, "feeds/nic.atom", "feeds/ai.rss", "feeds/energy.json", "feeds.opml",
		"Semiconductors", "National Innovation Center",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index page lacks %q", want)
		}
	}
	tests := []struct {
		path   string
		status int
	}{
		{"/healthz", 200},
		{"/feeds.opml", 200},
		{"/feeds/all.rss", 200},
		{"/feeds/nope.rss", 404},
		{"/feeds/ai.xml", 404},
		{"/feeds/ai.rss?limit=abc", 400},
		{"/feeds/ai.rss?limit=500", 200},
	}
	for _, tt := range tests {
		if status, _, body := get(t, m.URL()+tt.path); status != tt.status {
			t.Errorf("GET %s = %d %q, want %d", tt.path, status, body, tt.status)
		}
	}
}

// TestServerFailureIsReported: if the HTTP server stops on its own, serve
// hears of it instead of waiting for a signal that may never come.
func TestServerFailureIsReported(t *testing.T) {
	m := startMain(t, testConfig(t))
	m.ln.Close()
	select {
	case err := <-m.Failed():
		if err == nil || !strings.Contains(err.Error(), "serve:") {
			t.Errorf("Failed() = %v, want the server's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no failure reported 10s after the listener closed")
	}
}
