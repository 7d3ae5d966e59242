package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// feedDoc is one feed as the feed server serves it.
type feedDoc struct {
	body, gz     []byte
	etag         string // quoted
	lastModified time.Time
	lastModHTTP  string
	items        int
}

// feedServer serves the feeds over HTTP on loopback, each feed at
// http://127.20.X.Y:PORT/feeds/N.xml. With as many hosts as feeds, each
// feed has a host of its own, as 1,000 real feeds mostly do, so that
// tagfeed's per-host limit does not serialize them; the addresses are all
// on the loopback interface, which answers the whole of 127.0.0.0/8.
//
// It answers If-None-Match and If-Modified-Since with 304, sends gzip to
// clients that accept it, and counts what it served.
type feedServer struct {
	docs    []feedDoc
	urls    []string
	latency time.Duration

	srv       *http.Server
	listeners []net.Listener
	serving   sync.WaitGroup

	requests, ok, notModified, other atomic.Int64
	bytes                            atomic.Int64
	seen                             []atomic.Bool // feeds asked for at least once
	distinct                         atomic.Int64
	lastFirst                        atomic.Int64 // unix nanoseconds of the last feed's first answer
}

// hostAddr is the loopback address of host h.
func hostAddr(h int) string {
	return fmt.Sprintf("127.20.%d.%d", h/250, h%250+1)
}

// newFeedServer makes the feeds and starts serving them on hosts loopback
// addresses, all on one port.
func newFeedServer(feeds, items, hosts int, latency time.Duration) (*feedServer, error) {
	if hosts < 1 || hosts > 250*250 {
		return nil, fmt.Errorf("-hosts %d: want 1 to %d", hosts, 250*250)
	}
	hosts = min(hosts, feeds)
	base := time.Now().UTC().Truncate(time.Hour)
	s := &feedServer{docs: make([]feedDoc, feeds), urls: make([]string, feeds), latency: latency, seen: make([]atomic.Bool, feeds)}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for n := w; n < feeds; n += 4 {
				s.docs[n] = makeFeed(n, items, base)
			}
		})
	}
	wg.Wait()

	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = s.listen(hosts); err == nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(s.listeners[0].Addr().String())
	for n := range feeds {
		s.urls[n] = fmt.Sprintf("http://%s/feeds/%d.xml", net.JoinHostPort(hostAddr(n%hosts), port), n)
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	for _, ln := range s.listeners {
		s.serving.Go(func() { s.srv.Serve(ln) })
	}
	return s, nil
}

// listen opens a listener on each host's address, on one free port.
func (s *feedServer) listen(hosts int) error {
	first, err := net.Listen("tcp", net.JoinHostPort(hostAddr(0), "0"))
	if err != nil {
		return fmt.Errorf("feed server: %w", err)
	}
	_, port, _ := net.SplitHostPort(first.Addr().String())
	lns := []net.Listener{first}
	for h := 1; h < hosts; h++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(hostAddr(h), port))
		if err != nil {
			for _, l := range lns {
				l.Close()
			}
			return fmt.Errorf("feed server: %w", err)
		}
		lns = append(lns, ln)
	}
	s.listeners = lns
	return nil
}

func (s *feedServer) Close() {
	s.srv.Close()
	s.serving.Wait()
}

// docBytes is the size of the feeds in all, uncompressed.
func (s *feedServer) docBytes() int {
	n := 0
	for _, d := range s.docs {
		n += len(d.body)
	}
	return n
}

// totalItems is how many items the feeds hold in all.
func (s *feedServer) totalItems() int {
	n := 0
	for _, d := range s.docs {
		n += d.items
	}
	return n
}

