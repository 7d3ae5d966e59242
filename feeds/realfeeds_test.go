package feeds_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

// realFeeds is the shared folder of feeds captured from the wild.
const realFeeds = "../../shared/realfeeds"

// TestRepublishRealFeeds republishes the items of every real-world feed that
// gofeed reads, with their messy titles, HTML and dates, and wants every
// output well-formed and read back by gofeed with the same items.
func TestRepublishRealFeeds(t *testing.T) {
	manifest, err := os.Open(filepath.Join(realFeeds, "MANIFEST.tsv"))
	if err != nil {
		t.Skipf("real-world feeds not available (%v): they live in the shared folder beside the repository", err)
	}
	defer manifest.Close()
	tp, _ := feeds.LookupTopic(testConfig(), feeds.AllTopic)
	sc := bufio.NewScanner(manifest)
	sc.Scan() // the header
	checked := 0
	for sc.Scan() {
		name, _, _ := strings.Cut(sc.Text(), "\t")
		data, err := os.ReadFile(filepath.Join(realFeeds, name))
		if err != nil {
			t.Fatal(err)
		}
		in, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil || len(in.Items) == 0 {
			continue // not a feed gofeed reads: the fetcher's business
		}
		items := itemsOf(in)
		for i := range items {
			items[i].SourceKind, items[i].SourceURL, items[i].SourceTitle = tagfeed.SourceFeed, "https://example.com/"+name, in.Title
		}
		for _, f := range feeds.Formats() {
			var buf bytes.Buffer
			if err := feeds.Render(&buf, f, tp, items); err != nil {
				t.Errorf("%s as %v: %v", name, f, err)
				continue
			}
			if f != feeds.JSON {
				if err := wellFormed(buf.Bytes()); err != nil {
					t.Errorf("%s as %v: not well-formed: %v", name, f, err)
				}
			}
			out, err := gofeed.NewParser().Parse(&buf)
			if err != nil {
				t.Errorf("%s as %v: gofeed cannot read it back: %v", name, f, err)
				continue
			}
			if len(out.Items) == 0 || len(out.Items) > len(items) {
				t.Errorf("%s as %v: %d items back from %d", name, f, len(out.Items), len(items))
			}
			for _, it := range out.Items {
				if it.GUID == "" || it.Title == "" {
					t.Errorf("%s as %v: an item came back without id or title: %q %q", name, f, it.GUID, it.Title)
					break
				}
			}
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("republished only %d real feeds, want at least 10", checked)
	}
}

// itemsOf turns parsed items into tagfeed items as a fetcher would, roughly.
func itemsOf(feed *gofeed.Feed) []tagfeed.Item {
	var items []tagfeed.Item
	for i, it := range feed.Items {
		item := tagfeed.Item{
			SourceID: 1, Key: it.GUID, GUID: it.GUID, Link: it.Link,
			Title: it.Title, Summary: it.Description, Content: it.Content,
			Tags: tags("ai"),
		}
		if item.Key == "" {
			item.Key = it.Link + "#" + it.Title
		}
		if it.PublishedParsed != nil {
			item.Published = *it.PublishedParsed
		}
		if it.UpdatedParsed != nil {
			item.Updated = *it.UpdatedParsed
		}
		if it.Author != nil {
			item.Author = it.Author.Name
		}
		item.ID = int64(i + 1)
		items = append(items, item)
	}
	return items
}
