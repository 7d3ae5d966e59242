package fetch

import (
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// formatExtras is what a format says that gofeed's common Feed leaves out.
type formatExtras struct {
	ttl   string   // RSS's ttl
	title textKind // the type of the feed's title
	// items say more of each item, in the order of gofeed's items; nil
	// when the format says nothing more.
	items []itemExtras
}

// itemExtras is what a format says of one item beyond gofeed's Item.
type itemExtras struct {
	language                string // its own language, if it gives one
	author                  string // its author, when gofeed misreads it
	title, summary, content textKind
}

// textKind is how a format declares a text field.
type textKind uint8

const (
	kindGuess textKind = iota // undeclared: HTML when it looks like HTML
	kindText                  // plain text
	kindHTML                  // HTML
)

// rssExtras gives the types RSS uses: plain-text titles, descriptions
// that may be either, and content:encoded in HTML.
func rssExtras(rf *rss.Feed) formatExtras {
	extras := formatExtras{ttl: rf.TTL, title: kindText, items: make([]itemExtras, len(rf.Items))}
	for i, ri := range rf.Items {
		extras.items[i] = itemExtras{author: rssAuthor(ri), title: kindText, summary: kindGuess, content: kindHTML}
	}
	return extras
}

// rssAuthor reads an RSS item's author as a person wrote it, where gofeed
// misreads it: an <author> with a nested <name> (and the person's title
// beside it), "email (Name)", and dc:creator lists such as "Nick Ames
// (now), Ed Aarons and Ben Fisher (earlier)", kept whole. It returns ""
// when the item names no author.
func rssAuthor(ri *rss.Item) string {
	if ri == nil {
		return ""
	}
	if a := strings.TrimSpace(ri.Author); a != "" {
		if m := nestedName.FindStringSubmatch(a); m != nil {
			return plainText(m[1])
		}
		if m := emailAndName.FindStringSubmatch(a); m != nil {
			return plainText(m[1])
		}
		return plainText(a)
	}
	if ri.DublinCoreExt != nil {
		var names []string
		for _, c := range ri.DublinCoreExt.Creator {
			if c = plainText(c); c != "" {
				names = append(names, c)
			}
		}
		if len(names) > 0 {
			return strings.Join(names, ", ")
		}
	}
	if ri.ITunesExt != nil {
		return plainText(ri.ITunesExt.Author)
	}
	return ""
}

var (
	// nestedName is the name element inside an RSS author.
	nestedName = regexp.MustCompile(`(?is)<(?:\w+:)?name(?:\s[^>]*)?>(.*?)</(?:\w+:)?name>`)
	// emailAndName is RSS's "editor@example.com (Ann Editor)".
	emailAndName = regexp.MustCompile(`^\S+@\S+\s+\((.+)\)$`)
)

// jsonExtras gives the types JSON Feed declares, and each item's language
// (JSON Feed 1.1), which gofeed translates only for the feed.
func jsonExtras(jf *json.Feed) formatExtras {
	extras := formatExtras{title: kindText, items: make([]itemExtras, len(jf.Items))}
	for i, it := range jf.Items {
		e := itemExtras{title: kindText, summary: kindText, content: kindHTML}
		if it != nil {
			e.language = it.Language
			if it.ContentHTML == "" {
				e.content = kindText
			}
		}
		extras.items[i] = e
	}
	return extras
}
