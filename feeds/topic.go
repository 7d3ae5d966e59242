package feeds

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
)

// AllTopic is the name of the feed of every item, whatever its tags.
const AllTopic = "all"

// SearchTopic is the name of the feed of a saved search, /search.atom?q=.
const SearchTopic = "search"

// Topic describes one published feed: a configured tag, a combination of
// tags (a+b: items with both; a,b: items with either), AllTopic, or a
// search; any of them may be narrowed by a search query.
type Topic struct {
	Name        string // as in the feed's URL: "ai", "ai+energy", "ai,energy", "all", "search"
	Title       string // human name of the topic
	Description string // what the feed holds; never empty
	Language    string // BCP 47 language of the items, if known

	AllTags []string // the items have every one of these tags
	AnyTags []string // the items have at least one of these tags
	Query   string   // a search query the items match, or ""
	Limit   int      // how many items the feed holds; 0 for DefaultLimit
	// Stories, unless PickNone, shows each story once, by the item it
	// picks: the config's stories.fold and stories.pick, or ?stories=.
	Stories tagfeed.StoryPick
	// storiesAsked is ?stories= as the request gave it, kept in the
	// feed's links: "1", "0" or "".
	storiesAsked string

	SiteTitle string // the site's name, from the config
	BaseURL   string // the site's absolute URL, without a trailing slash
	// TagTitles maps every configured tag name to its title, for the
	// human labels of the items' categories.
	TagTitles map[string]string

	// Updated is the feed's date when none of its items has one; otherwise
	// the newest item's date is used, so the output depends on the items only.
	Updated time.Time
}

// Topics returns every configured topic, sorted by name (a YAML map keeps
// no order), then AllTopic.
func Topics(cfg *tagfeed.Config) []Topic {
	names := cfg.TagNames()
	topics := make([]Topic, 0, len(names)+1)
	for _, name := range names {
		t, _ := LookupTopic(cfg, name)
		topics = append(topics, t)
	}
	all, _ := LookupTopic(cfg, AllTopic)
	return append(topics, all)
}

// LookupTopic returns the topic a feed URL names: a configured tag,
// AllTopic, tags joined by + (all of them) or by , (any of them), or
// SearchTopic. A name with an unknown tag is an error wrapping
// tagfeed.ErrNotFound; a name that mixes + and , or repeats a tag is a
// bad request.
func LookupTopic(cfg *tagfeed.Config, name string) (Topic, error) {
	t := Topic{
		Name:      name,
		Language:  cfg.Language,
		SiteTitle: cfg.Title,
		BaseURL:   strings.TrimRight(cfg.BaseURL, "/"),
		TagTitles: make(map[string]string, len(cfg.Tags)),
	}
	for tag, rule := range cfg.Tags {
		t.TagTitles[tag] = cmp.Or(rule.Title, tag)
	}
	if cfg.Stories.Fold {
		t.Stories = cfg.Stories.Pick
	}
	switch {
	case name == AllTopic:
		t.Title = "All items"
		t.Description = "Every item " + siteName(cfg.Title) + " has gathered, newest first."
		return t, nil
	case name == SearchTopic:
		t.Title = "Search"
		t.Description = "Items " + siteName(cfg.Title) + " has gathered that match a search, best first."
		return t, nil
	case strings.Contains(name, "+") && strings.Contains(name, ","):
		return Topic{}, badRequest("topic %q joins tags both with + (all of them) and with , (any of them): use one", name)
	}
	sep, joiner := "+", " + "
	if strings.Contains(name, ",") {
		sep, joiner = ",", " or "
	}
	tags := strings.Split(name, sep)
	titles := make([]string, len(tags))
	for i, tag := range tags {
		rule, ok := cfg.Tags[tag]
		if !ok {
			return Topic{}, fmt.Errorf("feeds: no topic %q: %w", tag, tagfeed.ErrNotFound)
		}
		if slices.Contains(tags[:i], tag) {
			return Topic{}, badRequest("topic %q names %q twice", name, tag)
		}
		titles[i] = t.TagTitles[tag]
		if len(tags) == 1 {
			t.Description = rule.Description
		}
	}
	t.Title = strings.Join(titles, joiner)
	switch {
	case len(tags) == 1:
		t.AllTags = tags
		if t.Description == "" {
			t.Description = "Items tagged “" + t.Title + "” by " + siteName(cfg.Title) + ", newest first."
		}
	case sep == "+":
		t.AllTags = tags
		t.Description = "Items tagged with all of " + quoteAll(titles) + " by " + siteName(cfg.Title) + ", newest first."
	default:
		t.AnyTags = tags
		t.Description = "Items tagged with any of " + quoteAll(titles) + " by " + siteName(cfg.Title) + ", newest first."
	}
	return t, nil
}

