package tagfeed

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// TagRule says which items get a tag. Each term found in an item adds
// points to the tag's relevance score, by how strong a sign of the topic
// it is and where it was found; the item gets the tag when the score
// reaches the threshold and no exclude term is present. Package tag
// computes the score; the README's rule reference explains it.
type TagRule struct {
	Title       string `yaml:"title"`       // human name of the topic
	Description string `yaml:"description"` // optional; shown on the index page and in the feed

	// Keywords are strong signs of the topic: whole-word phrases matched
	// ignoring case. A trailing * matches any word ending.
	Keywords []Term `yaml:"keywords"`
	// CaseSensitive are strong signs matched exactly as written, such as
	// acronyms: keywords with case_sensitive set.
	CaseSensitive []string `yaml:"case_sensitive"`
	// Weak are signs of the topic that may mean something else, such as
	// "chip" or "năng lượng". One weak term alone never applies the tag.
	Weak []Term `yaml:"weak"`
	// Context are terms that count only when the item has other signs of
	// the topic, strong or weak, such as a company that makes many things.
	Context []Term `yaml:"context"`
	// Against are signs that the item is about something else, such as a
	// phone's spec sheet for chips; they take points away.
	Against []Term `yaml:"against"`
	// OtherSenses are phrases in which a term of the rule means something
	// else ("Ai Cập" for AI): a hit inside one does not count. Unlike
	// Exclude they veto nothing.
	OtherSenses []Term `yaml:"other_senses"`
	// Exclude terms veto the tag wherever they occur.
	Exclude []Term `yaml:"exclude"`
	// Regex are RE2 patterns, strong signs, for what plain terms cannot say.
	Regex []string `yaml:"regex"`
	// Fields limits matching to these fields of an item; all by default.
	Fields []Field `yaml:"fields"`
	// Threshold is the least score that applies the tag; 0 means
	// DefaultThreshold.
	Threshold float64 `yaml:"threshold"`
	// FoldDiacritics makes the terms match unaccented text too.
	FoldDiacritics bool `yaml:"fold_diacritics"`
	// Examples are texts that must, or must not, get the tag.
	Examples Examples `yaml:"examples"`
}

// DefaultThreshold is the score that applies a tag when its rule sets no
// threshold: a keyword in the headline or the lead reaches it, one in
// passing in the body does not.
const DefaultThreshold = 6

// TagThreshold returns the score that applies the tag.
func (r TagRule) TagThreshold() float64 {
	if r.Threshold > 0 {
		return r.Threshold
	}
	return DefaultThreshold
}

// Examples are the tests of a tag's rule, which `tagfeed check` runs: texts
// read as an article file is (headline, lead, body) that must get the tag,
// and texts that must not.
type Examples struct {
	Tagged    []string `yaml:"tagged"`
	NotTagged []string `yaml:"not_tagged"`
}

// TermList is one of a rule's lists of terms, named as in the config.
type TermList struct {
	Name  string // "keywords", "weak", …
	Terms []Term
}

// TermLists returns the rule's lists of terms, case_sensitive as terms
// with CaseSensitive set, in a fixed order.
func (r TagRule) TermLists() []TermList {
	exact := make([]Term, len(r.CaseSensitive))
	for i, s := range r.CaseSensitive {
		exact[i] = Term{Text: s, CaseSensitive: true}
	}
	return []TermList{
		{"keywords", r.Keywords}, {"case_sensitive", exact}, {"weak", r.Weak},
		{"context", r.Context}, {"against", r.Against}, {"other_senses", r.OtherSenses},
		{"exclude", r.Exclude},
	}
}

// Check reports what is wrong with the rule of the tag called name: no
// terms that add points, an empty term or a misplaced *, a regex that is
// empty or does not compile (in NFC, as it is matched), an unknown field,
// a negative threshold, an empty example. Each problem is a *ConfigError
// keyed like tags.ai.keywords[2], without file or line: Config.Locate adds
// them.
func (r TagRule) Check(name string) []error {
	key := "tags." + name
	var errs []error
	add := func(key, format string, args ...any) {
		errs = append(errs, &ConfigError{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if len(r.Keywords)+len(r.CaseSensitive)+len(r.Weak)+len(r.Regex) == 0 {
		add(key, "has no keywords, case_sensitive, weak terms or regex")
	}
	for _, list := range r.TermLists() {
		for i, term := range list.Terms {
			if err := CheckTerm(term.Text); err != nil {
				add(fmt.Sprintf("%s.%s[%d]", key, list.Name, i), "%v", err)
			}
		}
	}
	for i, expr := range r.Regex {
		if strings.TrimSpace(expr) == "" {
			add(fmt.Sprintf("%s.regex[%d]", key, i), "empty regex")
		} else if _, err := regexp.Compile(norm.NFC.String(expr)); err != nil {
			add(fmt.Sprintf("%s.regex[%d]", key, i), "bad regex: %v", err)
		}
	}
	for i, f := range r.Fields {
		if !f.Valid() {
			add(fmt.Sprintf("%s.fields[%d]", key, i), "unknown field %q (want title, summary, content or author)", f)
		}
	}
	if r.Threshold < 0 {
		add(key+".threshold", "must not be negative, got %v", r.Threshold)
	}
	for _, ex := range []struct {
		name  string
		texts []string
	}{{"tagged", r.Examples.Tagged}, {"not_tagged", r.Examples.NotTagged}} {
		for i, text := range ex.texts {
			if strings.TrimSpace(text) == "" {
				add(fmt.Sprintf("%s.examples.%s[%d]", key, ex.name, i), "empty example")
			}
		}
	}
	return errs
}

// CheckTerm reports what is wrong with a keyword term, if anything: it must
// have a letter or digit, and * may only end it.
func CheckTerm(term string) error {
	t := strings.TrimSpace(term)
	if t == "" {
		return fmt.Errorf("empty term")
	}
	if i := strings.IndexByte(t, '*'); i >= 0 && i != len(t)-1 {
		return fmt.Errorf("term %q: * may only end a term", term)
	}
	if !strings.ContainsFunc(t, isWordRune) {
		return fmt.Errorf("term %q has no letter or digit", term)
	}
	return nil
}
