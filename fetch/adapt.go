package fetch

import (
	"cmp"
	"mime"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/dates"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// adapt turns what gofeed parsed into the normalized Feed: each text read
// by its declared type (plain text kept as text, HTML sanitized), absolute
// links, found dates, and a key for every item. Items whose key repeats
// one earlier in the feed are dropped, and so are items with no title, no
// text and no link, which Feed.Empty counts.
func adapt(gf *gofeed.Feed, extras formatExtras, feedURL string) *Feed {
	base, err := url.Parse(feedURL)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	f := &Feed{
		Title:       titleText(gf.Title, extras.title),
		SiteURL:     resolve(base, gf.Link),
		MinInterval: minInterval(extras.ttl, gf.Extensions),
	}
	feedLang := languageTag(gf.Language)
	seen := make(map[string]string, len(gf.Items)) // key → hash of the item kept under it
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		var ex itemExtras
		if i < len(extras.items) {
			ex = extras.items[i]
		}
		it := adaptItem(gi, ex, base)
		it.Language = cmp.Or(languageTag(ex.language), feedLang)
		if it.Title == "" && it.Summary == "" && it.Content == "" && it.Link == "" {
			f.Empty++
			continue
		}
		hash := it.Hash()
		if it.Key == "" {
			it.Key = untrackedKey(&it, hash, seen)
		}
		if _, dup := seen[it.Key]; dup {
			continue
		}
		seen[it.Key] = hash
		f.Items = append(f.Items, it)
	}
	return f
}

// adaptItem normalizes one item and gives it its key.
func adaptItem(gi *gofeed.Item, ex itemExtras, base *url.URL) tagfeed.Item {
	it := tagfeed.Item{
		GUID:    strings.TrimSpace(gi.GUID),
		Link:    itemLink(gi, base),
		Title:   titleText(gi.Title, ex.title),
		Summary: htmlText(gi.Description, ex.summary, base),
		Content: htmlText(gi.Content, ex.content, base),
		Author:  cmp.Or(ex.author, authors(gi.Authors)),

		Enclosures: enclosures(gi.Enclosures, base),
	}
	if it.Summary == "" && it.Content == "" {
		// A video feed's only text is often its media:description.
		it.Content = htmlText(mediaDescription(gi.Extensions), kindText, base)
	}
	it.Published, it.Modified = itemDates(gi)
	it.Key = itemKey(&it)
	return it
}

// itemDates returns an item's publication date, else the date it was
// modified, and the date it was modified; zero where the feed gives none.
func itemDates(gi *gofeed.Item) (published, modified time.Time) {
	published, hasPublished := itemDate(gi.PublishedParsed, gi.Published)
	modified, hasModified := itemDate(gi.UpdatedParsed, gi.Updated)
	if !hasModified {
		modified, hasModified = itemDate(nil, extValue(gi.Extensions, "dcterms", "modified"))
	}
	switch {
	case !hasModified:
		return published, time.Time{}
	case !hasPublished:
		return modified, modified
	}
	return published, modified
}

// itemDate returns the date gofeed parsed, else the one dates.Parse finds in
// what the feed gave.
func itemDate(parsed *time.Time, raw string) (time.Time, bool) {
	if parsed != nil && !parsed.IsZero() {
		return *parsed, true
	}
	if raw == "" {
		return time.Time{}, false
	}
	return dates.Parse(raw)
}

