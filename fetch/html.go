package fetch

import (
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// htmlPolicy is what item HTML may keep: bluemonday's policy for
// user-generated content (text formatting, links, images, lists, tables,
// figures; no scripts, styles, event handlers, forms or frames, and only
// http, https and mailto URLs). A policy is safe for concurrent use.
var htmlPolicy = bluemonday.UGCPolicy()

// cleanHTML sanitizes an HTML fragment from a feed, makes its relative
// links and image sources absolute against base, and composes its text
// (NFC), as windows-1258 and some feeds give decomposed Vietnamese.
func cleanHTML(s string, base *url.URL) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = htmlPolicy.Sanitize(norm.NFC.String(s))
	if base != nil && (strings.Contains(s, "href=") || strings.Contains(s, "src=")) {
		s = absolutize(s, base)
	}
	return strings.TrimSpace(s)
}

// urlAttrs are the attributes absolutize resolves.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true}

// absolutize resolves the relative URLs in a sanitized fragment's tags.
func absolutize(fragment string, base *url.URL) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	b.Grow(len(fragment) + 64)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		raw := string(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.WriteString(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if !urlAttrs[a.Key] || strings.HasPrefix(a.Val, "#") {
				continue
			}
			if u, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && !u.IsAbs() {
				tok.Attr[i].Val = base.ResolveReference(u).String()
				changed = true
			}
		}
		if changed {
			b.WriteString(tok.String())
		} else {
			b.WriteString(raw)
		}
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
