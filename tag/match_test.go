package tag

import (
	"slices"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// mustNew compiles rules that must be valid.
func mustNew(tb testing.TB, rules map[string]tagfeed.TagRule) *Engine {
	tb.Helper()
	e, err := New(rules)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return e
}

// TestWholeWords checks word boundaries: letters, digits and marks of any
// script are word runes; everything else separates words.
func TestWholeWords(t *testing.T) {
	e := mustNew(t, map[string]tagfeed.TagRule{
		"ai":   {CaseSensitive: []string{"AI", "A.I."}},
		"chip": {Keywords: tagfeed.Terms("chip*", "bán dẫn", "C++")},
		"net":  {Keywords: tagfeed.Terms(".NET", "Việt–Mỹ", "“AI”")},
	})
	tests := []struct {
		text string
		want []string
	}{
		{"AI", []string{"ai"}},
		{"Thái", nil},
		{"THÁI", nil},
		{"OpenAI", nil},
		{"KAI AIs AI2 2AI", nil},
		{"AI-powered", []string{"ai"}},
		{"AI's rise", []string{"ai"}},
		{"(AI).", []string{"ai"}},
		{"Việt Nam, AI;", []string{"ai"}},
		{"ai Ai aI", nil},
		{"A.I. and A.I", []string{"ai"}},
		{"ÁI AÍ", nil},
		{"AI\u0301", nil}, // composes to AÍ
		{"chip", []string{"chip"}},
		{"chips chipmaker chipmaking", []string{"chip"}},
		{"microchip", nil},
		{"potato_chips", []string{"chip"}},
		{"bán dẫn", []string{"chip"}},
		{"bánh dẫn", nil},
		{"ban dan", nil},
		{"xbán dẫn", nil},
		{"bán dẫnx", nil},
		{"bán dẫn2", nil},
		{"learn C++ now", []string{"chip"}},
		{"ObjC++", nil},
		{"ASP.NET Core", []string{"net"}}, // a term that starts with punctuation may follow a letter
		{".NETwork", nil},
		{"quan hệ Việt–Mỹ", []string{"net"}},
		{"quan hệ việt–mỹ", []string{"net"}},
		{"quan hệ Việt…Mỹ", nil}, // other punctuation of the same length
		{"quan hệ Việt-Mỹ", nil},
		{"gọi là “AI” thôi", []string{"ai", "net"}},
		{"gọi là „AI“ thôi", []string{"ai"}},
	}
	for _, tt := range tests {
		if got := tagNames(e.TagText("", tt.text)); !slices.Equal(got, nonNil(tt.want)) {
			t.Errorf("%q: tags %v, want %v", tt.text, got, tt.want)
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestOverlapsCountOnce checks that overlapping hits of one tag count
// once, leftmost then longest, and that the same span found by a keyword
// and a case-sensitive term counts once.
func TestOverlapsCountOnce(t *testing.T) {
	e := mustNew(t, map[string]tagfeed.TagRule{
		"semi": {Keywords: tagfeed.Terms("bán dẫn", "chất bán dẫn")},
		"ml":   {Keywords: tagfeed.Terms("machine learning", "learning model", "AI"), CaseSensitive: []string{"AI"}},
	})
	got := e.TagText("", "machine learning model by AI")
	want := []tagfeed.ItemTag{{Tag: "ml", Score: 12, Threshold: 6,
		Matches: []tagfeed.Match{
			{Term: "AI", Field: tagfeed.FieldContent, Count: 1},
			{Term: "machine learning", Field: tagfeed.FieldContent, Count: 1},
		},
		Terms: []tagfeed.TermScore{
			{Term: "AI", Role: tagfeed.RoleStrong, Lead: 1, Points: 6},
			{Term: "machine learning", Role: tagfeed.RoleStrong, Lead: 1, Points: 6},
		}}}
	if !tagfeed.SameTags(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	got = e.TagText("chất bán dẫn", "")
	if len(got) != 1 || len(got[0].Terms) != 1 || got[0].Terms[0].Term != "chất bán dẫn" {
		t.Errorf("chất bán dẫn: got %+v, want one term, the longest", got)
	}
	if !slices.Equal(fields[:], tagfeed.AllFields()) {
		t.Errorf("fields %v, want the order of tagfeed.AllFields %v", fields, tagfeed.AllFields())
	}
}

// TestRuleOptions checks exclude, fields, fold_diacritics and regex.
func TestRuleOptions(t *testing.T) {
	e := mustNew(t, map[string]tagfeed.TagRule{
		"chip":   {Keywords: tagfeed.Terms("chip"), Exclude: tagfeed.Terms("blue chip*", "gắn chip")},
		"title":  {Keywords: tagfeed.Terms("bán dẫn"), Fields: []tagfeed.Field{tagfeed.FieldTitle, tagfeed.FieldAuthor}, Threshold: 3},
		"nic":    {Keywords: tagfeed.Terms("Đổi mới sáng tạo quốc gia"), CaseSensitive: []string{"NIC", "ĐMST"}, FoldDiacritics: true},
		"node":   {Regex: []string{`[0-9]+ ?nm\b`, `(?i)hòa lạc`}},
		"tone":   {Keywords: tagfeed.Terms("thuỷ điện", "hòa bình")},
		"hyphen": {CaseSensitive: []string{"GPT-4"}, Keywords: tagfeed.Terms("blue chip")},
	})
	tests := []struct {
		name string
		item tagfeed.Item
		want []string
	}{
		{"exclude vetoes", tagfeed.Item{Content: "chip nhớ và cổ phiếu blue chips"}, nil},
		{"exclude with a hyphen", tagfeed.Item{Content: "chip và blue-chip"}, []string{"hyphen"}},
		{"exclude in another field", tagfeed.Item{Title: "chip", Summary: "thẻ gắn chip"}, nil},
		{"no exclude", tagfeed.Item{Content: "chip nhớ"}, []string{"chip"}},
		{"field not looked at", tagfeed.Item{Content: "bán dẫn"}, nil},
		{"title looked at", tagfeed.Item{Title: "bán dẫn"}, []string{"title"}},
		{"author looked at", tagfeed.Item{Author: "Bán Dẫn"}, []string{"title"}},
		{"folded text", tagfeed.Item{Content: "Trung tam Doi moi sang tao Quoc gia"}, []string{"nic"}},
		{"accented text still", tagfeed.Item{Content: "ĐỔI MỚI SÁNG TẠO QUỐC GIA"}, []string{"nic"}},
		{"folded case-sensitive", tagfeed.Item{Content: "DMST"}, []string{"nic"}},
		{"folded case-sensitive, wrong case", tagfeed.Item{Content: "nic đmst"}, nil},
		{"regex", tagfeed.Item{Content: "tiến trình 3nm và 5 nm"}, []string{"node"}},
		{"regex sees tone-unified text", tagfeed.Item{Content: "NIC Hoà Lạc"}, []string{"nic", "node"}},
		{"regex misses", tagfeed.Item{Content: "3nmx"}, nil},
		{"tone placement either way", tagfeed.Item{Content: "thủy điện Hoà Bình"}, []string{"tone"}},
		{"case-sensitive with a hyphen or a space", tagfeed.Item{Content: "GPT 4"}, []string{"hyphen"}},
		{"case-sensitive wrong case", tagfeed.Item{Content: "gpt-4"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tagNames(e.Tag(&tt.item)); !slices.Equal(got, nonNil(tt.want)) {
				t.Errorf("tags %v, want %v", got, tt.want)
			}
		})
	}
	got := e.TagText("", "3nm, 5 nm, 7nm ở Hòa Lạc")
	want := []tagfeed.ItemTag{{Tag: "node", Score: 12, Threshold: 6,
		Matches: []tagfeed.Match{
			{Term: `(?i)hòa lạc`, Field: tagfeed.FieldContent, Count: 1},
			{Term: `[0-9]+ ?nm\b`, Field: tagfeed.FieldContent, Count: 3},
		},
		Terms: []tagfeed.TermScore{
			{Term: `(?i)hòa lạc`, Role: tagfeed.RoleStrong, Lead: 1, Points: 6},
			{Term: `[0-9]+ ?nm\b`, Role: tagfeed.RoleStrong, Lead: 3, Points: 6},
		}}}
	if !tagfeed.SameTags(got, want) {
		t.Errorf("regex counts: got %+v, want %+v", got, want)
	}
}

// TestRegexEmptyMatches wants a pattern that can match the empty string,
// such as (wafer)?, to count only where it matches some text: an empty
// match at every position would tag every item.
func TestRegexEmptyMatches(t *testing.T) {
	e := mustNew(t, map[string]tagfeed.TagRule{"wafer": {Regex: []string{`(?i)(wafer)?`, `x*`}}})
	tests := []struct {
		text string
		want []tagfeed.ItemTag
	}{
		{"năng lượng tái tạo", nil},
		{"Wafer và wafer", []tagfeed.ItemTag{{Tag: "wafer", Score: 6, Threshold: 6,
			Matches: []tagfeed.Match{{Term: `(?i)(wafer)?`, Field: tagfeed.FieldContent, Count: 2}},
			Terms:   []tagfeed.TermScore{{Term: `(?i)(wafer)?`, Role: tagfeed.RoleStrong, Lead: 2, Points: 6}}}}},
	}
	for _, tt := range tests {
		if got := e.TagText("", tt.text); !tagfeed.SameTags(got, tt.want) {
			t.Errorf("%q: got %+v, want %+v", tt.text, got, tt.want)
		}
	}
}
