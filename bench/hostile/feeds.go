package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// hostileFeeds are the 24 hostile feeds.
func (s *hostileServer) hostileFeeds() []*feedSpec {
	var feeds []*feedSpec
	add := func(name string, e expectation, what string, h http.HandlerFunc) {
		feeds = append(feeds, &feedSpec{name: name, expect: e, what: what, serve: h})
	}

	// Nesting: 2,000,000 elements deep (6 MB, never closed), and
	// 1,400,000 deep, closed (9.8 MB, under the 10 MB body limit).
	nested := func(depth int, closed bool) []byte {
		var b bytes.Buffer
		b.WriteString(rssHead("Nested") + `<item><title>Deep</title><guid>d1</guid><description>`)
		b.WriteString(strings.Repeat("<a>", depth))
		if closed {
			b.WriteString(strings.Repeat("</a>", depth))
		}
		b.WriteString("</description></item>" + rssTail)
		return b.Bytes()
	}
	add("nested-2m.xml", expectError, "2,000,000 nested elements, 6 MB", static(rssType, nested(2_000_000, false)))
	add("nested-closed.xml", expectError, "1,400,000 nested elements, closed, 9.8 MB", static(rssType, nested(1_400_000, true)))

	// Entities.
	var laughs strings.Builder
	laughs.WriteString(`<?xml version="1.0"?>` + "\n<!DOCTYPE rss [\n  <!ENTITY lol0 \"lol\">\n")
	for i := 1; i <= 9; i++ {
		laughs.WriteString(fmt.Sprintf("  <!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10)))
	}
	laughs.WriteString("]>\n" + `<rss version="2.0"><channel><title>&lol9;</title><item><title>Laughs &lol9;</title><guid>l1</guid><description>&lol9;</description></item>` + rssTail)
	add("billion-laughs.xml", expectBounded, "entity expansion to 10⁹ × \"lol\"", static(rssType, []byte(laughs.String())))
	xxe := `<?xml version="1.0"?>` + "\n" + `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + "\n" +
		`<rss version="2.0"><channel><title>XXE</title><item><title>Passwd &xxe;</title><guid>x1</guid><description>&xxe;</description></item>` +
		`<item><title>Plain item</title><guid>x2</guid><description>Nothing to see.</description></item>` + rssTail
	add("xxe.xml", expectBounded, "external entity file:///etc/passwd", static(rssType, []byte(xxe)))

	// Compression.
	bomb := gzipBomb()
	add("gzip-bomb.xml", expectError, fmt.Sprintf("%.1f MB gzip → 4 GiB, Content-Encoding: gzip", float64(len(bomb))/1e6), func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", rssType)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
		w.Write(bomb)
	})
	add("gzip-bomb-raw.xml", expectError, "the same gzip, no Content-Encoding", static(rssType, bomb))
	noise := make([]byte, 64<<10)
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(rnd.Uint32())
	}
	add("unasked-encoding.xml", expectError, "Content-Encoding: br, not asked for", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", rssType)
		w.Header().Set("Content-Encoding", "br")
		w.Write(noise)
	})

	// Time.
	drip := []byte(rssHead("Drip") + `<item><title>Slow</title><guid>s1</guid></item>` + rssTail)
	add("slow-drip.xml", expectError, "1 byte a second", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", rssType)
		w.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(w)
		for _, c := range drip {
			if _, err := w.Write([]byte{c}); err != nil {
				return
			}
			rc.Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	})
	add("slow-headers.xml", expectError, "no headers for 60 s", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(60 * time.Second):
		}
		static(rssType, drip)(w, r)
	})

	// Size.
	item := []byte("<item><title>Tin về điện gió ngoài khơi và lưới điện truyền tải</title><link>https://hostile.example/a</link>" +
		"<description>Các nhà đầu tư Mỹ quan tâm tới năng lượng tái tạo tại Việt Nam.</description></item>\n")
	add("body-200mb.xml", expectError, "200 MB body, Content-Length given", func(w http.ResponseWriter, r *http.Request) {
		const size = 200 << 20
		head := []byte(rssHead("Big"))
		w.Header().Set("Content-Type", rssType)
		w.Header().Set("Content-Length", strconv.Itoa(size))
		w.Write(head)
		for n := len(head); n < size; n += len(item) {
			chunk := item[:min(len(item), size-n)]
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	add("endless.xml", expectError, "endless chunked stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", rssType)
		w.Write([]byte(rssHead("Endless")))
		for r.Context().Err() == nil {
			if _, err := w.Write(item); err != nil {
				return
			}
		}
	})

	// Many things.
	var tiny bytes.Buffer
	tiny.WriteString(rssHead("Tiny"))
	for i := range 100_000 {
		fmt.Fprintf(&tiny, "<item><title>t%d</title><guid>g%d</guid></item>\n", i, i)
	}
	tiny.WriteString(rssTail)
	add("items-100k.xml", expectMaxItems, fmt.Sprintf("100,000 tiny items, %.1f MB", float64(tiny.Len())/1e6), static(rssType, tiny.Bytes()))
	var jtiny bytes.Buffer
	jtiny.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"Tiny JSON","items":[`)
	for i := range 100_000 {
		if i > 0 {
			jtiny.WriteByte(',')
		}
		fmt.Fprintf(&jtiny, `{"id":"j%d","title":"t%d","content_text":"x"}`, i, i)
	}
	jtiny.WriteString("]}")
	add("items-100k.json", expectMaxItems, fmt.Sprintf("JSON Feed, 100,000 items, %.1f MB", float64(jtiny.Len())/1e6), static("application/feed+json", jtiny.Bytes()))
	var titles bytes.Buffer
	titles.WriteString(rssHead("Long titles"))
	words := "trí tuệ nhân tạo bán dẫn điện gió Hà Nội đầu tư "
	for i := range 8 {
		fmt.Fprintf(&titles, "<item><title>%s</title><guid>t%d</guid><description>Bài %d.</description></item>\n", strings.Repeat(words, (1<<20)/len(words)), i, i)
	}
	titles.WriteString(rssTail)
	add("titles-1mb.xml", expectBounded, "8 items with 1 MB titles", static(rssType, titles.Bytes()))
	var cats bytes.Buffer
	cats.WriteString(rssHead("Categories") + "<item><title>Many categories</title><guid>c1</guid>")
	for i := range 100_000 {
		fmt.Fprintf(&cats, "<category>chủ đề %d</category>", i)
	}
	cats.WriteString("</item><item><title>Second</title><guid>c2</guid></item>" + rssTail)
	add("categories-100k.xml", expectBounded, "one item with 100,000 categories", static(rssType, cats.Bytes()))
	var attrs bytes.Buffer
	attrs.WriteString(rssHead("Attributes") + "<item")
	for i := range 200_000 {
		fmt.Fprintf(&attrs, ` a%d="v"`, i)
	}
	attrs.WriteString("><title>Attributes</title><guid>a1</guid></item>" + rssTail)
	add("attrs-200k.xml", expectBounded, "an element with 200,000 attributes", static(rssType, attrs.Bytes()))
	html := rssHead("Nested HTML") + "<item><title>Nested HTML</title><guid>h1</guid><description><![CDATA[" +
		strings.Repeat("<div>", 200_000) + "văn bản" + strings.Repeat("</div>", 200_000) + "]]></description></item>" + rssTail
	add("html-nested.xml", expectBounded, "200,000 nested <div> in CDATA (2.2 MB)", static(rssType, []byte(html)))
	jnest := `{"version":"https://jsonfeed.org/version/1.1","title":"Nested JSON","items":[{"id":"n1","title":"Deep","_x":` +
		strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + `}]}`
	add("json-nested.json", expectError, "JSON Feed nested 1,000,000 deep", static("application/feed+json", []byte(jnest)))
	add("headers-10k.xml", expectOK, "10,000 response headers (≈ 0.5 MB)", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for i := range 10_000 {
			h["X-Filler-"+strconv.Itoa(i)] = []string{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
		}
		static(rssType, []byte(rssHead("Headers")+`<item><title>Many headers</title><guid>h1</guid></item>`+rssTail))(w, r)
	})
	bad := rssHead("Bad \xff\xfe UTF-8") +
		"<item><title>Lone bytes \xff\xfe and \xc3\x28</title><guid>u1</guid></item>\n" +
		"<item><title>Surrogate \xed\xa0\x80 and beyond \xf4\x90\x80\x80</title><guid>u2</guid></item>\n" +
		"<item><title>Overlong \xc0\xaf, cut \xe1\xba</title><guid>u3</guid><description>Điện gió \xe1\xba</description></item>\n" + rssTail
	add("bad-utf8.xml", expectBounded, "malformed UTF-8 in a UTF-8 feed", static(rssType, []byte(bad)))

	// Redirects and connections.
	add("redirect-loop.xml", expectError, "redirect loop a → b → a", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "b" {
			http.Redirect(w, r, "/redirect-loop.xml", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/redirect-loop.xml?b", http.StatusFound)
	})
	add("redirect-chain.xml", expectError, "endless chain of redirects", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		http.Redirect(w, r, "/redirect-chain.xml?n="+strconv.Itoa(n+1), http.StatusFound)
	})
	add("redirect-private.xml", expectError, "redirect to another loopback host", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+net.JoinHostPort(privateHost, s.port)+"/secret.xml", http.StatusFound)
	})
	half := []byte(rssHead("Reset") + strings.Repeat(string(item), 200))
	add("reset-mid-body.xml", expectError, "connection reset halfway", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", rssType)
		w.Header().Set("Content-Length", strconv.Itoa(2*len(half)))
		w.Write(half)
		http.NewResponseController(w).Flush()
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			tc.SetLinger(0) // a reset, not a clean close
		}
		conn.Close()
	})
	return feeds
}

// gzipBomb is a gzip stream, several members, that inflates to 4 GiB:
// an RSS head, then 64 members of 64 MiB of spaces each.
func gzipBomb() []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write([]byte(rssHead("Bomb") + "<item><title>")) // whitespace inside a title, if anyone got that far
	zw.Close()
	var member bytes.Buffer
	zw, _ = gzip.NewWriterLevel(&member, gzip.BestCompression)
	spaces := bytes.Repeat([]byte{' '}, 1<<20)
	for range 64 {
		zw.Write(spaces)
	}
	zw.Close()
	for range 64 {
		out.Write(member.Bytes())
	}
	return out.Bytes()
}
