package feeds_test

import (
	"context"
	"github.com/tagfeed/tagfeed/ingest"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/feeds"
	"github.com/tagfeed/tagfeed/tag"
)

// searchItems are short Vietnamese and English items, each with the words
// a search case looks for. Their titles name them.
func searchItems() []tagfeed.Item {
	day := func(d int) time.Time { return time.Date(2024, 6, d, 0, 0, 0, 0, time.UTC) }
	return []tagfeed.Item{
		{Key: "a", Title: "Ngành bán dẫn Việt Nam", Content: "<p>Đầu tư vào bán dẫn tăng mạnh.</p>", Published: day(1), Tags: tags("semiconductor")},
		{Key: "b", Title: "Word-segmented", Content: "<p>Phát_triển công_nghiệp bán_dẫn tại Việt_Nam.</p>", Published: day(2), Tags: tags("semiconductor", "ai")},
		{Key: "c", Title: "Bạn dân", Content: "<p>Người bạn của dân, không phải chip.</p>", Published: day(3)},
		{Key: "d", Title: "Hoà Lạc", Content: "<p>Khu công nghệ cao Hoà Lạc mở rộng.</p>", Published: day(4), Tags: tags("nic")},
		{Key: "e", Title: "ĐIỆN GIÓ NGOÀI KHƠI", Content: "<p>Năng lượng tái tạo: dự án điện gió đầu tiên.</p>", Published: day(5), Tags: tags("energy")},
		{Key: "f", Title: "Renewable energy and AI", Content: "<p>Năng lượng sạch, tái tạo năng lượng.</p>", Published: day(6), Tags: tags("energy", "ai")},
		{Key: "g", Title: "Chip prices", Summary: "<p>Prices fell.</p>", Content: "<p>The price of chips fell; bán dẫn is mentioned once.</p>", Published: day(7), Tags: tags("semiconductor")},
		{Key: "h", Title: "Typed without diacritics", Content: "<p>Cong nghiep ban dan, typed on a phone without them.</p>", Published: day(8)},
	}
}

// newSearchServer serves the search items from a store indexed as tagfeed
// indexes it, with the tag package's forms.
func newSearchServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	d, err := db.OpenWith(ctx, filepath.Join(t.TempDir(), "search.db"),
		db.Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	d.Now = func() time.Time { return storeNow }
	src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, "https://example.org/feed", "Example")
	if err != nil {
		t.Fatal(err)
	}
	items := searchItems()
	for i := range items {
		items[i].Link = "https://example.org/" + items[i].Key
	}
	if _, err := d.SaveFetch(ctx, src, items, ingest.Decide); err != nil {
		t.Fatal(err)
	}
	srv := feeds.NewServer(testConfig(), d, nil)
	srv.Fold, srv.VersionEvery = tag.SearchForms, time.Nanosecond
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// feedKeys reads a feed and returns its items' keys, from their links.
func feedKeys(t *testing.T, url string) []string {
	t.Helper()
	resp, body := get(t, "GET", url, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	feed, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	var keys []string
	for _, it := range feed.Items {
		keys = append(keys, strings.TrimPrefix(it.Link, "https://example.org/"))
	}
	return keys
}

// TestSearch runs queries through /search.atom and checks what comes back
// and in what order: the best match first, exact matches before matches
// found without diacritics.
func TestSearch(t *testing.T) {
	ts := newSearchServer(t)
	tests := []struct {
		name, q string
		want    []string // keys, in order; nil to check membership only
		has     []string
	}{
		{"word-segmented text reads _ as a space", "bán dẫn", nil, []string{"a", "b", "g"}},
		{"the title counts most", "bán dẫn", []string{"a", "b", "g"}, nil},
		{"unaccented query finds words with diacritics too", "ban dan", nil, []string{"a", "b", "c", "g", "h"}},
		{"words typed as they are rank first", "ban dan", nil, nil},
		{"tone placement either way", "hòa lạc", []string{"d"}, nil},
		{"case folded, Đ too", "điện gió", []string{"e"}, nil},
		{"capitals in the query", "ĐIỆN GIÓ", []string{"e"}, nil},
		{"phrase", `"năng lượng tái tạo"`, []string{"e"}, nil},
		{"words apart", "năng lượng tái tạo", nil, []string{"e", "f"}},
		{"exclusion", "bán dẫn -chips", nil, []string{"a", "b"}},
		{"excluded phrase", `năng lượng -"điện gió"`, []string{"f"}, nil},
		{"OR", "chip OR hòa", nil, []string{"c", "d", "g"}},
		{"English", "renewable", []string{"f"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := feedKeys(t, ts.URL+"/search.atom?q="+urlEscape(tt.q))
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("%q: %v, want %v", tt.q, got, tt.want)
			}
			for _, k := range tt.has {
				if !slices.Contains(got, k) {
					t.Errorf("%q: %v, want %s among them", tt.q, got, k)
				}
			}
			if tt.name == "words typed as they are rank first" && (len(got) == 0 || got[0] != "h") {
				t.Errorf("%q: %v, want h, which has the words as typed, first", tt.q, got)
			}
			if tt.has != nil && len(got) != len(tt.has) {
				t.Errorf("%q: %v, want exactly %v", tt.q, got, tt.has)
			}
		})
	}
}

