package seed

import (
	"cmp"
	"regexp"
	"strings"

	"github.com/tagfeed/tagfeed/dates"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// Markdown and HTML seed files are reduced to lines of plain text, keeping
// what their markup says about the title and author, and then read like
// plain text.

var (
	frontMatter  = regexp.MustCompile(`(?s)\A---\n(.*?)\n---\n`)
	frontField   = regexp.MustCompile(`(?m)^(title|author|date):\s*["']?(.*?)["']?\s*$`)
	mdHeading    = regexp.MustCompile(`^#{1,6}\s+`)
	mdLink       = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis   = regexp.MustCompile(`(\*\*|__|\*|\x60)`)
	mdListMarker = regexp.MustCompile(`^(?:[-*+>]|\d+\.)\s+`)
)

// parseMarkdownArticle reads a Markdown article: front matter title,
// author and date if present, else the first heading as the title.
func parseMarkdownArticle(name, text string) article {
	text = norm.NFC.String(text)
	var h seedHints
	if m := frontMatter.FindStringSubmatch(text); m != nil {
		for _, f := range frontField.FindAllStringSubmatch(m[1], -1) {
			switch f[1] {
			case "title":
				h.title = f[2]
			case "author":
				h.author = f[2]
			case "date":
				h.date, _ = dates.Parse(f[2])
			}
		}
		text = text[len(m[0]):]
	}
	var lines []string
	for _, l := range textLines(text) {
		heading := mdHeading.MatchString(l)
		l = mdListMarker.ReplaceAllString(mdHeading.ReplaceAllString(l, ""), "")
		l = collapseSpaces(mdEmphasis.ReplaceAllString(mdLink.ReplaceAllString(l, "$1"), ""))
		if heading && h.title == "" {
			h.title = l
			continue
		}
		if l != "" && l != "---" {
			lines = append(lines, l)
		}
	}
	return parseLines(lines, h)
}

// parseHTMLArticle reads a saved web page: the title from <h1> or <title>,
// the author from <meta name="author">, the date from a publication
// <meta> or the article's first <time datetime>, and the text of the block elements
// of <article> (or of <body>), leaving out navigation, headers, footers,
// asides, forms and scripts.
func parseHTMLArticle(name, text string) article {
	doc, err := html.Parse(strings.NewReader(norm.NFC.String(text)))
	if err != nil {
		return article{}
	}
	var h seedHints
	var title string
	var blocks []string
	root := findElement(doc, atom.Article)
	if root == nil {
		root = doc
	}
	walkHTML(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Title:
			title = collapseSpaces(textContent(n))
		case atom.H1:
			if h.title == "" {
				h.title = collapseSpaces(textContent(n))
			}
		case atom.Meta:
			name := strings.ToLower(cmp.Or(attr(n.Attr, "name"), attr(n.Attr, "property"), attr(n.Attr, "itemprop")))
			switch {
			case name == "author":
				h.author = collapseSpaces(attr(n.Attr, "content"))
			case publishedMeta[name] && h.date.IsZero():
				h.date, _ = dates.Parse(attr(n.Attr, "content"))
			}
		}
		return true
	})
	if h.date.IsZero() {
		// The first <time datetime> of the article dates it.
		walkHTML(root, func(n *html.Node) bool {
			if n.DataAtom == atom.Time && h.date.IsZero() {
				h.date, _ = dates.Parse(attr(n.Attr, "datetime"))
			}
			return h.date.IsZero()
		})
	}
	walkHTML(root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Noscript, atom.Figure, atom.H1, atom.Head:
			return false
		case atom.P, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote, atom.Pre:
			if t := collapseSpaces(textContent(n)); t != "" {
				blocks = append(blocks, t)
			}
			return false
		}
		return true
	})
	if h.title == "" {
		h.title = title
	}
	return parseLines(blocks, h)
}

// publishedMeta are the names of the <meta> elements that give a page's
// date of publication.
var publishedMeta = map[string]bool{
	"article:published_time": true, "datepublished": true, "date": true, "pubdate": true,
	"publish-date": true, "dc.date": true, "dc.date.issued": true, "og:published_time": true,
}

// walkHTML calls visit on n and its descendants, in document order; visit
// returns false to skip a node's children.
func walkHTML(n *html.Node, visit func(*html.Node) bool) {
	if n.Type == html.ElementNode && !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, visit)
	}
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walkHTML(n, func(c *html.Node) bool {
		if found == nil && c.DataAtom == a {
			found = c
		}
		return found == nil
	})
	return found
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.DataAtom == atom.Br {
			b.WriteString(" ")
		}
	}
	walk(n)
	return b.String()
}

// attr returns the value of the attribute named key (lower case, as the
// HTML parser gives names), or "".
func attr(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
