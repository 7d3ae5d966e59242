package tagfeed

import "strings"

// SearchFormsFunc gives the two forms a text is indexed and searched in:
// normalized with its case folded, and the same without diacritics.
// tag.SearchForms is the one tagfeed uses.
type SearchFormsFunc func(text string) (exact, bare string)

// LowerForms is the SearchFormsFunc a store uses when it is given none:
// the text lower-cased, in both forms.
func LowerForms(text string) (exact, bare string) {
	s := strings.ToLower(text)
	return s, s
}

// Unaccented reports whether the query was typed without diacritics, as
// forms reads it: every phrase it looks for is the same without them. Such
// a query finds the words written with diacritics too ("ban dan" finds
// "bán dẫn"), ranked below the items that have the words as typed; a query
// with diacritics does not find words without them ("bán dẫn" does not
// find "bạn dân").
func (q SearchQuery) Unaccented(forms SearchFormsFunc) bool {
	for _, group := range q.All {
		for _, phrase := range group {
			if exact, bare := forms(phrase); exact != bare {
				return false
			}
		}
	}
	return true
}