func (s *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	name, ok := strings.CutPrefix(r.URL.Path, "/feeds/")
	name, ok2 := strings.CutSuffix(name, ".xml")
	n, err := strconv.Atoi(name)
	if !ok || !ok2 || err != nil || n < 0 || n >= len(s.docs) {
		s.other.Add(1)
		http.NotFound(w, r)
		return
	}
	if s.latency > 0 {
		time.Sleep(s.latency)
	}
	d := &s.docs[n]
	h := w.Header()
	h.Set("ETag", d.etag)
	h.Set("Last-Modified", d.lastModHTTP)
	h.Set("Vary", "Accept-Encoding")
	if notModified(r, d) {
		s.notModified.Add(1)
		s.markSeen(n)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := d.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = d.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", "application/rss+xml; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(body); err == nil {
		s.ok.Add(1)
		s.bytes.Add(int64(len(body)))
		s.markSeen(n)
	}
}

func (s *feedServer) markSeen(n int) {
	if s.seen[n].CompareAndSwap(false, true) {
		s.distinct.Add(1)
		s.lastFirst.Store(time.Now().UnixNano())
	}
}

// notModified reports whether the request's validators match d.
func notModified(r *http.Request, d *feedDoc) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			if strings.TrimPrefix(strings.TrimSpace(tag), "W/") == d.etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !d.lastModified.After(t)
	}
	return false
}

// makeFeed writes feed n: an RSS 2.0 channel of items-2 to items+2 items
// (items on average over every five feeds), in Vietnamese or English,
// dated over the last four weeks so that the newest items of the topic
// feeds come from many feeds. One feed in seven gives its items no GUID,
// so that they are known by their link; one in three has full text in
// content:encoded besides the summary.
func makeFeed(n, items int, base time.Time) feedDoc {
	w := newWriter(n)
	count := max(1, items-2+n%5)
	lang, outlet := "vi", w.pick(outlets)
	section := w.pick(sections)
	if w.en {
		lang = "en"
	}
	site := fmt.Sprintf("https://tin%d.example.vn", n)
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">` + "\n<channel>\n")
	fmt.Fprintf(&b, "<title>%s – %s #%d</title>\n<link>%s/</link>\n", escapeXMLText(outlet), escapeXMLText(section), n, site)
	fmt.Fprintf(&b, "<description>%s</description>\n<language>%s</language>\n", escapeXMLText("Tin "+strings.ToLower(section)+" mới nhất từ "+outlet), lang)
	newest := base.Add(-time.Duration(n) * 2 * time.Minute)
	fmt.Fprintf(&b, "<lastBuildDate>%s</lastBuildDate>\n", newest.Format(time.RFC1123Z))
	for i := range count {
		s := w.subject()
		title := w.headline(s)
		body := w.body(s)
		lead, rest, _ := strings.Cut(body, "</p>")
		lead += "</p>"
		published := base.Add(-time.Duration(i*1000+n) * 2 * time.Minute)
		link := fmt.Sprintf("%s/%s/bai-%d-%d.html", site, slug(section), n, i)
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "  <title>%s</title>\n  <link>%s</link>\n", escapeXMLText(title), link)
		if n%7 != 3 {
			fmt.Fprintf(&b, "  <guid isPermaLink=\"false\">tin%d-%d</guid>\n", n, i)
		}
		fmt.Fprintf(&b, "  <pubDate>%s</pubDate>\n", published.Format(time.RFC1123Z))
		if w.r.IntN(3) > 0 {
			person := w.pick(persons)
			if w.en {
				person = w.pick(enPersons)
			}
			fmt.Fprintf(&b, "  <dc:creator>%s</dc:creator>\n", person)
		}
		fmt.Fprintf(&b, "  <category>%s</category>\n", escapeXMLText(section))
		if n%3 == 0 && rest != "" {
			fmt.Fprintf(&b, "  <description><![CDATA[%s]]></description>\n", lead)
			fmt.Fprintf(&b, "  <content:encoded><![CDATA[%s]]></content:encoded>\n", body)
		} else {
			fmt.Fprintf(&b, "  <description><![CDATA[%s]]></description>\n", body)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	sum := sha256.Sum256(b.Bytes())
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(b.Bytes())
	zw.Close()
	return feedDoc{
		body: b.Bytes(), gz: gz.Bytes(), items: count,
		etag:         `"` + hex.EncodeToString(sum[:12]) + `"`,
		lastModified: newest.Truncate(time.Second), lastModHTTP: newest.Format(http.TimeFormat),
	}
}

// slug writes a section name as a URL path segment.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		case r > 127:
			b.WriteByte('x')
		}
	}
	return b.String()
}