// TestSearchErrors wants a query that cannot be read answered 400 with the
// reason, on feeds and on the page alike, and never 500.
func TestSearchErrors(t *testing.T) {
	ts := newSearchServer(t)
	for _, tt := range []struct{ q, reason string }{
		{`"unclosed`, "is not closed"},
		{`-chip`, "only excluded terms"},
		{`chip OR`, "OR needs a term after it"},
		{`OR chip`, "OR needs a term before it"},
		{`chip OR -bán`, "cannot join an excluded term"},
		{`" "`, "nothing to search for"},
		{`NEAR(a b) ^ * {title}:`, ""}, // FTS5 syntax is text here: no error at all
	} {
		for _, path := range []string{"/search.rss?q=", "/feeds/all.atom?q=", "/search?q="} {
			resp, body := get(t, "GET", ts.URL+path+urlEscape(tt.q), nil)
			switch {
			case tt.reason == "" && resp.StatusCode != 200:
				t.Errorf("%s%q: %d %s, want 200", path, tt.q, resp.StatusCode, body)
			case tt.reason != "" && (resp.StatusCode != 400 || !strings.Contains(body, tt.reason)):
				t.Errorf("%s%q: %d %q, want 400 saying %q", path, tt.q, resp.StatusCode, body, tt.reason)
			}
		}
	}
	if resp, _ := get(t, "GET", ts.URL+"/search.json", nil); resp.StatusCode != 400 {
		t.Errorf("a search feed without a query: %d, want 400", resp.StatusCode)
	}
}

// TestCombinations wants a+b to hold the items with both tags, a,b those
// with either, in every format, and ?q= to narrow any of them.
func TestCombinations(t *testing.T) {
	ts := newSearchServer(t)
	for _, f := range []string{"rss", "atom", "json"} {
		for _, tt := range []struct {
			path string
			want []string
		}{
			{"/feeds/semiconductor+ai." + f, []string{"b"}},
			{"/feeds/ai+semiconductor." + f, []string{"b"}},
			{"/feeds/ai,energy." + f, []string{"f", "e", "b"}},
			{"/feeds/energy,nic." + f, []string{"f", "e", "d"}},
			{"/feeds/ai,energy." + f + "?q=renewable", []string{"f"}},
			{"/feeds/semiconductor." + f + "?q=ban+dan", []string{"a", "b", "g"}},
		} {
			if got := feedKeys(t, ts.URL+tt.path); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.path, got, tt.want)
			}
		}
	}
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/feeds/ai+nope.atom", 404},
		{"/feeds/ai+semiconductor,energy.atom", 400},
		{"/feeds/ai+ai.atom", 400},
	} {
		if resp, body := get(t, "GET", ts.URL+tt.path, nil); resp.StatusCode != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.path, resp.StatusCode, body, tt.status)
		}
	}
	// The self link keeps the query.
	_, body := get(t, "GET", ts.URL+"/feeds/ai,energy.atom?q=renewable&limit=7", nil)
	if !strings.Contains(body, `/feeds/ai,energy.atom?limit=7&amp;q=renewable" rel="self"`) {
		t.Errorf("the self link lost the query:\n%s", body)
	}
}

// TestSearchPage wants the search page to list what matched, mark the
// words found, diacritics or not, and link the search's feeds.
func TestSearchPage(t *testing.T) {
	ts := newSearchServer(t)
	_, page := get(t, "GET", ts.URL+"/search?q=ban+dan", nil)
	for _, want := range []string{
		"5 items match",
		"Ngành <mark>bán dẫn</mark> Việt Nam",
		"<mark>Bạn dân</mark>",
		"; <mark>bán dẫn</mark> is mentioned once", // found in the content, not the summary
		`href="/search.atom?q=ban&#43;dan"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the search page lacks %q", want)
		}
	}
}

func urlEscape(q string) string {
	return strings.NewReplacer("%", "%25", " ", "+", "\"", "%22", "&", "%26", "#", "%23", "+", "%2B").Replace(q)
}
