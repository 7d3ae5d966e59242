package tagfeed

import (
	"os"
	"strings"
	"testing"
)

// FuzzParseConfig reads any bytes as a config: no input panics, and every
// error names the file, as an operator needs to find what to mend.
func FuzzParseConfig(f *testing.F) {
	shipped, err := os.ReadFile("config.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(shipped)
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
	})
}
