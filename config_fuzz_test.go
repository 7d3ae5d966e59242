package tagfeed

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// shippedConfig reads the config.yaml the repository ships.
func shippedConfig(f *testing.F) []byte {
	f.Helper()
	data, err := os.ReadFile("config.yaml")
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzParseConfig reads any bytes as a config: no input panics, and every
// error names the file, and a line of it when it names one, as an
// operator needs to find what to mend.
func FuzzParseConfig(f *testing.F) {
	f.Add(shippedConfig(f))
	for _, s := range []string{
		"", "tags:\n  ai: [", "tags:\n  ai:\n    keywords: 3\n", "fetch:\n  concurrency: -1\n",
		"feeds:\n  - url: ::\n", "tags: &a [*a]\n", "stories:\n  threshold: 2\n", "\xff\xfe", "a: b: c\n",
		"tags:\n  ai:\n    keywords: [\"(\"]\n    senses: [{\"\": x}]\n", "listen: 1\nlisten: 2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseConfig("fuzz/config.yaml", data)
		if err != nil && !strings.Contains(err.Error(), "fuzz/config.yaml") {
			t.Fatalf("the error does not name the file: %v", err)
		}
		var ce *ConfigError
		if lines := len(yamlLines(string(data))); errors.As(err, &ce) && ce.Line > lines {
			t.Fatalf("the error names line %d of %d: %v", ce.Line, lines, err)
		}
	})
}

// FuzzAppendedTitle adds a feed with any title to the shipped config, as
// "feeds add" and "feeds import" do with the title a feed or an OPML file
// gives: the edited config must load, with the title as it was (each byte
// that is not UTF-8 made U+FFFD).
func FuzzAppendedTitle(f *testing.F) {
	shipped := string(shippedConfig(f))
	for _, s := range []string{
		"Plain", "Tin mới – VnExpress", "a: b", "#x", "x #y", "- x", "'q'", `"`, "null", "  spaced", `x\y`,
		"{a}", "*a", "&a", "!t", "%x", "@x", "`x", "|", ">", "? x", "a\tb", "a\rb", "a\u0085b", "a\u2028b",
		"a\x00b", "\ufeffx", "\xff", "a\x1bb",
	} {
		f.Add(s)
	}
	const url = "https://fuzz.example/feed.xml"
	f.Fuzz(func(t *testing.T, title string) {
		text := insertFeedEntries(shipped, []FeedConfig{{URL: url, Title: title}})
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
