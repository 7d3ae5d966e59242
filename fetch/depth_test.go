package fetch

import (
	"strings"
	"testing"
)

func TestCheckDepth(t *testing.T) {
	nested := func(n int) string {
		return `<rss version="2.0"><channel>` + strings.Repeat("<x>", n) + strings.Repeat("</x>", n) + `</channel></rss>`
	}
	tests := []struct {
		name string
		doc  string
		ok   bool
	}{
		{"a feed", `<?xml version="1.0"?><!-- hi --><rss><channel><item><title>a</title></item></channel></rss>`, true},
		{"nesting at the limit", nested(maxDepth - 2), true},
		{"nesting past the limit", nested(maxDepth), false},
		{"two million levels", nested(2_000_000), false},
		{"self-closing tags do not nest", `<rss><channel>` + strings.Repeat("<br/>", 5000) + `</channel></rss>`, true},
		{"tags in CDATA are text", `<rss><channel><description><![CDATA[` + strings.Repeat("<p>", 5000) + `]]></description></channel></rss>`, true},
		{"tags in comments are text", `<rss><!--` + strings.Repeat("<x>", 5000) + `--></rss>`, true},
		{"a > in an attribute value", `<rss><channel><link href="a>b"/>` + strings.Repeat("<x a='>'>", 10) + `</channel></rss>`, true},
		{"many elements", `<rss><channel>` + strings.Repeat("<category>x</category>", maxElements-2) + `</channel></rss>`, true},
		{"too many elements", `<rss><channel>` + strings.Repeat("<x/>", maxElements) + `</channel></rss>`, false},
		{"unclosed quotes stop the scan", `<rss><a href="` + strings.Repeat("<x>", 5000), true},
	}
	for _, tt := range tests {
		if err := checkDepth([]byte(tt.doc)); (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}
