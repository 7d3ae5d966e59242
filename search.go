package tagfeed

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// SearchQuery is a parsed full-text search: every group must match, each
// group by any one of its phrases, and no phrase of None may. A phrase is
// one or more words that must appear together, in order.
type SearchQuery struct {
	All  [][]string // groups of alternative phrases
	None []string   // phrases that must not appear
}

// ErrBadSearch is wrapped by the errors of a search query that cannot be
// read; a server answers them with 400.
var ErrBadSearch = errors.New("bad search query")

// ParseSearch reads a search query as a person types one:
//
//	bán dẫn              both words, anywhere
//	"năng lượng tái tạo" the words together, in this order
//	chip OR bán dẫn      either side of OR: "chip" or "bán"; then "dẫn"
//	-điện thoại          not "điện"; then "thoại"
//	-"điện thoại"        not the phrase
//
// OR binds the term on either side of it, and chains: a OR b OR c.
// Control characters read as spaces. A query must have something to find:
// only exclusions, an unclosed quote, or an OR with nothing on one side is
// an error wrapping ErrBadSearch, which says what is wrong.
func ParseSearch(q string) (SearchQuery, error) {
	toks, err := searchTokens(strings.Map(controlAsSpace, q))
	if err != nil {
		return SearchQuery{}, err
	}
	var sq SearchQuery
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.or:
			return SearchQuery{}, badSearch("OR needs a term before it")
		case t.not:
			sq.None = append(sq.None, t.text)
			continue
		}
		group := []string{t.text}
		for i+1 < len(toks) && toks[i+1].or {
			if i+2 >= len(toks) || toks[i+2].or {
				return SearchQuery{}, badSearch("OR needs a term after it")
			}
			if toks[i+2].not {
				return SearchQuery{}, badSearch("OR cannot join an excluded term (-%s)", toks[i+2].text)
			}
			group = append(group, toks[i+2].text)
			i += 2
		}
		sq.All = append(sq.All, group)
	}
	if len(sq.All) == 0 {
		if len(sq.None) > 0 {
			return SearchQuery{}, badSearch("only excluded terms: say what to find, too")
		}
		return SearchQuery{}, badSearch("nothing to search for")
	}
	return sq, nil
}

func badSearch(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadSearch, fmt.Sprintf(format, args...))
}

// controlAsSpace reads a control character as a space. A query has no
// use for one, and a NUL would end the text FTS5 reads in the middle of
// the quoted phrase that holds it, leaving the quote open.
func controlAsSpace(r rune) rune {
	if unicode.IsControl(r) {
		return ' '
	}
	return r
}

// searchToken is a word or a quoted phrase, maybe excluded, or an OR.
type searchToken struct {
	text string
	not  bool
	or   bool
}

// searchTokens splits a query into words, quoted phrases and ORs. A word
// or phrase that has no letter or digit is dropped: it matches nothing.
func searchTokens(q string) ([]searchToken, error) {
	var toks []searchToken
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var t searchToken
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			t.not = true
			i++
		}
		if rs[i] == '"' {
			end := i + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			if end == len(rs) {
				return nil, badSearch("the quote at character %d is not closed", i+1)
			}
			t.text, i = strings.TrimSpace(string(rs[i+1:end])), end+1
		} else {
			start := i
			for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '"' {
				i++
			}
			t.text = string(rs[start:i])
			if t.text == "OR" && !t.not {
				toks = append(toks, searchToken{or: true})
				continue
			}
		}
		if strings.IndexFunc(t.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			toks = append(toks, t)
		}
	}
	return toks, nil
}
