package tagfeed

import (
	"os"
	"strings"
	"testing"
)

// FuzzAppendedTitle adds a feed with any title to the shipped config, as
// "feeds add" and "feeds import" do with the title a feed or an OPML file
// gives: the edited config must load, with the title as it was (each byte
// that is not UTF-8 made U+FFFD).
func FuzzAppendedTitle(f *testing.F) {
	shipped, err := os.ReadFile("config.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"Plain", "Tin mới – VnExpress", "a: b", "#x", "x #y", "- x", "'q'", `"`, "null", "  spaced", `x\y`,
		"{a}", "*a", "&a", "!t", "%x", "@x", "`x", "|", ">", "? x", "a\tb", "a\rb", "a\u0085b", "a\u2028b",
		"a\x00b", "\ufeffx", "\xff", "a\x1bb",
	} {
		f.Add(s)
	}
	const url = "https://fuzz.example/feed.xml"
	f.Fuzz(func(t *testing.T, title string) {
		text := insertFeedEntries(string(shipped), []FeedConfig{{URL: url, Title: title}})
		cfg, err := ParseConfig("config.yaml", []byte(text))
		if err != nil {
			t.Fatalf("title %q: %v", title, err)
		}
		last := cfg.Feeds[len(cfg.Feeds)-1]
		if last.URL != url || last.Title != strings.ToValidUTF8(title, "\uFFFD") {
			t.Fatalf("title %q came back as %q (%s)", title, last.Title, last.URL)
		}
	})
}
