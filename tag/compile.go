package tag

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tagfeed/tagfeed"
)

// entryRole says what finding an entry means.
type entryRole uint8

const (
	roleStrong  entryRole = iota // keywords, case_sensitive, regex: adds points
	roleWeak                     // weak: adds few points
	roleContext                  // context: adds points if the tag has other signs
	roleAgainst                  // against: takes points away
	roleSense                    // other_senses: cancels the hits it overlaps
	roleExclude                  // exclude: vetoes the tag
	roleCue                      // an agenda cue, of no tag (see agenda.go)
	roleIntro                    // a word that opens a list, of no tag
)

// scores reports whether hits of the role add or take points.
func (r entryRole) scores() bool { return r <= roleAgainst }

// publicRole is the role in explanations.
func (r entryRole) publicRole() tagfeed.Role {
	return [...]tagfeed.Role{roleStrong: tagfeed.RoleStrong, roleWeak: tagfeed.RoleWeak,
		roleContext: tagfeed.RoleContext, roleAgainst: tagfeed.RoleAgainst}[r]
}

// listRole is the role of the terms of one of tagfeed.TagRule.TermLists.
func listRole(list string) entryRole {
	switch list {
	case "weak":
		return roleWeak
	case "context":
		return roleContext
	case "against":
		return roleAgainst
	case "other_senses":
		return roleSense
	case "exclude":
		return roleExclude
	}
	return roleStrong // keywords, case_sensitive
}

// noTag is the tag of the entries that belong to no rule: agenda cues.
const noTag = -1

// entry is one term or pattern of one tag: what matching needs to know of
// it, kept small so that many fit in the cache.
type entry struct {
	tag    int32 // index into Engine.rules, or noTag
	rank   int32 // the term's place among its tag's distinct terms
	size   int32 // the pattern's length in bytes
	fields uint8 // the tag's fields
	role   entryRole
	exact  bool // matched in its case, not ignoring it
	regex  bool // an RE2 pattern over the case-kept text
	star   bool // a trailing * : any word ending may follow
	edgeR  bool // the term ends with a word rune: it needs a boundary after
	// symbols: the term has punctuation or symbols beyond ASCII, which the
	// scanned forms blur (see forms); they are compared in the case-kept
	// form.
	symbols bool
}

// entryText is the rest of an entry, by the same index.
type entryText struct {
	term  string // as configured, for explanations
	exact []byte // for exact and symbols: the normalized term as in c (or cd)
	re    *regexp.Regexp
}

// rule is one tag, compiled.
type rule struct {
	name      string
	fields    uint8 // bit i set: the i-th of tagfeed.AllFields is looked at
	threshold float64
	fold      bool  // fold_diacritics: terms match in d, not f
	senses    bool  // it has other senses
	against   bool  // it has against terms
	regexes   []int // entry ids of the tag's regexes
	// terms are the tag's distinct terms, by rank: an entry's rank is the
	// index of its term here.
	terms []termName
}

// termName is one distinct term of a rule: its text as configured and
// its role. Ranks follow the order of text, then role.
type termName struct {
	text string
	role entryRole
}

// compiler collects a set of rules' entries, patterns and errors.
type compiler struct {
	rules   []rule
	entries []entry
	texts   []entryText
	plain   []pattern // for the automaton over f
	bare    []pattern // for the automaton over d
	errs    []error
	fm      forms
}

func (cp *compiler) errorf(key, format string, args ...any) {
	cp.errs = append(cp.errs, &tagfeed.ConfigError{Key: key, Msg: fmt.Sprintf(format, args...)})
}

// addRule compiles one tag's rule.
func (cp *compiler) addRule(name string, r tagfeed.TagRule) {
	key := "tags." + name
	ru := rule{name: name, threshold: r.TagThreshold(), fold: r.FoldDiacritics}
	// The config's own checks; what only compiling finds is added below.
	cp.errs = append(cp.errs, r.Check(name)...)
	ru.fields = fieldMask(r.Fields)
	cp.rules = append(cp.rules, ru)
	tag := len(cp.rules) - 1
	first := len(cp.entries)
	for _, list := range r.TermLists() {
		for i, t := range list.Terms {
			cp.addTerm(tag, listRole(list.Name), t, fmt.Sprintf("%s.%s[%d]", key, list.Name, i))
		}
	}
	for i, expr := range r.Regex {
		cp.addRegex(tag, fmt.Sprintf("%s.regex[%d]", key, i), expr)
	}
	cp.rules[tag].terms = rankTerms(cp.entries[first:], cp.texts[first:])
	cp.rules[tag].senses = len(r.OtherSenses) > 0
	cp.rules[tag].against = len(r.Against) > 0
}

