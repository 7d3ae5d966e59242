package tagfeed

import "strings"

// TextHTML writes plain text as the HTML an item's Summary and Content
// hold: each run of lines between blank lines a paragraph, a single line
// break a <br>, and &, < and > escaped, so that nothing in the text is
// read as markup. Quotes are left as they are: in element content they
// need no escaping. It returns "" for text that is only white space.
func TextHTML(text string) string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	b.Grow(len(text) + 16)
	for _, para := range strings.Split(text, "\n\n") {
		var lines []string
		for _, line := range strings.Split(para, "\n") {
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				lines = append(lines, line)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("<p>")
		for i, line := range lines {
			if i > 0 {
				b.WriteString("<br>")
			}
			htmlEscaper.WriteString(&b, line)
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// EscapeText escapes text for HTML element content: &, < and >, and not
// the quotes, which need no escaping there.
func EscapeText(text string) string {
	return htmlEscaper.Replace(text)
}

// htmlEscaper escapes text for HTML element content.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
