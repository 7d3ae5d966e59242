package seed

import (
	"strings"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// article is what a seed file says once its layout is understood.
type article struct {
	Title      string
	Author     string
	Outlet     string
	Published  time.Time // zero when the text gives no date
	Paragraphs []string  // the body, cleaned, as plain text
}

// summaryRunes bounds the summary taken from an article's first paragraph.
const summaryRunes = 300

// item turns the article into an item keyed by its file name. The body is
// stored as HTML paragraphs; the summary is the lead paragraph.
func (a article) item(key string) tagfeed.Item {
	var body strings.Builder
	for _, p := range a.Paragraphs {
		body.WriteString("<p>")
		body.WriteString(tagfeed.EscapeText(p))
		body.WriteString("</p>\n")
	}
	return tagfeed.Item{
		Key:       key,
		Title:     a.Title,
		Summary:   tagfeed.EscapeText(truncateWords(a.Paragraphs[0], summaryRunes)),
		Content:   body.String(),
		Author:    a.Author,
		Outlet:    a.Outlet,
		Published: a.Published,
	}
}

// truncateWords shortens s to at most max runes, cutting between words and
// marking the cut with an ellipsis.
func truncateWords(s string, max int) string {
	if len([]rune(s)) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:–-") + "…"
}
