package fetch_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tagfeed/tagfeed/fetch"
)

// FuzzParse feeds arbitrary documents to Parse: it must never panic, and
// whatever items it returns must have a key and UTF-8 text.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "feeds", "*"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data, "")
		}
	}
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"), "text/xml; charset=utf-16")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{}]}`), "application/json")
	// Nesting deep enough to exhaust a recursive parser's stack.
	f.Add([]byte(`<rss version="2.0"><channel><item>`+strings.Repeat("<x:a>", 200_000)), "")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml">`+strings.Repeat("<div>", 100_000)), "")
	f.Fuzz(func(t *testing.T, doc []byte, contentType string) {
		feed, err := fetch.Parse(bytes.NewReader(doc), contentType, "https://fuzz.example/feed")
		if err != nil {
			return
		}
		for i, it := range feed.Items {
			if it.Key == "" || !utf8.ValidString(it.Title+it.Summary+it.Content+it.Author+it.Link) {
				t.Errorf("item %d: key %q or text not UTF-8", i, it.Key)
			}
		}
	})
}
