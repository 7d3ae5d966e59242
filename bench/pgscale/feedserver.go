package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// feedServer serves the benchmark's feeds over loopback. Feed n is
// http://127.20.X.Y:PORT/feed/n.xml on host n % hosts, each host a
// listener of its own on an address of 127.0.0.0/8 (all loopback on
// Linux), so that fetch.per_host, which counts per host name, does not
// make the feeds wait for one another, as it would not for feeds of
// different sites. Each answer comes after latency, with an ETag, and is
// a 304 to a request that sends it back.
//
// It counts the requests for each feed, and those that came while
// another request for the same feed was being answered: two fetch
// processes fetching one feed at once.
type feedServer struct {
	feeds, items int
	latency      time.Duration

	urls []string
	lns  []net.Listener
	srv  *http.Server

	requests []atomic.Int32 // per feed, since the last reset
	busy     []atomic.Int32 // requests per feed being answered now
	overlaps atomic.Int64   // requests that found another of their feed being answered
}

// startFeedServer serves feeds feeds of items items on hosts loopback
// addresses.
func startFeedServer(feeds, items, hosts int, latency time.Duration) (*feedServer, error) {
	if hosts < 1 || hosts > 254*256 {
		return nil, fmt.Errorf("feed server: %d hosts: want 1 to %d", hosts, 254*256)
	}
	s := &feedServer{feeds: feeds, items: items, latency: latency,
		requests: make([]atomic.Int32, feeds), busy: make([]atomic.Int32, feeds)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed/{name}", s.serveFeed)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	addrs := make([]string, min(hosts, feeds))
	for h := range addrs {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.20.%d.%d:0", h/254, h%254+1))
		if err != nil {
			return nil, errors.Join(fmt.Errorf("feed server: %w", err), s.close())
		}
		s.lns = append(s.lns, ln)
		addrs[h] = ln.Addr().String()
		go s.srv.Serve(ln)
	}
	s.urls = make([]string, feeds)
	for n := range s.urls {
		s.urls[n] = fmt.Sprintf("http://%s/feed/%d.xml", addrs[n%len(addrs)], n)
	}
	return s, nil
}

// serveFeed answers GET /feed/{n}.xml.
func (s *feedServer) serveFeed(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("name"), ".xml"))
	if err != nil || n < 0 || n >= s.feeds {
		http.NotFound(w, r)
		return
	}
	s.requests[n].Add(1)
	if s.busy[n].Add(1) > 1 {
		s.overlaps.Add(1)
	}
	defer s.busy[n].Add(-1)
	time.Sleep(s.latency)
	etag := fmt.Sprintf(`"feed-%d-v1"`, n)
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(feedDoc(n, s.items))
}

// serverCounts is what the server saw since its last reset.
type serverCounts struct {
	requests  int // requests for the feeds
	fetched   int // feeds requested at least once
	refetched int // feeds requested more than once
	overlaps  int // requests made while another for the same feed was being answered
}

// counts returns what the server saw since its last reset.
func (s *feedServer) counts() serverCounts {
	c := serverCounts{overlaps: int(s.overlaps.Load())}
	for n := range s.requests {
		k := int(s.requests[n].Load())
		c.requests += k
		if k > 0 {
			c.fetched++
		}
		if k > 1 {
			c.refetched++
		}
	}
	return c
}

// reset zeroes the counts, between rounds.
func (s *feedServer) reset() {
	for n := range s.requests {
		s.requests[n].Store(0)
	}
	s.overlaps.Store(0)
}

// close stops serving.
func (s *feedServer) close() error {
	if len(s.lns) == 0 {
		return nil
	}
	return s.srv.Close()
}
