package tagfeed_test

import (
	"testing"

	"github.com/tagfeed/tagfeed"
)

func TestTextHTML(t *testing.T) {
	tests := []struct{ text, want string }{
		{"", ""},
		{" \n\n \t", ""},
		{"use <script> carefully; 3 < 4 && 5 > 2", "<p>use &lt;script&gt; carefully; 3 &lt; 4 &amp;&amp; 5 &gt; 2</p>"},
		{`He said "yes" & it's done`, `<p>He said "yes" &amp; it's done</p>`},
		{"&lt;img src=x&gt; is markup", "<p>&amp;lt;img src=x&amp;gt; is markup</p>"},
		{"line one\nline two\n\n\n  second   paragraph \r\n", "<p>line one<br>line two</p>\n<p>second paragraph</p>"},
		{"<b>not html</b>\r\nstill text", "<p>&lt;b&gt;not html&lt;/b&gt;<br>still text</p>"},
	}
	for _, tt := range tests {
		if got := tagfeed.TextHTML(tt.text); got != tt.want {
			t.Errorf("TextHTML(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
