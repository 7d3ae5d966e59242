package fetch

import (
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// htmlPolicy is what item HTML may keep: bluemonday's policy for
// user-generated content (text formatting, links, images, lists, tables,
// figures; no scripts, styles, event handlers, forms or frames, and only
// http, https and mailto URLs). A policy is safe for concurrent use.
var htmlPolicy = bluemonday.UGCPolicy()

// cleanHTML sanitizes an HTML fragment from a feed, makes its relative
// links and image sources absolute against base, composes its text (NFC),
// as windows-1258 and some feeds give decomposed Vietnamese, and writes it
// back well-formed: stray end tags such as VnExpress's </br> are repaired
// and every element is closed.
func cleanHTML(s string, base *url.URL) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = htmlPolicy.Sanitize(norm.NFC.String(s))
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return strings.TrimSpace(s) // cannot happen with a strings.Reader
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	for _, n := range nodes {
		absolutize(n, base)
		if err := html.Render(&b, n); err != nil {
			return strings.TrimSpace(s)
		}
	}
	return strings.TrimSpace(b.String())
}

// urlAttrs are the attributes absolutize resolves.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true}

// absolutize resolves the relative URLs in n and its descendants.
func absolutize(n *html.Node, base *url.URL) {
	if base == nil {
		return
	}
	if n.Type == html.ElementNode {
		for i, a := range n.Attr {
			if !urlAttrs[a.Key] || strings.HasPrefix(a.Val, "#") {
				continue
			}
			if u, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && !u.IsAbs() {
				n.Attr[i].Val = base.ResolveReference(u).String()
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		absolutize(c, base)
	}
}

// resolve returns ref as an absolute http or https URL, resolved against
// base when it is relative; "" when it cannot be one.
func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || ref == "" {
		return ""
	}
	if !u.IsAbs() {
		if base == nil {
			return ""
		}
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// inlineTags are the tags that do not separate words when stripped.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "code": true, "em": true, "i": true, "mark": true,
	"s": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true, "u": true,
}

// plainText turns a title or name that may hold markup into plain text:
// tags (and any script or style) removed, entities decoded, whitespace
// collapsed, NFC.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		z := html.NewTokenizer(strings.NewReader(s))
		var b strings.Builder
		skip := ""
	loop:
		for {
			tt := z.Next()
			switch tt {
			case html.ErrorToken:
				break loop
			case html.TextToken:
				if skip == "" {
					b.Write(z.Text())
				}
			case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
				name, _ := z.TagName()
				tag := string(name)
				switch {
				case tt == html.StartTagToken && (tag == "script" || tag == "style"):
					skip = tag
				case tt == html.EndTagToken && tag == skip:
					skip = ""
				case !inlineTags[tag]:
					b.WriteByte(' ')
				}
			}
		}
		s = b.String()
	}
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
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