// allFields is the field mask of a rule that looks at every field.
const allFields uint8 = 1<<len(fields) - 1

// fieldMask turns a rule's field list into bits; none means all.
func fieldMask(fields []tagfeed.Field) uint8 {
	if len(fields) == 0 {
		return allFields
	}
	var mask uint8
	for _, f := range fields {
		j := slices.Index(tagfeed.AllFields(), f)
		if j < 0 {
			continue // reported by TagRule.Check
		}
		mask |= 1 << j
	}
	return mask
}

// addTerm compiles one term of a tag, or an agenda cue if tag is noTag.
func (cp *compiler) addTerm(tag int, role entryRole, term tagfeed.Term, key string) {
	if tagfeed.CheckTerm(term.Text) != nil {
		return // reported by TagRule.Check
	}
	body, star := strings.CutSuffix(strings.TrimSpace(term.Text), "*")
	if last, _ := utf8.DecodeLastRuneInString(body); star && !isWordRune(last) {
		cp.errorf(key, "term %q: * must follow a letter or digit", term.Text)
		return
	}
	fold, mask := false, allFields
	if tag != noTag {
		fold, mask = cp.rules[tag].fold, cp.rules[tag].fields
	}
	cp.fm.build(body, false, fold)
	text, exact := cp.fm.f, cp.fm.c
	if fold {
		text, exact = cp.fm.d, cp.fm.cd
	}
	if !bytes.ContainsFunc(text, isWordRune) {
		cp.errorf(key, "term %q has no letter or digit once normalized", term.Text)
		return
	}
	en := entry{
		tag:     int32(tag),
		fields:  mask,
		role:    role,
		exact:   term.CaseSensitive,
		star:    star,
		size:    int32(len(text)),
		edgeR:   wordBefore(text),
		symbols: bytes.IndexByte(text, symbolByte) >= 0,
	}
	et := entryText{term: strings.TrimSpace(term.Text)}
	if en.exact || en.symbols {
		et.exact = slices.Clone(exact)
	}
	cp.entries, cp.texts = append(cp.entries, en), append(cp.texts, et)
	p := pattern{text: slices.Clone(text), value: int32(len(cp.entries) - 1)}
	if fold {
		cp.bare = append(cp.bare, p)
	} else {
		cp.plain = append(cp.plain, p)
	}
}

// addCues compiles the agenda cues and list openers. They are matched in
// both scanned forms, so that tags with fold_diacritics find them too.
func (cp *compiler) addCues(cues, intros []string) {
	for _, list := range []struct {
		role  entryRole
		terms []string
	}{{roleCue, cues}, {roleIntro, intros}} {
		for _, t := range list.terms {
			for _, fold := range []bool{false, true} {
				cp.fm.build(t, false, fold)
				text := cp.fm.f
				if fold {
					text = cp.fm.d
				}
				cp.entries = append(cp.entries, entry{tag: noTag, role: list.role, size: int32(len(text)),
					fields: allFields, edgeR: wordBefore(text)})
				cp.texts = append(cp.texts, entryText{term: t})
				p := pattern{text: slices.Clone(text), value: int32(len(cp.entries) - 1)}
				if fold {
					cp.bare = append(cp.bare, p)
				} else {
					cp.plain = append(cp.plain, p)
				}
			}
		}
	}
}

// addRegex compiles one pattern. It is put in NFC, as the text is.
func (cp *compiler) addRegex(tag int, key, expr string) {
	re, err := regexp.Compile(norm.NFC.String(expr))
	if err != nil || strings.TrimSpace(expr) == "" {
		return // reported by TagRule.Check
	}
	cp.entries = append(cp.entries, entry{tag: int32(tag), fields: cp.rules[tag].fields, role: roleStrong, regex: true})
	cp.texts = append(cp.texts, entryText{term: expr, re: re})
	cp.rules[tag].regexes = append(cp.rules[tag].regexes, len(cp.entries)-1)
}

// rankTerms numbers a tag's entries by their terms in sorted order, so that
// matches can be sorted by term without comparing strings. Equal terms in
// the same role get the same rank and are reported as one. It returns the
// distinct terms by rank.
func rankTerms(es []entry, ts []entryText) []termName {
	terms := make([]termName, 0, len(ts))
	for i, et := range ts {
		terms = append(terms, termName{et.term, es[i].role})
	}
	byName := func(a, b termName) int {
		if c := strings.Compare(a.text, b.text); c != 0 {
			return c
		}
		return int(a.role) - int(b.role)
	}
	slices.SortFunc(terms, byName)
	terms = slices.Compact(terms)
	for i := range es {
		rank, _ := slices.BinarySearchFunc(terms, termName{ts[i].term, es[i].role}, byName)
		es[i].rank = int32(rank)
	}
	return terms
}
