package feeds

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"

	"github.com/tagfeed/tagfeed"
	"golang.org/x/net/html/charset"
)

// SkippedOutlinesError is returned by ParseOPML beside the feeds it could
// read when some outlines named a feed it could not use. Each problem names
// the line, the outline and what is wrong with it.
type SkippedOutlinesError struct {
	Problems []string
}

// Error counts the skipped outlines and says what was wrong with each.
func (e *SkippedOutlinesError) Error() string {
	return fmt.Sprintf("feeds: opml: skipped %d outline(s): %s", len(e.Problems), strings.Join(e.Problems, "; "))
}

// ParseOPML reads the feeds of an OPML subscription list, as exported by
// Miniflux, FreshRSS, Feedly, Inoreader, NetNewsWire and the like: every
// outline with an xmlUrl, at any depth of folders, titled by its title or
// text attribute, each URL once. Attribute names match in any case, any
// declared encoding is read, and stray & or HTML entities are tolerated.
//
// A document that is not OPML, or has no feed at all, is an error and no
// feeds. Outlines with a bad URL are skipped: the other feeds come back
// with a *SkippedOutlinesError naming each skipped one.
func ParseOPML(r io.Reader) ([]tagfeed.FeedConfig, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel

	var feeds []tagfeed.FeedConfig
	var problems []string
	seen := make(map[string]bool)
	rooted := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		var syntax *xml.SyntaxError
		if errors.As(err, &syntax) {
			return nil, fmt.Errorf("feeds: opml: %w", err) // it names the line
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("feeds: opml: line %d: %w", line, err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := strings.ToLower(el.Name.Local)
		if !rooted {
			if name != "opml" {
				return nil, fmt.Errorf("feeds: opml: not an OPML document: the root element is <%s>, want <opml>", el.Name.Local)
			}
			rooted = true
			continue
		}
		if name != "outline" {
			continue
		}
		line, _ := d.InputPos()
		f, problem := outlineFeed(attrMap(el.Attr))
		switch {
		case problem != "":
			problems = append(problems, fmt.Sprintf("line %d: %s", line, problem))
		case f.URL != "" && !seen[f.URL]:
			seen[f.URL] = true
			feeds = append(feeds, f)
		}
	}
	switch {
	case !rooted:
		return nil, fmt.Errorf("feeds: opml: empty document: no <opml> element")
	case len(feeds) == 0 && len(problems) == 0:
		return nil, fmt.Errorf("feeds: opml: no feeds: no outline has an xmlUrl")
	case len(feeds) == 0:
		return nil, fmt.Errorf("feeds: opml: no usable feeds: %s", strings.Join(problems, "; "))
	case len(problems) > 0:
		return feeds, &SkippedOutlinesError{Problems: problems}
	}
	return feeds, nil
}

// outlineFeed returns the feed an outline names, an empty FeedConfig for a
// folder or other outline that names none, or what is wrong with it.
func outlineFeed(attrs map[string]string) (tagfeed.FeedConfig, string) {
	// OPML text may hold encoded HTML: "AT&amp;amp;T" means AT&T.
	title := strings.Join(strings.Fields(html.UnescapeString(attrs["title"])), " ")
	if title == "" {
		title = strings.Join(strings.Fields(html.UnescapeString(attrs["text"])), " ")
	}
	raw, ok := attrs["xmlurl"]
	if kind := strings.ToLower(attrs["type"]); !ok && (kind == "rss" || kind == "atom") {
		raw, ok = attrs["url"] // some old exporters say url
	}
	if !ok {
		return tagfeed.FeedConfig{}, ""
	}
	raw = strings.TrimSpace(raw)
	if len(raw) > 5 && strings.EqualFold(raw[:5], "feed:") {
		// feed://host/path and feed:https://host/path, from old browsers.
		raw = raw[5:]
		if strings.HasPrefix(raw, "//") {
			raw = "http:" + raw
		}
	}
	name := "outline"
	if title != "" {
		name = fmt.Sprintf("outline %q", title)
	}
	if raw == "" {
		return tagfeed.FeedConfig{}, name + " has an empty xmlUrl"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return tagfeed.FeedConfig{}, fmt.Sprintf("%s: xmlUrl %q is not a URL: %v", name, raw, errors.Unwrap(err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return tagfeed.FeedConfig{}, fmt.Sprintf("%s: xmlUrl %q is not an absolute http or https URL", name, raw)
	}
	if title == raw {
		title = ""
	}
	return tagfeed.FeedConfig{URL: u.String(), Title: title}, ""
}

// attrMap returns the attributes by lower-case local name.
func attrMap(attrs []xml.Attr) map[string]string {
	m := make(map[string]string, len(attrs))
	for _, a := range attrs {
		m[strings.ToLower(a.Name.Local)] = a.Value
	}
	return m
}
