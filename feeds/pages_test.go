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

// itemID returns the id of the stored item with the key.
func itemID(t *testing.T, store tagfeed.Store, key string) int64 {
	t.Helper()
	items, err := store.Items(context.Background(), tagfeed.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Key == key {
			return it.ID
		}
	}
	t.Fatalf("no item %q", key)
	return 0
}

// TestSeedItemPage follows a seed article's link in the feed to its page,
// which shows the whole text, its tags with why, and no link elsewhere.
func TestSeedItemPage(t *testing.T) {
	ts, d := newTestServer(t)
	id := itemID(t, d, seedKey)
	_, feed := get(t, "GET", ts.URL+"/feeds/nic.atom", nil)
	link := fmt.Sprintf(`<link href="http://news.example.test:8080/items/%d" rel="alternate"`, id)
	if !strings.Contains(feed, link) {
		t.Fatalf("the seed's entry does not link to its page (%s):\n%s", link, feed)
	}
	resp, page := get(t, "GET", ts.URL+fmt.Sprintf("/items/%d", id), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("item page: %d", resp.StatusCode)
	}
	for _, want := range []string{
		"<h1>Trung tâm Đổi mới sáng tạo Quốc gia hợp tác phát triển chíp bán dẫn</h1>",
		"<p>Việt Nam đặt mục tiêu có 50.000 kỹ sư thiết kế vi mạch vào năm 2030.</p>",
		"2024-06-26 05:30 · Dân trí",
		`<a class="tag" href="/topics/nic">`,
		"Why these topics",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the item page lacks %q", want)
		}
	}
	if strings.Contains(page, "Read the original") {
		t.Error("a seed article's page links to an original it does not have")
	}

	live := itemID(t, d, liveGUID)
	_, page = get(t, "GET", ts.URL+fmt.Sprintf("/items/%d", live), nil)
	if !strings.Contains(page, `<a href="`+liveGUID+`">Read the original</a>`) {
		t.Errorf("a live item's page does not link to its original:\n%s", page)
	}
	for _, path := range []string{"/items/99999", "/items/x", "/items/-1"} {
		if resp, _ := get(t, "GET", ts.URL+path, nil); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
}

// TestItemPageExplains wants the explanation of each tag on the page: the
// score against the threshold, each term's role, places and points.
func TestItemPageExplains(t *testing.T) {
	ts, d := newTestServer(t)
	ctx := context.Background()
	src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/explained", "")
	if err != nil {
		t.Fatal(err)
	}
	explained := tagfeed.Item{Key: "why", Link: "https://example.org/why", Title: "Chip fabs",
		Tags: []tagfeed.ItemTag{{Tag: "semiconductor", Score: 12, Threshold: 6,
			Terms:     []tagfeed.TermScore{{Term: "chip*", Role: tagfeed.RoleStrong, Headline: 1, Body: 1, Points: 12}},
			Cancelled: []tagfeed.Cancel{{Term: "chip*", Sense: "blue chip", Count: 2}}}}}
	if _, err := d.SaveFetch(ctx, src, []tagfeed.Item{explained}, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, "GET", ts.URL+fmt.Sprintf("/items/%d", itemID(t, d, "why")), nil)
	for _, want := range []string{
		"Semiconductors: score 12 of 6",
		"<td>chip*</td><td>strong</td><td>headline, body</td><td class=\"num\">&#43;12.0</td>",
		"“chip*” ×2 did not count: another sense, “blue chip”.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the item page lacks %q:\n%s", want, page)
		}
	}
}

// TestTopicPage wants a topic's items, why each is there, and a link to
// the older ones, which lists the rest.
func TestTopicPage(t *testing.T) {
	ts, d := newTestServer(t)
	ctx := context.Background()
	src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/many", "")
	if err != nil {
		t.Fatal(err)
	}
	var many []tagfeed.Item
	for i := range 60 {
		many = append(many, tagfeed.Item{Key: fmt.Sprint("m", i), Link: fmt.Sprint("https://example.org/m", i),
			Title: fmt.Sprint("Energy story ", i), Published: time.Date(2024, 1, 1, i, 0, 0, 0, time.UTC),
			Tags: []tagfeed.ItemTag{{Tag: "energy", Score: 9, Threshold: 6,
				Terms: []tagfeed.TermScore{{Term: "energy", Role: tagfeed.RoleStrong, Headline: 1, Points: 9}}}}})
	}
	if _, err := d.SaveFetch(ctx, src, many, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, "GET", ts.URL+"/topics/energy", nil)
	if n := strings.Count(page, "<li>"); n != 50 {
		t.Errorf("the first page lists %d items, want 50", n)
	}
	for _, want := range []string{"61 items", "In <b>Energy</b>: score 9 of 6 — “energy” &#43;9.0", `href="/feeds/energy.atom"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the topic page lacks %q", want)
		}
	}
	more := regexp.MustCompile(`<a href="(/topics/energy\?after=[0-9-]+)">Older items</a>`).FindStringSubmatch(page)
	if more == nil {
		t.Fatalf("no link to older items:\n%s", page)
	}
	_, older := get(t, "GET", ts.URL+more[1], nil)
	if n := strings.Count(older, "<li>"); n != 11 || strings.Contains(older, "Older items") {
		t.Errorf("the second page lists %d items, want the last 11 and no more pages", n)
	}
	for _, path := range []string{"/topics/nope", "/topics/energy?after=x"} {
		if resp, _ := get(t, "GET", ts.URL+path, nil); resp.StatusCode/100 != 4 {
			t.Errorf("%s: %d, want 4xx", path, resp.StatusCode)
		}
	}
	_, combo := get(t, "GET", ts.URL+"/topics/nic+semiconductor", nil)
	if !strings.Contains(combo, "<h1>National Innovation Center (NIC) &#43; Semiconductors</h1>") || strings.Count(combo, "<li>") != 1 {
		t.Errorf("the combination's page:\n%s", combo)
	}
}

// TestPagesShowNoServerPaths wants a seed folder named as configured,
// relative, never by an absolute path.
func TestPagesShowNoServerPaths(t *testing.T) {
	ts, d := newTestServer(t)
	ctx := context.Background()
	if _, err := d.EnsureSource(ctx, tagfeed.SourceSeed, "/srv/secret/place/articles", ""); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, "GET", ts.URL+"/", nil)
	if strings.Contains(page, "/srv/secret") {
		t.Error("the index shows an absolute path of the server")
	}
	if !strings.Contains(page, "articles <span class=\"muted\">(seed folder)</span>") {
		t.Error("the index does not name the seed folder by its name")
	}
}

// TestUndatedItemPage wants an item whose source gave no date shown as
// such, with when it was first seen, in its own language, with its media.
func TestUndatedItemPage(t *testing.T) {
	ts, d := newTestServer(t)
	_, page := get(t, "GET", ts.URL+fmt.Sprintf("/items/%d", itemID(t, d, bareGUID)), nil)
	for _, want := range []string{
		`<article class="item" lang="de">`,
		"date unknown, first seen ",
		`<a href="https://example.org/audio/42.mp3?a=1&amp;b=2">https://example.org/audio/42.mp3?a=1&amp;b=2</a> · audio/mpeg · 3.0 GB`,
		`<a href="https://example.org/images/42.png">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the item page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "javascript:") {
		t.Error("the page links an enclosure that is not a web address")
	}
}
