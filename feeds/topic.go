package feeds

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"
)

// AllTopic is the name of the feed of every item, whatever its tags.
const AllTopic = "all"

// Topic describes one published feed: a configured tag, or AllTopic.
type Topic struct {
	Name        string // the tag name, as in the feed's URL
	Title       string // human name of the topic
	Description string // what the feed holds; never empty
	Language    string // BCP 47 language of the items, if known

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

// LookupTopic returns the topic with that name: a configured tag or
// AllTopic. An unknown name is an error wrapping tagfeed.ErrNotFound.
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
	if name == AllTopic {
		t.Title = "All items"
		t.Description = "Every item " + siteName(cfg.Title) + " has gathered, newest first."
		return t, nil
	}
	rule, ok := cfg.Tags[name]
	if !ok {
		return Topic{}, fmt.Errorf("feeds: no topic %q: %w", name, tagfeed.ErrNotFound)
	}
	t.Title = t.TagTitles[name]
	t.Description = rule.Description
	if t.Description == "" {
		t.Description = "Items tagged “" + t.Title + "” by " + siteName(cfg.Title) + ", newest first."
	}
	return t, nil
}

// FeedTitle returns the title the topic's feeds carry.
func (t Topic) FeedTitle() string {
	if t.SiteTitle == "" {
		return t.Title
	}
	return t.Title + " — " + t.SiteTitle
}

// FeedPath returns the site-relative path of the topic's feed in format f,
// without a leading slash: "feeds/ai.atom".
func (t Topic) FeedPath(f Format) string {
	return "feeds/" + t.Name + "." + f.Ext()
}

// FeedURL returns the absolute URL of the topic's feed in format f.
func (t Topic) FeedURL(f Format) string {
	return t.BaseURL + "/" + t.FeedPath(f)
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
