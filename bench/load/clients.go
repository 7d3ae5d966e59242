package main

import (
	"cmp"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// target is a URL the clients poll.
type target struct {
	path   string
	search bool
}

// targets are the topic feeds and searches polled, in the formats readers
// ask for. Four requests in five go to a topic feed, one to a search.
var targets = []target{
	{path: "/feeds/ai.atom"},
	{path: "/feeds/energy.rss"},
	{path: "/feeds/all.json"},
	{path: "/feeds/semiconductor.atom"},
	{path: "/feeds/ai+semiconductor.atom"},
	{path: "/search.atom?q=" + url.QueryEscape("bán dẫn"), search: true},
	{path: "/search.atom?q=" + url.QueryEscape(`"năng lượng tái tạo"`), search: true},
	{path: "/search.atom?q=" + url.QueryEscape("chip OR vi mạch"), search: true},
	{path: "/search.rss?q=" + url.QueryEscape("artificial intelligence -robot"), search: true},
}

// errKind is how a request failed.
type errKind uint8

const (
	errNone errKind = iota
	errRefused
	errReset
	errEOF
	errTimeout
	errOther
	// errClosedIdle is a request written on a kept-alive connection
	// that the server closed without answering, whose retry on a new
	// connection failed as well: what a graceful shutdown does to a
	// request that reaches a connection it has just judged idle.
	errClosedIdle
)

func (k errKind) String() string {
	return [...]string{"none", "connection refused", "connection reset", "EOF", "timeout", "other",
		"sent, connection closed unanswered, retry refused"}[k]
}

// record is one request: when it started and ended (nanoseconds since the
// server was started), what it asked for and how it ended.
type record struct {
	start, end int64
	target     uint8
	cond       bool // sent If-None-Match
	status     int16
	err        errKind
	etag       string // of a 200
}

// load runs the clients: each its own connection (its own transport, keeping
// one connection alive), polling the targets as fast as answers come, or,
// paced, each at its share of a total rate. Odd-numbered clients send
// If-None-Match with the last ETag they got for the URL, as feed readers
// do; half the clients accept gzip.
type load struct {
	base     string
	t0       time.Time
	interval time.Duration // between one client's requests; 0: as fast as answers come
	stop     atomic.Bool
	inFlight atomic.Int64
	wg       sync.WaitGroup
	mu       sync.Mutex
	records  [][]record
	sigAt    atomic.Int64 // when SIGTERM was sent, since t0; 0 before
	firstErr []string     // before SIGTERM
}

// startLoad starts the clients; rate is the requests a second of them all,
// 0 for as many as the server answers.
func startLoad(base string, t0 time.Time, clients int, rate float64) *load {
	l := &load{base: base, t0: t0, records: make([][]record, clients)}
	if rate > 0 {
		l.interval = time.Duration(float64(clients) / rate * float64(time.Second))
	}
	for i := range clients {
		l.wg.Go(func() { l.client(i) })
	}
	return l
}

func (l *load) client(i int) {
	tr := &http.Transport{
		MaxIdleConnsPerHost: 1,
		MaxConnsPerHost:     1,
		DisableCompression:  true, // Accept-Encoding is set, and the body read as it comes
		IdleConnTimeout:     5 * time.Minute,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	r := rand.New(rand.NewPCG(uint64(i), 42))
	conditional, gzip := i%2 == 1, i%4 >= 2
	etags := make([]string, len(targets))
	recs := make([]record, 0, 4096)
	topics := 0
	for _, t := range targets {
		if !t.search {
			topics++
		}
	}
	// Paced clients start spread over one interval, then keep to their
	// schedule; one that falls behind by a whole interval skips ahead
	// rather than send a burst.
	next := time.Now().Add(l.interval * time.Duration(i) / time.Duration(len(l.records)))
	for !l.stop.Load() {
		if l.interval > 0 {
			time.Sleep(time.Until(next))
			if next = next.Add(l.interval); time.Until(next) < -l.interval {
				next = time.Now()
			}
		}
		ti := r.IntN(topics)
		if r.IntN(5) == 0 {
			ti = topics + r.IntN(len(targets)-topics)
		}
		req, _ := http.NewRequest(http.MethodGet, l.base+targets[ti].path, nil)
		req.Header.Set("User-Agent", "tagfeed-load/1")
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := record{target: uint8(ti)}
		if conditional && etags[ti] != "" {
			req.Header.Set("If-None-Match", etags[ti])
			rec.cond = true
		}
		var wrote bool
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			WroteRequest: func(w httptrace.WroteRequestInfo) { wrote = wrote || w.Err == nil },
		}))
		l.inFlight.Add(1)
		rec.start = int64(time.Since(l.t0))
		resp, err := client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			rec.status = int16(resp.StatusCode)
			if resp.StatusCode == http.StatusOK {
				rec.etag = resp.Header.Get("ETag")
				etags[ti] = rec.etag
			}
		}
		rec.end = int64(time.Since(l.t0))
		l.inFlight.Add(-1)
		if err != nil {
			rec.err = classify(err)
			if wrote && rec.err == errRefused {
				rec.err = errClosedIdle
			}
			if sig := l.sigAt.Load(); sig == 0 || rec.start < sig {
				l.noteError(err)
			}
			time.Sleep(10 * time.Millisecond) // a server that is gone is not hammered
		}
		recs = append(recs, rec)
	}
	l.mu.Lock()
	l.records[i] = recs
	l.mu.Unlock()
}

func (l *load) noteError(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.firstErr) < 5 {
		l.firstErr = append(l.firstErr, err.Error())
	}
}

// finish stops the clients once their requests in flight end, and returns
// every request's record, by start, and the first errors of requests
// started before SIGTERM.
func (l *load) finish() ([]record, []string) {
	l.stop.Store(true)
	l.wg.Wait()
	var all []record
	for _, rs := range l.records {
		all = append(all, rs...)
	}
	slices.SortFunc(all, func(a, b record) int { return cmp.Compare(a.start, b.start) })
	return all, l.firstErr
}

// classify says how a request failed.
func classify(err error) errKind {
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return errRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return errReset
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errEOF
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return errTimeout
	}
	return errOther
}
