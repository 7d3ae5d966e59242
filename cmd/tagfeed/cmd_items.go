package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// runItems lists stored items, newest first.
func runItems(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("items", flag.ContinueOnError)
	tagName := fs.String("tag", "", "only items with this `tag`")
	limit := fs.Int("limit", 50, "at most `N` items (0 for all)")
	asJSON := fs.Bool("json", false, "print one JSON object per item, with why it has each tag")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("items takes no arguments, got %q", rest)
	}
	if *limit < 0 {
		return usagef("items: --limit must not be negative")
	}
	a, err := openApp(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	if *tagName != "" && !slices.Contains(a.cfg.TagNames(), *tagName) {
		return usagef("items: unknown tag %q (the config has %s)", *tagName, strings.Join(a.cfg.TagNames(), ", "))
	}
	items, err := a.store.Items(ctx, tagfeed.Selection{AllTags: tagfeed.OneTag(*tagName), Limit: *limit, Explained: *asJSON})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if *asJSON {
			err = enc.Encode(newItemJSON(it))
		} else {
			_, err = fmt.Fprintf(e.stdout, "%s  %-30s  %s  (%s)\n", listingDate(it),
				strings.Join(it.TagNames(), ","), it.Title, tagfeed.SourceName(it.SourceKind, it.SourceURL, it.SourceTitle))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// itemJSON is what items --json prints for one item.
type itemJSON struct {
	ID        int64         `json:"id"`
	Source    string        `json:"source"`
	SourceURL string        `json:"source_url"`
	Key       string        `json:"key"`
	GUID      string        `json:"guid,omitempty"`
	Title     string        `json:"title"`
	Link      string        `json:"link,omitempty"`
	Author    string        `json:"author,omitempty"`
	Outlet    string        `json:"outlet,omitempty"`
	Language  string        `json:"language,omitempty"`
	Published *time.Time    `json:"published"` // null when the source gave no date
	Updated   time.Time     `json:"updated"`
	FirstSeen time.Time     `json:"first_seen"`
	Tags      []string      `json:"tags"`
	Explain   []tagEvidence `json:"explain"`
	Story     *storyJSON    `json:"story"` // null until the item is grouped

	Summary    string              `json:"summary,omitempty"` // HTML
	Content    string              `json:"content,omitempty"` // HTML
	Enclosures []tagfeed.Enclosure `json:"enclosures,omitempty"`
}

// storyJSON is the story of an item: its id (the id of its first item),
// and, for an item that joined it, the item it was found like and how much.
type storyJSON struct {
	ID         int64   `json:"id"`
	Match      int64   `json:"match,omitempty"`
	Similarity float64 `json:"similarity,omitempty"`
}

func newItemJSON(it tagfeed.Item) itemJSON {
	var published *time.Time
	if !it.Published.IsZero() {
		published = &it.Published
	}
	var story *storyJSON
	if it.Story.ID != 0 {
		story = &storyJSON{ID: it.Story.ID, Match: it.Story.Match, Similarity: math.Round(it.Story.Similarity*1000) / 1000}
	}
	return itemJSON{
		ID: it.ID, Source: tagfeed.SourceName(it.SourceKind, it.SourceURL, it.SourceTitle), SourceURL: it.SourceURL,
		Key: it.Key, GUID: it.GUID, Title: it.Title, Link: it.Link, Summary: it.Summary, Content: it.Content,
		Author: it.Author, Outlet: it.Outlet, Language: it.Language, Published: published,
		Updated: it.Updated, FirstSeen: it.FirstSeen,
		Tags: tagNames(it.Tags), Explain: explain(it.Tags), Enclosures: it.Enclosures, Story: story,
	}
}

// listingDate is the date items prints: the item's, or when tagfeed first
// saw it, marked with a tilde, when its source gave none.
func listingDate(it tagfeed.Item) string {
	if it.Published.IsZero() {
		return "~" + it.FirstSeen.Local().Format("2006-01-02 15:04")
	}
	return " " + it.Published.Local().Format("2006-01-02 15:04")
}
