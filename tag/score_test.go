package tag

import (
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// scoringRules are small rules of both languages that use every role.
func scoringRules(t *testing.T) *Engine {
	return mustNew(t, map[string]tagfeed.TagRule{
		"chips": {
			Keywords:    tagfeed.Terms("bán dẫn", "semiconductor*"),
			Weak:        tagfeed.Terms("chip", "chips", "processor*"),
			Context:     []tagfeed.Term{{Text: "Intel", CaseSensitive: true}, {Text: "AMD", CaseSensitive: true}},
			Against:     tagfeed.Terms("điện thoại", "smartphone*", "màn hình", "screen"),
			OtherSenses: tagfeed.Terms("blue chip*", "gắn chip", "potato chip*"),
		},
		"ai": {
			Keywords:      tagfeed.Terms("trí tuệ nhân tạo", "machine learning"),
			CaseSensitive: []string{"AI"},
			OtherSenses:   tagfeed.Terms("Ai Cập", "Amnesty International (AI)"),
		},
		"energy": {
			Keywords:    tagfeed.Terms("điện gió", "wind farm*"),
			Weak:        tagfeed.Terms("năng lượng", "energy"),
			OtherSenses: tagfeed.Terms("năng lượng cho cơ thể", "energy drink*"),
		},
	})
}

// explained returns the explanation of one tag, or its zero value.
func explained(e *Engine, item tagfeed.Item, tag string) tagfeed.ItemTag {
	for _, t := range e.Explain(&item) {
		if t.Tag == tag {
			return t
		}
	}
	return tagfeed.ItemTag{}
}

// long is a body of n words about nothing, to put hits in the body.
func long(n int) string {
	return strings.TrimSpace(strings.Repeat("lorem ", n))
}

// TestScore checks what terms add, by role and place, in Vietnamese and
// English.
func TestScore(t *testing.T) {
	e := scoringRules(t)
	body300 := long(300)
	tests := []struct {
		name  string
		item  tagfeed.Item
		tag   string
		score float64
		terms []tagfeed.TermScore
	}{
		{"strong in the headline, vi", tagfeed.Item{Title: "Mỹ hỗ trợ Việt Nam phát triển bán dẫn"}, "chips", 9,
			[]tagfeed.TermScore{{Term: "bán dẫn", Role: tagfeed.RoleStrong, Headline: 1, Points: 9}}},
		{"strong in the headline, en", tagfeed.Item{Title: "Semiconductors drive exports"}, "chips", 9,
			[]tagfeed.TermScore{{Term: "semiconductor*", Role: tagfeed.RoleStrong, Headline: 1, Points: 9}}},
		{"strong in the lead", tagfeed.Item{Summary: "Quỹ đầu tư rót vốn vào bán dẫn.", Content: "<p>" + body300 + "</p>"}, "chips", 6,
			[]tagfeed.TermScore{{Term: "bán dẫn", Role: tagfeed.RoleStrong, Lead: 1, Points: 6}}},
		{"strong once in a short body", tagfeed.Item{Content: "<p>" + body300 + "</p><p>Also semiconductors.</p>"}, "chips", 3,
			[]tagfeed.TermScore{{Term: "semiconductor*", Role: tagfeed.RoleStrong, Body: 1, Points: 3}}},
		{"strong thrice in a short body", tagfeed.Item{Content: "<p>" + body300 + "</p><p>bán dẫn, bán dẫn, bán dẫn, bán dẫn</p>"}, "chips", 9,
			[]tagfeed.TermScore{{Term: "bán dẫn", Role: tagfeed.RoleStrong, Body: 4, Points: 9}}},
		{"strong once in a long body", tagfeed.Item{Content: "<p>lead</p><p>" + long(1196) + " bán dẫn.</p>"}, "chips", 1.5,
			[]tagfeed.TermScore{{Term: "bán dẫn", Role: tagfeed.RoleStrong, Body: 1, Points: 1.5}}},
		{"weak alone is capped", tagfeed.Item{Title: "Chip mới", Summary: "Chip mạnh hơn.", Content: "<p>Chip mạnh hơn.</p><p>chip chip chip</p>"}, "chips", 5,
			[]tagfeed.TermScore{{Term: "chip", Role: tagfeed.RoleWeak, Headline: 1, Lead: 1, Body: 3, Points: 5, Note: tagfeed.NoteCapped}}},
		{"weak terms agree", tagfeed.Item{Title: "New chips", Summary: "The processors are faster."}, "chips", 5,
			[]tagfeed.TermScore{
				{Term: "chips", Role: tagfeed.RoleWeak, Headline: 1, Points: 3},
				{Term: "processor*", Role: tagfeed.RoleWeak, Lead: 1, Points: 2},
			}},
		{"context without support, en", tagfeed.Item{Title: "Intel and AMD lead the drone show"}, "chips", 0,
			[]tagfeed.TermScore{
				{Term: "AMD", Role: tagfeed.RoleContext, Headline: 1, Points: 0, Note: tagfeed.NoteUnsupported},
				{Term: "Intel", Role: tagfeed.RoleContext, Headline: 1, Points: 0, Note: tagfeed.NoteUnsupported},
			}},
		{"context with support, en", tagfeed.Item{Title: "Intel and AMD unveil new processors"}, "chips", 9,
			[]tagfeed.TermScore{
				{Term: "AMD", Role: tagfeed.RoleContext, Headline: 1, Points: 3},
				{Term: "Intel", Role: tagfeed.RoleContext, Headline: 1, Points: 3},
				{Term: "processor*", Role: tagfeed.RoleWeak, Headline: 1, Points: 3},
			}},
		{"context with support, vi", tagfeed.Item{Title: "Intel ra mắt chip mới", Summary: "Chip của Intel nhanh hơn."}, "chips", 10,
			[]tagfeed.TermScore{
				{Term: "Intel", Role: tagfeed.RoleContext, Headline: 1, Lead: 1, Points: 5},
				{Term: "chip", Role: tagfeed.RoleWeak, Headline: 1, Lead: 1, Points: 5},
			}},
		{"against, a phone's spec sheet, vi", tagfeed.Item{Title: "Điện thoại mới dùng chip Snapdragon",
			Summary: "Màn hình 6 inch, chip tám nhân.", Content: "<p>Màn hình lớn.</p><p>điện thoại, màn hình</p>"}, "chips", -1.5,
			[]tagfeed.TermScore{
				{Term: "chip", Role: tagfeed.RoleWeak, Headline: 1, Lead: 1, Points: 5},
				{Term: "màn hình", Role: tagfeed.RoleAgainst, Lead: 1, Body: 2, Points: -3},
				{Term: "điện thoại", Role: tagfeed.RoleAgainst, Headline: 1, Body: 1, Points: -3.5},
			}},
		{"one sign against", tagfeed.Item{Title: "Smartphone makers buy more semiconductors"}, "chips", 9,
			[]tagfeed.TermScore{
				{Term: "semiconductor*", Role: tagfeed.RoleStrong, Headline: 1, Points: 9},
				{Term: "smartphone*", Role: tagfeed.RoleAgainst, Headline: 1, Points: 0, Note: tagfeed.NoteAlone},
			}},
		{"signs against, each found once, en", tagfeed.Item{Title: "New smartphone has faster chips", Summary: "A bigger screen too."}, "chips", -2,
			[]tagfeed.TermScore{
				{Term: "chips", Role: tagfeed.RoleWeak, Headline: 1, Points: 3},
				{Term: "screen", Role: tagfeed.RoleAgainst, Lead: 1, Points: -2},
				{Term: "smartphone*", Role: tagfeed.RoleAgainst, Headline: 1, Points: -3},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := explained(e, tt.item, tt.tag)
			if got.Score != tt.score || !slices.Equal(got.Terms, tt.terms) {
				t.Errorf("score %v, terms\n%+v\nwant %v,\n%+v", got.Score, got.Terms, tt.score, tt.terms)
			}
			if got.Applies() != (tt.score >= tagfeed.DefaultThreshold) {
				t.Errorf("Applies %v at score %v", got.Applies(), got.Score)
			}
		})
	}
}

// TestLead checks which text is the lead: the summary, or the content's
// first paragraph, counted once when the content repeats the summary, and
// no more than its first words.
func TestLead(t *testing.T) {
	e := scoringRules(t)
	tests := []struct {
		name       string
		item       tagfeed.Item
		lead, body int32
	}{
		{"first paragraph", tagfeed.Item{Content: "<p>bán dẫn</p><p>bán dẫn</p>"}, 1, 1},
		{"first line of plain text", tagfeed.Item{Content: "bán dẫn\nbán dẫn"}, 1, 1},
		{"inline markup stays in the paragraph", tagfeed.Item{Content: "<p><b>bán</b> dẫn và <i>bán dẫn</i></p>"}, 2, 0},
		{"summary, content says other things", tagfeed.Item{Summary: "bán dẫn", Content: "<p>Khác.</p><p>bán dẫn</p>"}, 1, 1},
		{"content repeats the summary", tagfeed.Item{Summary: "Ngành bán dẫn…", Content: "<p>Ngành bán dẫn tăng.</p><p>x</p>"}, 1, 0},
		{"summary repeats the first paragraph and more", tagfeed.Item{Summary: "Ngành bán dẫn tăng. Thêm bán dẫn.",
			Content: "<p>Ngành bán dẫn tăng.</p><p>bán dẫn</p>"}, 2, 1},
		{"a long first paragraph", tagfeed.Item{Content: "bán dẫn " + long(maxLeadWords) + " bán dẫn"}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := explained(e, tt.item, "chips")
			if len(got.Terms) != 1 || got.Terms[0].Lead != tt.lead || got.Terms[0].Body != tt.body {
				t.Errorf("terms %+v, want lead ×%d, body ×%d", got.Terms, tt.lead, tt.body)
			}
		})
	}
}

