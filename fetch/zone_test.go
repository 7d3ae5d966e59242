package fetch

import (
	"fmt"
	"testing"
	"time"
)

func TestUTCOffsets(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate>", "<pubDate>Mon, 02 Jan 2006 15:04:05 +0000</pubDate>"},
		{"<lastBuildDate>Tue, 3 Jan 2006 09:30 GMT</lastBuildDate><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate>",
			"<lastBuildDate>Tue, 3 Jan 2006 09:30 +0000</lastBuildDate><pubDate>Mon, 02 Jan 2006 15:04:05 +0000</pubDate>"},
		{"<dc:date>Mon, 02 Jan 2006 15:04:05 GMT</dc:date>", "<dc:date>Mon, 02 Jan 2006 15:04:05 +0000</dc:date>"},
		// Text is text, even when it ends like a date.
		{"<description>The call is at 15:04:05 GMT</description>", "<description>The call is at 15:04:05 GMT</description>"},
		{"<title>Meet at 15:04 GMT</title>", "<title>Meet at 15:04 GMT</title>"},
		// Not after a time of day.
		{"<pubDate>sometime GMT</pubDate>", "<pubDate>sometime GMT</pubDate>"},
		{"<pubDate>Mon, 02 Jan 2006 15:04:05 +0700</pubDate>", "<pubDate>Mon, 02 Jan 2006 15:04:05 +0700</pubDate>"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(utcOffsets([]byte(tt.in))); got != tt.want {
			t.Errorf("utcOffsets(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestUTCOffsetsSameInstant parses an RSS item dated in GMT with and
// without the rewrite: the same instant.
func TestUTCOffsetsSameInstant(t *testing.T) {
	doc := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><guid>a</guid><pubDate>Wed, 26 Jun 2024 12:30:00 GMT</pubDate></item></channel></rss>`)
	want := time.Date(2024, 6, 26, 12, 30, 0, 0, time.UTC)
	for _, d := range [][]byte{doc, utcOffsets(doc)} {
		f, err := parse(d, "application/rss+xml", "https://example.org/feed", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Items[0].Published; !got.Equal(want) {
			t.Errorf("published %v, want %v", got, want)
		}
	}
}

// BenchmarkParseDates parses a feed of 200 items dated in GMT, and the same
// feed dated with a numeric offset: with utcOffsets they cost the same.
func BenchmarkParseDates(b *testing.B) {
	for _, zone := range []string{"GMT", "+0000"} {
		var doc []byte
		doc = append(doc, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`...)
		for i := range 200 {
			doc = fmt.Appendf(doc, `<item><title>x%d</title><guid>g%d</guid><pubDate>Mon, 02 Jan 2006 15:04:05 %s</pubDate></item>`, i, i, zone)
		}
		doc = append(doc, `</channel></rss>`...)
		b.Run(zone, func(b *testing.B) {
			for b.Loop() {
				if _, err := parse(doc, "application/rss+xml", "https://example.org/feed", 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
