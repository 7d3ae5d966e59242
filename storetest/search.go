package storetest

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/tagfeed/tagfeed"
)

// fillSearch stores short Vietnamese and English items, each with the
// words a search case looks for, a day apart: a is the oldest.
func (h *harness) fillSearch() {
	h.Helper()
	day := func(d int) time.Time { return time.Date(2024, 6, d, 0, 0, 0, 0, time.UTC) }
	tags := func(names ...string) []tagfeed.ItemTag {
		var ts []tagfeed.ItemTag
		for _, n := range names {
			ts = append(ts, tagfeed.ItemTag{Tag: n, Score: 2, Threshold: 1})
		}
		return ts
	}
	items := []tagfeed.Item{
		{Key: "a", Title: "Ngành bán dẫn Việt Nam", Content: "<p>Đầu tư vào bán dẫn tăng mạnh.</p>", Published: day(1), Tags: tags("semiconductor")},
		{Key: "b", Title: "Word-segmented", Content: "<p>Phát_triển công_nghiệp bán_dẫn tại Việt_Nam.</p>", Published: day(2), Tags: tags("ai", "semiconductor")},
		{Key: "c", Title: "Bạn dân", Content: "<p>Người bạn của dân, không phải chip.</p>", Published: day(3)},
		{Key: "d", Title: "Hoà Lạc", Content: "<p>Khu công nghệ cao Hoà Lạc mở rộng.</p>", Published: day(4), Tags: tags("nic")},
		{Key: "e", Title: "ĐIỆN GIÓ NGOÀI KHƠI", Content: "<p>Năng lượng tái tạo: dự án điện gió đầu tiên.</p>", Published: day(5), Tags: tags("energy")},
		{Key: "f", Title: "Renewable energy and AI", Content: "<p>Năng lượng sạch, tái tạo năng lượng.</p>", Published: day(6), Tags: tags("ai", "energy")},
		{Key: "g", Title: "Chip prices", Summary: "<p>Prices fell.</p>", Content: "<p>The price of chips fell; bán dẫn is mentioned once.</p>", Published: day(7), Tags: tags("semiconductor")},
		{Key: "h", Title: "Typed without diacritics", Content: "<p>Cong nghiep ban dan, typed on a phone without them.</p>", Published: day(8)},
	}
	h.save(h.source("https://example.org/feed"), items...)
}

// search runs a search and returns the keys found, best first.
func (h *harness) search(sel tagfeed.Selection) []string {
	h.Helper()
	return keys(h.items(sel))
}

// testSearch finds items by their words, read as the tag rules read
// Vietnamese: case folded (Đ too), tone marks placed either way, _ as a
// space, and a query typed without diacritics finds words with them.
func testSearch(h *harness) {
	h.fillSearch()
	day6 := time.Date(2024, 6, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		sel  tagfeed.Selection
		want []string // in any order
	}{
		{"words anywhere, word-segmented text too", tagfeed.Selection{Search: "bán dẫn"}, []string{"a", "b", "g"}},
		{"without diacritics, words with them too", tagfeed.Selection{Search: "ban dan"}, []string{"a", "b", "c", "g", "h"}},
		{"tone placement either way", tagfeed.Selection{Search: "hòa lạc"}, []string{"d"}},
		{"case folded, Đ too", tagfeed.Selection{Search: "điện gió"}, []string{"e"}},
		{"capitals in the query", tagfeed.Selection{Search: "ĐIỆN GIÓ"}, []string{"e"}},
		{"phrase", tagfeed.Selection{Search: `"năng lượng tái tạo"`}, []string{"e"}},
		{"words apart", tagfeed.Selection{Search: "năng lượng tái tạo"}, []string{"e", "f"}},
		{"exclusion", tagfeed.Selection{Search: "bán dẫn -chips"}, []string{"a", "b"}},
		{"excluded phrase", tagfeed.Selection{Search: `năng lượng -"điện gió"`}, []string{"f"}},
		{"OR", tagfeed.Selection{Search: "chip OR hòa"}, []string{"c", "d", "g"}},
		{"English", tagfeed.Selection{Search: "renewable"}, []string{"f"}},
		{"nothing found", tagfeed.Selection{Search: "xyzzy"}, nil},
		{"with a tag", tagfeed.Selection{Search: "ban dan", AllTags: []string{"semiconductor"}}, []string{"a", "b", "g"}},
		{"with any of tags", tagfeed.Selection{Search: "năng lượng", AnyTags: []string{"ai", "nic"}}, []string{"f"}},
		{"with a window", tagfeed.Selection{Search: "bán dẫn", Since: day6}, []string{"g"}},
	}
	for _, tt := range tests {
		got := h.search(tt.sel)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			h.Errorf("%s: %s finds %v, want %v", tt.name, tt.sel, got, tt.want)
		}
		if n := h.count(tt.sel); n != len(tt.want) {
			h.Errorf("%s: Count = %d, want %d", tt.name, n, len(tt.want))
		}
	}
	daily, err := h.s.DailyCounts(context.Background(), tagfeed.Selection{Search: "bán dẫn"}, 7, day6.AddDate(0, 0, 1))
	if want := []int{1, 1, 0, 0, 0, 0, 1}; err != nil || !slices.Equal(daily, want) {
		h.Errorf("DailyCounts of a search = %v, %v; want %v", daily, err, want)
	}
}

