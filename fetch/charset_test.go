package fetch

import (
	"strings"
	"testing"
	"time"

	ext "github.com/mmcdole/gofeed/extensions"
)

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name, contentType string
		doc, want         string
	}{
		{"UTF-8 stays", "", `<?xml version="1.0" encoding="utf-8"?><a>Việt</a>`, `<?xml version="1.0"?><a>Việt</a>`},
		{"Latin-1 by prolog", "", "<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xe9</a>", `<?xml version='1.0'?><a>café</a>`},
		{"Latin-1 by HTTP", "text/xml; charset=iso-8859-1", "<a>caf\xe9</a>", "<a>café</a>"},
		{"HTTP says UTF-8, prolog knows better", "text/xml; charset=utf-8", "<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\xcf\xf0\xe8</a>", `<?xml version="1.0"?><a>При</a>`},
		{"UTF-8 under a wrong prolog", "", `<?xml version="1.0" encoding="ISO-8859-1"?><a>Café</a>`, `<?xml version="1.0"?><a>Café</a>`},
		{"undeclared Latin-1 read as windows-1252", "", "<a>\x93caf\xe9\x94</a>", "<a>“café”</a>"},
		{"mostly UTF-8 with a stray byte", "", "<a>Việt Nam đẹp \xff</a>", "<a>Việt Nam đẹp \uFFFD</a>"},
		{"unknown label", "", "<?xml version=\"1.0\" encoding=\"bogus\"?><a>caf\xe9</a>", `<?xml version="1.0"?><a>café</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := toUTF8([]byte(tt.doc), tt.contentType)
			if err != nil || string(got) != tt.want {
				t.Errorf("toUTF8 = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestPrepareTrimsJunk(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"clean", `<rss version="2.0"/>`, `<rss version="2.0"/>`},
		{"BOM and blank lines", "\xef\xbb\xbf\n\n<?xml version=\"1.0\"?><rss/>", `<?xml version="1.0"?><rss/>`},
		{"browser banner", "This XML file does not appear to have any style information.\n<rss><channel/></rss>", "<rss><channel/></rss>"},
		{"PHP warning markup", "<br />\n<b>Warning</b>: oops\n<?xml version=\"1.0\"?>\n<feed/>", "<?xml version=\"1.0\"?>\n<feed/>"},
		{"JSON", "  {\"version\": 1}", "{\"version\": 1}"},
		{"UTF-16", "\xff\xfe<\x00r\x00s\x00s\x00/\x00>\x00", "<rss/>"},
		{"an HTML page stays itself", "<!DOCTYPE html><html></html>", "<!DOCTYPE html><html></html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := prepare([]byte(tt.doc), "")
			if err != nil || string(got) != tt.want {
				t.Errorf("prepare = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Plain   title\n", "Plain title"},
		{"Tom &amp; Jerry", "Tom & Jerry"},
		{"AT&T <b>wins</b>", "AT&T wins"},
		{"bán <b>dẫn</b>", "bán dẫn"},
		{"one<br>two", "one two"},
		{"x <script>alert(1)</script>y", "x y"},
		{"Vie\u0302\u0323t Nam", "Việt Nam"},
		{"a\u00a0b", "a b"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMinInterval(t *testing.T) {
	sy := func(period, freq string) ext.Extensions {
		e := ext.Extensions{"sy": {"updatePeriod": {{Value: period}}}}
		if freq != "" {
			e["sy"]["updateFrequency"] = []ext.Extension{{Value: freq}}
		}
		return e
	}
	tests := []struct {
		name string
		ttl  string
		exts ext.Extensions
		want time.Duration
	}{
		{"nothing", "", nil, 0},
		{"ttl", "60", nil, time.Hour},
		{"bad ttl", "soon", nil, 0},
		{"hourly", "", sy("hourly", ""), time.Hour},
		{"daily, 4 times", "", sy("daily", "4"), 6 * time.Hour},
		{"ttl beats sy", "600", sy("hourly", "2"), 10 * time.Hour},
		{"weekly is capped", "", sy("weekly", "1"), maxMinInterval},
		{"unknown period", "", sy("fortnightly", ""), 0},
	}
	for _, tt := range tests {
		if got := minInterval(tt.ttl, tt.exts); got != tt.want {
			t.Errorf("%s: minInterval = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFeedLinks(t *testing.T) {
	page := `<html><head><base href="https://site.example/news/">
<link rel="Alternate" type="application/rss+xml" href="rss.xml">
<link rel="alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">
<link rel="alternate" type="text/html" href="/fr/">
<link rel="alternate feed" type="application/feed+json" href="https://json.example/feed.json">
<link rel="alternate" type="application/rss+xml" href="rss.xml">
</head></html>`
	got := strings.Join(feedLinks([]byte(page), "https://other.example/"), " ")
	want := "https://site.example/news/rss.xml https://site.example/atom.xml https://json.example/feed.json"
	if got != want {
		t.Errorf("feedLinks = %s\nwant %s", got, want)
	}
}