// TestOtherSenses checks that a hit inside another sense does not count,
// and is explained, while the tag can still apply on other evidence:
// unlike exclude, a sense vetoes nothing.
func TestOtherSenses(t *testing.T) {
	e := scoringRules(t)
	tests := []struct {
		name      string
		text      string
		want      []string
		cancelled []tagfeed.Cancel
	}{
		{"Egypt, vi", "Ai Cập đầu tư vào điện gió", []string{"energy"}, nil},
		{"Egypt in capitals, vi", "AI CẬP: đánh bom nhà thờ", nil, []tagfeed.Cancel{{Term: "AI", Sense: "Ai Cập", Count: 1}}},
		{"Amnesty, en", "Amnesty International (AI) condemned the arrests", nil, []tagfeed.Cancel{{Term: "AI", Sense: "Amnesty International (AI)", Count: 1}}},
		{"food energy, vi", "Bắp ngô cung cấp năng lượng cho cơ thể", nil, []tagfeed.Cancel{{Term: "năng lượng", Sense: "năng lượng cho cơ thể", Count: 1}}},
		{"energy drink, en", "Energy drinks and energy drink ads", nil, []tagfeed.Cancel{{Term: "energy", Sense: "energy drink*", Count: 2}}},
		{"blue chips with a real chip story", "Cổ phiếu blue chip tăng nhờ ngành bán dẫn", []string{"chips"},
			[]tagfeed.Cancel{{Term: "chip", Sense: "blue chip*", Count: 1}}},
		{"Egypt's wind farms, en", "Egypt (Ai Cập) builds wind farms", []string{"energy"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tags := e.Explain(&tagfeed.Item{Content: tt.text})
			var got []string
			var cancelled []tagfeed.Cancel
			for _, tg := range tags {
				if tg.Applies() {
					got = append(got, tg.Tag)
				}
				cancelled = append(cancelled, tg.Cancelled...)
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(cancelled, tt.cancelled) {
				t.Errorf("tags %v, cancelled %+v; want %v, %+v", got, cancelled, tt.want, tt.cancelled)
			}
		})
	}
}

// TestAgendaItems checks that a term named as one of a few agenda items
// of a meeting counts as much as a headline, and one in a long list or
// without a cue does not.
func TestAgendaItems(t *testing.T) {
	e := scoringRules(t)
	before := "<p>Hai bộ trưởng gặp nhau tại Washington trong chuyến thăm.</p><p>"
	tests := []struct {
		name   string
		text   string
		agenda bool
	}{
		{"cooperation areas, vi", "Hai bên hợp tác trong các lĩnh vực an ninh, năng lượng, logistics, chuỗi cung ứng và sản xuất.", true},
		{"a colon and semicolons, vi", "Hai bên trao đổi về 5 lĩnh vực, bao gồm: bán dẫn; năng lượng và khoáng sản; môi trường kinh doanh; đầu tư; an ninh mạng.", true},
		{"two items after an opener, vi", "Hai nước hợp tác về năng lượng và y tế.", true},
		{"cooperation areas, en", "The talks covered trade, energy and health.", true},
		{"six items", "Hai bên hợp tác trong các lĩnh vực an ninh, năng lượng, logistics, y tế, giáo dục và sản xuất.", false},
		{"no cue", "Ông nhắc đến trí tuệ nhân tạo, năng lượng sạch và công nghệ sinh học.", false},
		{"the cue in another sentence", "Hai bên hợp tác. Giá năng lượng, vàng và đô la tăng.", false},
		{"the cue in another clause", "Hai bên hợp tác chặt chẽ; giá năng lượng, vàng và đô la tăng.", false},
		{"a clause, not a list", "Các robot làm việc với nhau và tạo ra năng lượng.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := explained(e, tagfeed.Item{Content: before + tt.text + "</p>"}, "energy")
			if len(got.Terms) != 1 || got.Terms[0].Agenda != tt.agenda {
				t.Fatalf("terms %+v, want one with agenda %v", got.Terms, tt.agenda)
			}
			if got.Applies() != tt.agenda {
				t.Errorf("applies %v at score %v, want %v", got.Applies(), got.Score, tt.agenda)
			}
		})
	}
}

// TestThresholdAndExclude checks a rule's own threshold, and that an
// explanation names the exclude term that vetoed its tag.
func TestThresholdAndExclude(t *testing.T) {
	e := mustNew(t, map[string]tagfeed.TagRule{
		"nic": {CaseSensitive: []string{"NIC"}, Threshold: 1, Exclude: tagfeed.Terms("NIC card")},
	})
	item := tagfeed.Item{Content: "<p>Lead.</p><p>" + long(800) + " NIC.</p>"}
	if got := explained(e, item, "nic"); !got.Applies() || got.Threshold != 1 {
		t.Errorf("one mention in a long body: %+v, want it to apply at threshold 1", got)
	}
	got := explained(e, tagfeed.Item{Title: "Which NIC card to buy"}, "nic")
	if got.Applies() || got.Excluded != "NIC card" || got.Score != 9 {
		t.Errorf("vetoed: %+v, want score 9 vetoed by NIC card", got)
	}
	if tags := e.Tag(&tagfeed.Item{Title: "Which NIC card to buy"}); tags != nil {
		t.Errorf("Tag returned %+v for a vetoed tag", tags)
	}
}
