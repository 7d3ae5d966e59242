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

// entryKind says what a rule's entry is.
type entryKind uint8

const (
	kindKeyword entryKind = iota // matched ignoring case
	kindCase                     // matched exactly
	kindExclude                  // matched ignoring case; vetoes the tag
	kindRegex                    // an RE2 pattern over the case-kept text
)

// entry is one term or pattern of one tag: what matching needs to know of
// it, kept small so that many fit in the cache.
type entry struct {
	tag    int32 // index into Engine.rules
	rank   int32 // the term's place among its tag's terms in sorted order
	size   int32 // the pattern's length in bytes
	fields uint8 // the tag's fields
	kind   entryKind
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
	exact []byte // for kindCase and symbols: the normalized term as in c (or cd)
	re    *regexp.Regexp
}

// rule is one tag, compiled.
type rule struct {
	name     string
	fields   uint8 // bit i set: the i-th of tagfeed.AllFields is looked at
	minScore int
	fold     bool  // fold_diacritics: terms match in d, not f
	regexes  []int // entry ids of the tag's regexes
	// termNames are the tag's distinct terms, sorted; an entry's rank is
	// the index of its term here.
	termNames []string
	terms     int // len(termNames)
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
	ru := rule{name: name, minScore: max(r.MinScore, 1), fold: r.FoldDiacritics}
	// The config's own checks; what only compiling finds is added below.
	cp.errs = append(cp.errs, r.Check(name)...)
	ru.fields = fieldMask(r.Fields)
	cp.rules = append(cp.rules, ru)
	tag := len(cp.rules) - 1
	first := len(cp.entries)
	for i, t := range r.Keywords {
		cp.addTerm(tag, kindKeyword, fmt.Sprintf("%s.keywords[%d]", key, i), t)
	}
	for i, t := range r.CaseSensitive {
		cp.addTerm(tag, kindCase, fmt.Sprintf("%s.case_sensitive[%d]", key, i), t)
	}
	for i, t := range r.Exclude {
		cp.addTerm(tag, kindExclude, fmt.Sprintf("%s.exclude[%d]", key, i), t)
	}
	for i, expr := range r.Regex {
		cp.addRegex(tag, fmt.Sprintf("%s.regex[%d]", key, i), expr)
	}
	cp.rules[tag].termNames = rankTerms(cp.entries[first:], cp.texts[first:])
	cp.rules[tag].terms = len(cp.rules[tag].termNames)
}

// fieldMask turns a rule's field list into bits; none means all.
func fieldMask(fields []tagfeed.Field) uint8 {
	if len(fields) == 0 {
		return 1<<len(tagfeed.AllFields()) - 1
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

// addTerm compiles one keyword, case-sensitive or exclude term.
func (cp *compiler) addTerm(tag int, kind entryKind, key, term string) {
	if tagfeed.CheckTerm(term) != nil {
		return // reported by TagRule.Check
	}
	body, star := strings.CutSuffix(strings.TrimSpace(term), "*")
	if last, _ := utf8.DecodeLastRuneInString(body); star && !isWordRune(last) {
		cp.errorf(key, "term %q: * must follow a letter or digit", term)
		return
	}
	fold := cp.rules[tag].fold
	cp.fm.build(body, false, fold)
	text, exact := cp.fm.f, cp.fm.c
	if fold {
		text, exact = cp.fm.d, cp.fm.cd
	}
	if !bytes.ContainsFunc(text, isWordRune) {
		cp.errorf(key, "term %q has no letter or digit once normalized", term)
		return
	}
	en := entry{
		tag:     int32(tag),
		fields:  cp.rules[tag].fields,
		kind:    kind,
		star:    star,
		size:    int32(len(text)),
		edgeR:   wordBefore(text),
		symbols: bytes.IndexByte(text, symbolByte) >= 0,
	}
	et := entryText{term: strings.TrimSpace(term)}
	if kind == kindCase || en.symbols {
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

// addRegex compiles one pattern. It is put in NFC, as the text is.
func (cp *compiler) addRegex(tag int, key, expr string) {
	re, err := regexp.Compile(norm.NFC.String(expr))
	if err != nil || strings.TrimSpace(expr) == "" {
		return // reported by TagRule.Check
	}
	cp.entries = append(cp.entries, entry{tag: int32(tag), fields: cp.rules[tag].fields, kind: kindRegex})
	cp.texts = append(cp.texts, entryText{term: expr, re: re})
	cp.rules[tag].regexes = append(cp.rules[tag].regexes, len(cp.entries)-1)
}

// rankTerms numbers a tag's entries by their terms in sorted order, so that
// matches can be sorted by term without comparing strings. Equal terms get
// the same rank and are reported as one. It returns the sorted terms.
func rankTerms(es []entry, ts []entryText) []string {
	terms := make([]string, 0, len(ts))
	for _, et := range ts {
		terms = append(terms, et.term)
	}
	slices.Sort(terms)
	terms = slices.Compact(terms)
	for i := range es {
		rank, _ := slices.BinarySearch(terms, ts[i].term)
		es[i].rank = int32(rank)
	}
	return terms
}
