package tagfeed_test

import (
	"testing"

	"github.com/tagfeed/tagfeed"
)

func TestSourceName(t *testing.T) {
	tests := []struct {
		kind       tagfeed.SourceKind
		url, title string
		want       string
	}{
		{tagfeed.SourceFeed, "https://vnexpress.net/rss/so-hoa.rss", "VnExpress – Số hóa", "VnExpress – Số hóa"},
		{tagfeed.SourceFeed, "https://www.example.org/a/very/long/path/feed.xml?utm_source=x", "", "example.org"},
		{tagfeed.SourceFeed, "http://127.0.0.1:8080/feed", "", "127.0.0.1"},
		{tagfeed.SourceSeed, "seeds", "", "seeds"},
		{tagfeed.SourceFeed, "not a url", "", "not a url"},
	}
	for _, tt := range tests {
		if got := tagfeed.SourceName(tt.kind, tt.url, tt.title); got != tt.want {
			t.Errorf("SourceName(%s, %q, %q) = %q, want %q", tt.kind, tt.url, tt.title, got, tt.want)
		}
	}
}