func quoteAll(titles []string) string {
	q := make([]string, len(titles))
	for i, s := range titles {
		q[i] = "“" + s + "”"
	}
	return strings.Join(q, ", ")
}

// WithQuery returns the topic narrowed to the items that match a search
// query, with the limit given (0 for the default). Its title says so.
func (t Topic) WithQuery(q string, limit int) Topic {
	t.Query, t.Limit = strings.TrimSpace(q), limit
	if t.Query != "" {
		if t.Name == SearchTopic {
			t.Title = "Search: " + t.Query
		} else {
			t.Title += " — search: " + t.Query
		}
		t.Description = "Items of “" + t.Title + "”, best matches first."
	}
	return t
}

// WithStories returns the topic with stories shown once or not, as
// ?stories= asks: "1" (with the config's pick, else the earliest report),
// "0", or "" for the config's default.
func (t Topic) WithStories(asked string, cfg tagfeed.StoryConfig) (Topic, error) {
	switch asked {
	case "":
		return t, nil
	case "1", "true":
		t.Stories, t.storiesAsked = cmp.Or(cfg.Pick, tagfeed.PickEarliest), "1"
	case "0", "false":
		t.Stories, t.storiesAsked = tagfeed.PickNone, "0"
	default:
		return t, badRequest("bad stories %q: want 1 (each story once) or 0 (every item)", asked)
	}
	return t, nil
}

// Selection is what the topic's feed holds, at most limit items (stories,
// when it shows each story once).
func (t Topic) Selection(limit int) tagfeed.Selection {
	return tagfeed.Selection{AllTags: t.AllTags, AnyTags: t.AnyTags, Search: t.Query, Limit: limit, Stories: t.Stories}
}

// Tags returns the tags the topic names.
func (t Topic) Tags() []string {
	return slices.Concat(t.AllTags, t.AnyTags)
}

// FeedTitle returns the title the topic's feeds carry.
func (t Topic) FeedTitle() string {
	if t.SiteTitle == "" {
		return t.Title
	}
	return t.Title + " — " + t.SiteTitle
}

// FeedPath returns the site-relative path of the topic's feed in format f,
// without a leading slash, with its query: "feeds/ai.atom",
// "search.rss?q=chip".
func (t Topic) FeedPath(f Format) string {
	p := "feeds/" + t.Name + "." + f.Ext()
	if t.Name == SearchTopic {
		p = SearchTopic + "." + f.Ext()
	}
	return p + t.query()
}

// query returns the feed's query string: its search, its limit, and
// whether it shows stories once if the request said.
func (t Topic) query() string {
	v := url.Values{}
	if t.Query != "" {
		v.Set("q", t.Query)
	}
	if t.Limit != 0 && t.Limit != DefaultLimit {
		v.Set("limit", strconv.Itoa(t.Limit))
	}
	if t.storiesAsked != "" {
		v.Set("stories", t.storiesAsked)
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// FeedURL returns the absolute URL of the topic's feed in format f.
func (t Topic) FeedURL(f Format) string {
	return t.BaseURL + "/" + t.FeedPath(f)
}

// PagePath returns the site-relative path of the topic's page.
func (t Topic) PagePath() string {
	if t.Name == SearchTopic {
		return SearchTopic + t.query()
	}
	return "topics/" + t.Name + t.query()
}

// HomeURL returns the absolute URL of the site's index page.
func (t Topic) HomeURL() string {
	return t.BaseURL + "/"
}

func siteName(title string) string {
	if title == "" {
		return "tagfeed"
	}
	return title
}
