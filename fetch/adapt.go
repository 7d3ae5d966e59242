package fetch

import (
	"cmp"
	"mime"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	tagfeed "github.com/tagfeed/tagfeed"
	"golang.org/x/text/language"
)

// adapt turns what gofeed parsed into the normalized Feed: plain-text
// titles, sanitized HTML, absolute links, and a key for every item. Items
// whose key repeats one earlier in the feed are dropped.
func adapt(gf *gofeed.Feed, extras formatExtras, feedURL string) *Feed {
	base, err := url.Parse(feedURL)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	f := &Feed{
		Title:       plainText(gf.Title),
		SiteURL:     resolve(base, gf.Link),
		MinInterval: minInterval(extras.ttl, gf.Extensions),
	}
	feedLang := languageTag(gf.Language)
	seen := make(map[string]bool, len(gf.Items))
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := adaptItem(gi, base)
		it.Language = feedLang
		if i < len(extras.languages) {
			it.Language = cmp.Or(languageTag(extras.languages[i]), feedLang)
		}
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		f.Items = append(f.Items, it)
	}
	return f
}

// adaptItem normalizes one item and gives it its key.
func adaptItem(gi *gofeed.Item, base *url.URL) tagfeed.Item {
	it := tagfeed.Item{
		GUID:    strings.TrimSpace(gi.GUID),
		Link:    itemLink(gi, base),
		Title:   plainText(gi.Title),
		Summary: cleanHTML(gi.Description, base),
		Content: cleanHTML(gi.Content, base),
		Author:  authors(gi.Authors),

		Enclosures: enclosures(gi.Enclosures, base),
	}
	if gi.PublishedParsed != nil {
		it.Published = *gi.PublishedParsed
	} else if gi.UpdatedParsed != nil {
		it.Published = *gi.UpdatedParsed
	}
	it.Key = itemKey(&it)
	return it
}

// itemKey identifies an item within its feed: its GUID, else its link,
// else a hash of its content.
func itemKey(it *tagfeed.Item) string {
	switch {
	case it.GUID != "":
		return it.GUID
	case it.Link != "":
		return it.Link
	}
	return "sha256:" + it.Hash()
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
