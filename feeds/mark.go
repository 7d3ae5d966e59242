package feeds

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/tagfeed/tagfeed"
)

// textRun is a piece of text a page shows, marked when a search found it.
type textRun struct {
	Text   string
	Marked bool
}

// marker marks in a text the words a search looked for, comparing words as
// the search does: in their folded forms, with or without diacritics.
type marker struct {
	fold  func(string) (exact, bare string)
	words map[string]bool // the query's words, in both forms
}

func newMarker(sq tagfeed.SearchQuery, fold func(string) (string, string)) *marker {
	if fold == nil {
		fold = func(s string) (string, string) { s = strings.ToLower(s); return s, s }
	}
	m := &marker{fold: fold, words: map[string]bool{}}
	for _, group := range sq.All {
		for _, phrase := range group {
			for _, w := range strings.FieldsFunc(phrase, notWordRune) {
				exact, bare := fold(w)
				m.words[exact], m.words[bare] = true, true
			}
		}
	}
	return m
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// mark splits text into runs, each word the search looked for marked.
func (m *marker) mark(text string) []textRun {
	var runs []textRun
	add := func(s string, marked bool) {
		if n := len(runs); n > 0 && runs[n-1].Marked == marked {
			runs[n-1].Text += s
			return
		}
		runs = append(runs, textRun{Text: s, Marked: marked})
	}
	for len(text) > 0 {
		i := strings.IndexFunc(text, func(r rune) bool { return !notWordRune(r) })
		if i < 0 {
			add(text, false)
			break
		}
		add(text[:i], false)
		text = text[i:]
		j := strings.IndexFunc(text, notWordRune)
		if j < 0 {
			j = len(text)
		}
		word := text[:j]
		exact, bare := m.fold(word)
		add(word, m.words[exact] || m.words[bare])
		text = text[j:]
	}
	return joinMarks(runs)
}

// joinMarks marks the spaces between two marked words, so that a phrase
// found is marked whole.
func joinMarks(runs []textRun) []textRun {
	out := runs[:0]
	for i := 0; i < len(runs); i++ {
		r := runs[i]
		if n := len(out); n > 0 && out[n-1].Marked && !r.Marked && i+1 < len(runs) && runs[i+1].Marked &&
			strings.TrimSpace(r.Text) == "" {
			out[n-1].Text += r.Text + runs[i+1].Text
			i++
			continue
		}
		if n := len(out); n > 0 && out[n-1].Marked && r.Marked {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// snippet returns about n runes of text around its first marked word,
// marked.
// snippetScan bounds how far into an item's text a snippet is looked for.
const snippetScan = 20000

// snippetOf returns about n runes of an item's text around the first
// thing the search matched: in its summary, else in its content (an item
// found by its body shows where), else the start of its text.
func (m *marker) snippetOf(it *tagfeed.Item, n int) []textRun {
	for _, html := range []string{it.Summary, it.Content} {
		if runs := m.snippet(plainText(html, snippetScan), n); slices.ContainsFunc(runs, func(r textRun) bool { return r.Marked }) {
			return runs
		}
	}
	return m.snippet(plainText(cmp.Or(it.Summary, it.Content), snippetScan), n)
}

func (m *marker) snippet(text string, n int) []textRun {
	runs := m.mark(text)
	start := 0 // in runes
	pos := 0
	for _, r := range runs {
		if r.Marked {
			start = max(0, pos-n/3)
			break
		}
		pos += len([]rune(r.Text))
	}
	var out []textRun
	pos = 0
	for _, r := range runs {
		rs := []rune(r.Text)
		from, to := max(0, start-pos), min(len(rs), start+n-pos)
		if from < to {
			out = append(out, textRun{Text: string(rs[from:to]), Marked: r.Marked})
		}
		pos += len(rs)
	}
	if start > 0 && len(out) > 0 {
		out[0].Text = "…" + out[0].Text
	}
	if pos > start+n && len(out) > 0 {
		out[len(out)-1].Text += "…"
	}
	return out
}

// urlQuery encodes pairs of names and values as a query string, leaving
// out the names whose value is empty.
func urlQuery(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			v.Set(pairs[i], pairs[i+1])
		}
	}
	return v.Encode()
}
