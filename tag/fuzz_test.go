package tag

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed"
)

// FuzzTag tags any title and body with the shipped rules and with rules
// that exercise fold_diacritics, regexes and field limits. It must never
// panic, the same input must always give the same output, every result
// must be well formed, and the automaton must find what a plain search for
// each term finds. The seed corpus is in testdata/fuzz/FuzzTag.
func FuzzTag(f *testing.F) {
	f.Add("Ai Cập", "đầu tư vào năng lượng tái tạo")
	f.Add("", "bán <b>dẫn</b> &amp; NIC\xff\u0301")
	engines := []*Engine{shippedEngine(f), mustNew(f, map[string]tagfeed.TagRule{
		"fold":  {Keywords: tagfeed.Terms("đổi mới sáng tạo", "chip*"), CaseSensitive: []string{"NIC", "ĐMST"}, FoldDiacritics: true},
		"regex": {Regex: []string{`[0-9]+ ?nm`, `(?i)hòa lạc`}, Exclude: tagfeed.Terms("blue chip")},
		"title": {Keywords: tagfeed.Terms("AI", "bán dẫn"), Fields: []tagfeed.Field{tagfeed.FieldTitle}, Threshold: 9},
		"roles": {Weak: tagfeed.Terms("chip", "năng lượng"), Context: tagfeed.Terms("Intel"), Against: tagfeed.Terms("smartphone"),
			OtherSenses: tagfeed.Terms("blue chip", "chip Intel")},
	})}
	f.Fuzz(func(t *testing.T, title, body string) {
		item := tagfeed.Item{Title: title, Summary: body, Content: title + body, Author: body}
		for _, e := range engines {
			got := e.Tag(&item)
			if again := e.Tag(&item); !tagfeed.SameTags(got, again) {
				t.Fatalf("same input, different tags: %+v then %+v", got, again)
			}
			checkTags(t, e, got)
		}
		if got, want := engineHits(engines[0], body), referenceHits(engines[0], body); !slices.Equal(got, want) {
			t.Fatalf("automaton hits %v, plain search %v", got, want)
		}
		c, fold := Normalize(body), Fold(body)
		if !utf8.ValidString(c) || len(fold) != len(c) {
			t.Fatalf("Normalize %q (%d bytes) and Fold %q (%d bytes) must be valid and as long", c, len(c), fold, len(fold))
		}
		if strings.HasPrefix(c, " ") || strings.HasSuffix(c, " ") || strings.Contains(c, "  ") {
			t.Fatalf("Normalize %q has stray spaces", c)
		}
	})
}

// checkTags checks that tags are sorted, their matches sorted, that each
// term's points are what its counts are worth, and that the score is their
// sum and reaches the threshold.
func checkTags(t *testing.T, e *Engine, tags []tagfeed.ItemTag) {
	t.Helper()
	if !slices.IsSortedFunc(tags, func(a, b tagfeed.ItemTag) int { return strings.Compare(a.Tag, b.Tag) }) {
		t.Fatalf("tags not sorted: %+v", tags)
	}
	for _, tg := range tags {
		for i, m := range tg.Matches {
			if m.Count < 1 || !m.Field.Valid() {
				t.Fatalf("%s: bad match %+v", tg.Tag, m)
			}
			if i > 0 {
				p := tg.Matches[i-1]
				pf, mf := slices.Index(fields[:], p.Field), slices.Index(fields[:], m.Field)
				if pf > mf || pf == mf && p.Term > m.Term {
					t.Fatalf("%s: matches not sorted by field then term: %+v", tg.Tag, tg.Matches)
				}
			}
		}
		supported := slices.ContainsFunc(tg.Terms, func(s tagfeed.TermScore) bool {
			return s.Role == tagfeed.RoleStrong || s.Role == tagfeed.RoleWeak
		})
		against := 0
		for _, s := range tg.Terms {
			if s.Role == tagfeed.RoleAgainst {
				against += int(s.Headline + s.Lead + s.Body)
			}
		}
		sum := 0.0
		for _, s := range tg.Terms {
			role := map[tagfeed.Role]entryRole{tagfeed.RoleStrong: roleStrong, tagfeed.RoleWeak: roleWeak,
				tagfeed.RoleContext: roleContext, tagfeed.RoleAgainst: roleAgainst}[s.Role]
			c := termCount{headline: int32(s.Headline), lead: int32(s.Lead), body: int32(s.Body), agenda: s.Agenda}
			if p, note := termPoints(role, c, lengthFactor(tg.BodyWords), supported, against > 1); p != s.Points || note != s.Note {
				t.Fatalf("%s: term %+v, its counts are worth %v (%v)", tg.Tag, s, p, note)
			}
			sum += s.Points
		}
		i := slices.IndexFunc(e.rules, func(r rule) bool { return r.name == tg.Tag })
		if round1(sum) != tg.Score || i < 0 || tg.Threshold != e.rules[i].threshold || !tg.Applies() {
			t.Fatalf("%s: score %v ≥ %v, terms add up to %v", tg.Tag, tg.Score, tg.Threshold, sum)
		}
	}
}
