package fetch

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSplitXML(t *testing.T) {
	tests := []struct {
		name, doc, element string
		want               []string // the items' bytes
	}{
		{"rss", `<rss><channel><title>t</title><item><title>a</title></item> <item><guid>b</guid></item></channel></rss>`, "item",
			[]string{"<item><title>a</title></item>", "<item><guid>b</guid></item>"}},
		{"rdf, items after the channel, prefixed", `<rdf:RDF><channel><items><rdf:Seq><rdf:li/></rdf:Seq></items></channel><rss:item rdf:about="x"><title>a</title></rss:item></rdf:RDF>`, "item",
			[]string{`<rss:item rdf:about="x"><title>a</title></rss:item>`}},
		{"atom, entry in entry", `<feed><entry><source><entry>no</entry></source></entry><entry/></feed>`, "entry",
			[]string{"<entry><source><entry>no</entry></source></entry>", "<entry/>"}},
		{"markup in comments, CDATA and attributes", `<rss><channel><!-- <item> --><item><description><![CDATA[<item>x</item>]]></description><link a="</item>">l</link></item></channel></rss>`, "item",
			[]string{`<item><description><![CDATA[<item>x</item>]]></description><link a="</item>">l</link></item>`}},
		{"breaks off in an item", `<rss><channel><item><title>a</title></item><item><title>b`, "item",
			[]string{"<item><title>a</title></item>"}},
		{"items, itemsets", `<rss><channel><items/><itemx/><item>a</item></channel></rss>`, "item", []string{"<item>a</item>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := splitXML([]byte(tt.doc), tt.element)
			var got []string
			for _, s := range d.items {
				got = append(got, tt.doc[s.start:s.end])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("items %q\nwant %q", got, tt.want)
			}
		})
	}
}

// manyItems writes a feed of n items in a format, the oldest first (as an
// archive may list them), so that the newest are at its end; item i is
// dated i hours after the start.
func manyItems(format string, n int) string {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	switch format {
	case "rss":
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>many</title>`)
		for i := range n {
			fmt.Fprintf(&b, "<item><guid>n-%d</guid><title>t%d</title><pubDate>%s</pubDate></item>\n", i, i, start.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z))
		}
		b.WriteString(`<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="https://m.example/rss"/></channel></rss>`)
	case "atom":
		b.WriteString(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>many</title><id>urn:m</id>`)
		for i := range n {
			fmt.Fprintf(&b, "<entry><id>n-%d</id><title>t%d</title><updated>%s</updated></entry>\n", i, i, start.Add(time.Duration(i)*time.Hour).Format(time.RFC3339))
		}
		b.WriteString(`</feed>`)
	case "json":
		b.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"many","items":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"n-%d","title":"t%d","content_text":"x","date_published":%q}`, i, i, start.Add(time.Duration(i)*time.Hour).Format(time.RFC3339))
		}
		b.WriteString(`]}`)
	}
	return b.String()
}

// TestParseTakesTheNewest parses feeds of 2,500 items, oldest first, with
// at most 1,000: the newest 1,000 are taken, in feed order, with a
// warning, whatever the format.
func TestParseTakesTheNewest(t *testing.T) {
	for _, format := range []string{"rss", "atom", "json"} {
		t.Run(format, func(t *testing.T) {
			f, err := parse([]byte(manyItems(format, 2500)), "", "https://m.example/feed", 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1000 || f.Title != "many" {
				t.Fatalf("%d items, title %q; want 1000, %q", len(f.Items), f.Title, "many")
			}
			if first, last := f.Items[0].Key, f.Items[999].Key; first != "n-1500" || last != "n-2499" {
				t.Errorf("items %s to %s, want n-1500 to n-2499", first, last)
			}
			if want := "took the newest 1000 of its 2500 items (fetch.max_items)"; !slices.Contains(f.Warnings, want) {
				t.Errorf("warnings %q, want %q", f.Warnings, want)
			}
		})
	}
}

// TestManyItemsCostLittleMemory parses feeds of 30,000 tiny items with at
// most 1,000. Parsed whole, each item costs gofeed and adapt about 2 KB,
// 60 MB in all; cut to the newest before parsing, the heap stays within
// a few times the document's size.
func TestManyItemsCostLittleMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 30,000 items")
	}
	const limit = 40 << 20
	defer debug.SetGCPercent(debug.SetGCPercent(10)) // the heap close to what is live
	for _, format := range []string{"rss", "json"} {
		t.Run(format, func(t *testing.T) {
			doc := []byte(manyItems(format, 30_000))
			runtime.GC()
			peak := heapPeak(func() {
				f, err := parse(doc, "", "https://m.example/feed", 1000)
				if err != nil || len(f.Items) != 1000 {
					t.Errorf("parse: %v; want 1000 items", err)
				}
			})
			t.Logf("%.1f MB document: heap peak %.0f MB", float64(len(doc))/1e6, float64(peak)/1e6)
			if peak > limit {
				t.Errorf("heap peaked at %.0f MB, want < %d MB", float64(peak)/1e6, limit>>20)
			}
		})
	}
}

// heapPeak runs f and returns the most memory its heap objects took,
// sampled every millisecond.
func heapPeak(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak
}

// FuzzCut parses arbitrary documents with at most two items: parse must
// never panic, nor return more than two items.
func FuzzCut(f *testing.F) {
	for _, format := range []string{"rss", "atom", "json"} {
		f.Add([]byte(manyItems(format, 5)))
	}
	f.Add([]byte(`<rss><channel><item>a</item><item>b</item><!-- <item> --><item><![CDATA[</item>]]></item><item>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{},{"id":1},[],"x"]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		feed, err := parse(doc, "", "https://fuzz.example/feed", 2)
		if err == nil && len(feed.Items) > 2 {
			t.Errorf("%d items, want at most 2", len(feed.Items))
		}
	})
}