// testSearchRanking orders matches: words as typed before words found
// without diacritics; then a hit in the title before one in the body;
// then, as relevant, the newest first.
func testSearchRanking(h *harness) {
	h.fillSearch()
	if got := h.search(tagfeed.Selection{Search: "ban dan"}); len(got) == 0 || got[0] != "h" {
		h.Errorf(`"ban dan" finds %v; want h, which has the words as typed, first`, got)
	}
	if got := h.search(tagfeed.Selection{Search: "bán dẫn"}); len(got) == 0 || got[0] != "a" {
		h.Errorf(`"bán dẫn" finds %v; want a, which has them in its title, first`, got)
	}
	src := h.source("https://twins.example/feed")
	var twins []tagfeed.Item
	for i, key := range []string{"old", "new", "mid"} {
		twins = append(twins, tagfeed.Item{Key: key, Title: "Vi mạch", Content: "<p>Vi mạch thế hệ mới.</p>",
			Published: time.Date(2024, 7, 1+[]int{0, 2, 1}[i], 0, 0, 0, 0, time.UTC)})
	}
	h.save(src, twins...)
	if got, want := h.search(tagfeed.Selection{Search: "vi mạch"}), []string{"new", "mid", "old"}; !slices.Equal(got, want) {
		h.Errorf(`"vi mạch" over items alike finds %v, want the newest first: %v`, got, want)
	}
}

// testSearchErrors wants a query that cannot be read to be an error
// wrapping ErrBadSearch, and the syntax of the engine's own queries to be
// plain text.
func testSearchErrors(h *harness) {
	h.fillSearch()
	ctx := context.Background()
	for _, q := range []string{`"unclosed`, `-chip`, `chip OR`, `OR chip`, `chip OR -bán`, `" "`} {
		if _, err := h.s.Items(ctx, tagfeed.Selection{Search: q}); !errors.Is(err, tagfeed.ErrBadSearch) {
			h.Errorf("Items(%q): err = %v, want ErrBadSearch", q, err)
		}
		if _, err := h.s.Count(ctx, tagfeed.Selection{Search: q}); !errors.Is(err, tagfeed.ErrBadSearch) {
			h.Errorf("Count(%q): err = %v, want ErrBadSearch", q, err)
		}
	}
	for _, q := range []string{`NEAR(a b) ^ * {title}:`, `a & b | !c <-> 'd' :*`, `chip:* (prices)`, `it's \ok`, "chip\x00", "\"bán\x00dẫn\"\x1b"} {
		if _, err := h.s.Items(ctx, tagfeed.Selection{Search: q}); err != nil {
			h.Errorf("Items(%q): %v, want no error: it is text", q, err)
		}
	}
	if got := h.search(tagfeed.Selection{Search: `chip:* (prices)`}); !slices.Equal(got, []string{"g"}) {
		h.Errorf("chip:* (prices) finds %v, want [g]: the words chip and prices", got)
	}
}

// testSearchPaging pages through a search's results with Offset.
func testSearchPaging(h *harness) {
	h.fillSearch()
	whole := h.search(tagfeed.Selection{Search: "ban dan"})
	var got []string
	for off := 0; off < 10; off += 2 {
		got = append(got, h.search(tagfeed.Selection{Search: "ban dan", Limit: 2, Offset: off})...)
	}
	if !slices.Equal(got, whole) {
		h.Errorf("pages of two: %v, want %v", got, whole)
	}
}
