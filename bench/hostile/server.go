package main

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// expectation is what a feed may end as.
type expectation int

const (
	expectOK       expectation = iota // state ok, its items stored
	expectError                       // an error that names the cause
	expectMaxItems                    // read and cut to fetch.max_items with a warning, or refused with an error
	expectBounded                     // read or refused, either way in bounded time and memory
)

func (e expectation) String() string {
	return [...]string{"ok", "error", "cut/error", "ok or error"}[e]
}

// feedSpec is one feed the server serves.
type feedSpec struct {
	name   string
	expect expectation
	what   string // what it does, for the table
	serve  http.HandlerFunc
	items  int // good feeds: items served
}

// hostileServer serves the good and the hostile feeds, each on a loopback
// address of its own (127.30.0.N, one port), so that fetch.per_host does
// not serialize them, as it would not for feeds on different sites; and
// the target of the private redirect, on an address that no feed has.
type hostileServer struct {
	specs  []*feedSpec
	urls   []string
	port   string
	secret atomic.Int64 // requests that reached the private target
	srv    *http.Server
	lns    []net.Listener
}

// secretMarker is in the private target's feed: it must never be stored.
const secretMarker = "SECRET-INTERNAL-7f3a"

// passwdMarker is what /etc/passwd holds, which an expanded external
// entity would bring in.
const passwdMarker = "root:x:0:0"

func hostAddr(n int) string { return fmt.Sprintf("127.30.%d.%d", n/250, n%250+1) }

// privateHost is the address the private redirect points at: loopback,
// like the feeds, but not a host the config names.
const privateHost = "127.30.200.9"

func newHostileServer(good int) (*hostileServer, error) {
	s := &hostileServer{}
	for i := range good {
		s.specs = append(s.specs, goodFeed(i))
	}
	s.specs = append(s.specs, s.hostileFeeds()...)
	mux := http.NewServeMux()
	for _, f := range s.specs {
		mux.HandleFunc("/"+f.name, f.serve)
	}
	mux.HandleFunc("/secret.xml", func(w http.ResponseWriter, r *http.Request) {
		s.secret.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%[1]s</title><item><title>%[1]s</title><guid>s1</guid></item></channel></rss>`, secretMarker)
	})
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 1 << 20}

	var err error
	for range 5 {
		if err = s.listen(len(s.specs)); err == nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	for i, f := range s.specs {
		s.urls = append(s.urls, "http://"+net.JoinHostPort(hostAddr(i), s.port)+"/"+f.name)
	}
	for _, ln := range s.lns {
		go s.srv.Serve(ln)
	}
	return s, nil
}

// listen opens a listener on each feed's address and on the private
// target's, on one free port.
func (s *hostileServer) listen(n int) error {
	first, err := net.Listen("tcp", net.JoinHostPort(hostAddr(0), "0"))
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(first.Addr().String())
	lns := []net.Listener{first}
	for i := 1; i <= n; i++ {
		addr := hostAddr(i)
		if i == n {
			addr = privateHost
		}
		ln, err := net.Listen("tcp", net.JoinHostPort(addr, port))
		if err != nil {
			for _, l := range lns {
				l.Close()
			}
			return err
		}
		lns = append(lns, ln)
	}
	s.lns, s.port = lns, port
	return nil
}

func (s *hostileServer) Close() { s.srv.Close() }

// rssHead begins an RSS 2.0 document.
func rssHead(title string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>` + title +
		`</title><link>https://hostile.example/</link><description>bench/hostile</description>` + "\n"
}

const rssTail = "</channel></rss>\n"

// static serves fixed bytes as a feed.
func static(contentType string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
}

const rssType = "application/rss+xml; charset=utf-8"