// titleText reads a title or a name as plain text: markup removed when
// the feed declares HTML, or leaves the type open and the text looks like
// HTML; otherwise kept as written, its white space collapsed.
func titleText(s string, kind textKind) string {
	if kind == kindHTML || kind == kindGuess && looksLikeMarkup(s) {
		return plainText(s)
	}
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// htmlText reads a summary or content as the HTML an item holds: HTML is
// sanitized, plain text is escaped and its line breaks kept as paragraphs.
func htmlText(s string, kind textKind, base *url.URL) string {
	if kind == kindHTML || kind == kindGuess && looksLikeMarkup(s) {
		return cleanHTML(s, base)
	}
	return tagfeed.TextHTML(norm.NFC.String(s))
}

// markupPattern finds an HTML tag of a common element, or a character
// reference, in text whose type a feed leaves open.
var markupPattern = regexp.MustCompile(`(?i)</?(?:a|abbr|b|blockquote|br|center|cite|code|dd|div|dl|dt|em|figure|figcaption|font|h[1-6]|hr|i|iframe|img|li|ol|p|pre|q|s|script|small|span|strike|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul|video|audio|source|picture)\b[^>]*>|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);`)

// looksLikeMarkup reports whether text whose type is not declared is HTML.
func looksLikeMarkup(s string) bool {
	return markupPattern.MatchString(s)
}

// mediaDescription returns an item's Media RSS description, plain text.
func mediaDescription(exts ext.Extensions) string {
	if d := extValue(exts, "media", "description"); d != "" {
		return d
	}
	for _, group := range exts["media"]["group"] {
		if ds := group.Children["description"]; len(ds) > 0 {
			return strings.TrimSpace(ds[0].Value)
		}
	}
	return ""
}

// itemKey identifies an item within its feed by its GUID, else its link;
// "" when it has neither.
func itemKey(it *tagfeed.Item) string {
	return cmp.Or(it.GUID, it.Link)
}

// untrackedKey identifies an item with neither GUID nor link, whose hash
// is hash, among the keys already given in its feed (seen, with the hash
// of the item given each): by its title, so that an item whose text is
// edited stays one item instead of piling up a row a version; the second
// different item of the same title in a feed is "title:T#2", and so on.
// An item exactly like one given a key before gets that key, and is a
// duplicate. An untitled item is known by its hash.
func untrackedKey(it *tagfeed.Item, hash string, seen map[string]string) string {
	if it.Title == "" {
		return "sha256:" + hash
	}
	base := "title:" + it.Title
	key := base
	for n := 2; ; n++ {
		h, taken := seen[key]
		if !taken || h == hash {
			return key
		}
		key = base + "#" + strconv.Itoa(n)
	}
}

// itemLink returns the item's absolute link: its link, else its first
// other link, else its GUID when that is a web address.
func itemLink(gi *gofeed.Item, base *url.URL) string {
	candidates := append([]string{gi.Link}, gi.Links...)
	candidates = append(candidates, gi.GUID)
	for i, c := range candidates {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if i == len(candidates)-1 && !strings.HasPrefix(c, "http://") && !strings.HasPrefix(c, "https://") {
			break // a GUID that is no URL is no link
		}
		if link := resolve(base, c); link != "" {
			return link
		}
	}
	return ""
}

// enclosures returns the item's media with absolute web addresses, each
// once, with their lengths when the feed gave a plausible one.
func enclosures(encs []*gofeed.Enclosure, base *url.URL) []tagfeed.Enclosure {
	var out []tagfeed.Enclosure
	for _, e := range encs {
		if e == nil {
			continue
		}
		link := resolve(base, strings.TrimSpace(e.URL))
		if !strings.HasPrefix(link, "http://") && !strings.HasPrefix(link, "https://") ||
			slices.ContainsFunc(out, func(o tagfeed.Enclosure) bool { return o.URL == link }) {
			continue
		}
		length, err := strconv.ParseInt(strings.TrimSpace(e.Length), 10, 64)
		if err != nil || length < 0 {
			length = 0
		}
		out = append(out, tagfeed.Enclosure{URL: link, Type: mediaType(e.Type), Length: length})
	}
	return out
}

// mediaType returns a media type as a feed gave it, lower-cased, or ""
// when it is not one.
func mediaType(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if t, _, err := mime.ParseMediaType(s); err == nil && strings.Contains(t, "/") {
		return s
	}
	return ""
}

// languageTag returns a language as a feed gave it, in the BCP 47 form
// ("en_US" becomes "en-US"), or "" when it is not a language tag.
func languageTag(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if tag, err := language.Parse(s); err == nil && s != "" {
		return tag.String()
	}
	return ""
}

// authors joins the names of an item's authors.
func authors(people []*gofeed.Person) string {
	var names []string
	for _, p := range people {
		if p == nil {
			continue
		}
		name := plainText(p.Name)
		if name == "" {
			name = plainText(p.Email)
		}
		if name != "" {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// syPeriods are the lengths of the syndication module's update periods.
var syPeriods = map[string]time.Duration{
	"hourly":  time.Hour,
	"daily":   24 * time.Hour,
	"weekly":  7 * 24 * time.Hour,
	"monthly": 30 * 24 * time.Hour,
	"yearly":  365 * 24 * time.Hour,
}

// minInterval reads the least fetch interval a feed asks for: its RSS ttl
// in minutes, or its sy:updatePeriod divided by sy:updateFrequency,
// whichever is longer, capped at maxMinInterval.
func minInterval(ttl string, exts ext.Extensions) time.Duration {
	var d time.Duration
	if mins, err := strconv.Atoi(strings.TrimSpace(ttl)); err == nil && mins > 0 {
		d = time.Duration(min(mins, 24*60)) * time.Minute
	}
	if period, ok := syPeriods[strings.ToLower(extValue(exts, "sy", "updatePeriod"))]; ok {
		freq, err := strconv.Atoi(extValue(exts, "sy", "updateFrequency"))
		if err != nil || freq < 1 {
			freq = 1
		}
		d = max(d, period/time.Duration(freq))
	}
	return min(d, maxMinInterval)
}

// extValue returns the text of the first extension element prefix:name.
func extValue(exts ext.Extensions, prefix, name string) string {
	if els := exts[prefix][name]; len(els) > 0 {
		return strings.TrimSpace(els[0].Value)
	}
	return ""
}
