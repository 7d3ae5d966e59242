// Command measure times what wrk cannot, against a running tagfeed:
//
//   - the cold render of a feed: the first GET of it after the server
//     started (-first), and the GETs right after the data version was
//     moved on from this process (-cold N with -db), which makes the
//     server drop every answer it keeps, as another process's write does;
//   - warm GETs of the same feed, one at a time, for comparison (-warm N);
//   - searches: N different queries made from the fill's vocabulary, one
//     at a time, so that the server's answer cache cannot serve any of
//     them (-search N); with -db, the same queries through store.Items
//     too, in this process, which is the search without HTTP and the feed.
//
// It prints plain text, one result a line:
//
//	go run ./bench/serve/measure -url http://127.0.0.1:8080 -first -db /tmp/bench.db -cold 5 -search 200
//
// Requests are sent without Accept-Encoding, as wrk sends them, unless
// -gzip is given. With -pid, the server's process id on this machine, each
// timing also gives the CPU time the server spent meanwhile (from
// /proc/PID/task/*/schedstat, in nanoseconds), which other work on a busy
// machine does not inflate as it does the time on the clock.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"
)

type options struct {
	base       string
	feeds      []string
	first      bool
	dbPath     string
	cold       int
	settle     time.Duration
	warm       int
	search     int
	searchPath string
	seed       uint64
	gzip       bool
	timeout    time.Duration
	pid        int
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

func run() error {
	var o options
	var feeds string
	flag.StringVar(&o.base, "url", "http://127.0.0.1:8080", "the tagfeed server's base `URL`")
	flag.StringVar(&feeds, "feeds", "/feeds/ai.atom", "comma-separated `PATHS` of the feeds to time")
	flag.BoolVar(&o.first, "first", false, "time the first GET of each feed: the server must have rendered none of them yet")
	flag.StringVar(&o.dbPath, "db", "", "the server's database `FILE`, for -cold, and to time -search through store.Items too")
	flag.IntVar(&o.cold, "cold", 0, "time this many GETs of each feed, each right after moving the data version on in -db")
	flag.DurationVar(&o.settle, "settle", 1100*time.Millisecond, "wait this long after moving the data version on: the server reads it at most once a second")
	flag.IntVar(&o.warm, "warm", 50, "time this many warm GETs of each feed, one at a time")
	flag.IntVar(&o.search, "search", 0, "time this many different searches, one at a time")
	flag.StringVar(&o.searchPath, "search-path", "/search.atom", "the search feed's `PATH`; the query goes in ?q=")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the searches")
	flag.BoolVar(&o.gzip, "gzip", false, "send Accept-Encoding: gzip")
	flag.DurationVar(&o.timeout, "timeout", time.Minute, "limit on one request")
	flag.IntVar(&o.pid, "pid", 0, "the server's process `ID`, to report the CPU time it spends on each request")
	flag.Parse()
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flag.Args())
	}
	if o.cold > 0 && o.dbPath == "" {
		return errors.New("-cold needs -db, the server's database")
	}
	o.base = strings.TrimRight(o.base, "/")
	for f := range strings.SplitSeq(feeds, ",") {
		if f = strings.TrimSpace(f); f != "" {
			o.feeds = append(o.feeds, f)
		}
	}

	m := &meter{base: o.base, gzip: o.gzip, pid: o.pid, client: &http.Client{
		Timeout:   o.timeout,
		Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4},
	}}
	// Open the connection with a request that renders nothing.
	if _, err := m.get("/healthz"); err != nil {
		return err
	}
	if o.first {
		for _, f := range o.feeds {
			r, err := m.get(f)
			if err != nil {
				return err
			}
			fmt.Printf("cold first GET   %-28s %8.1f ms%s  (%d bytes, %d entries)\n", f, ms(r.took), m.cpuNote(r.cpu), r.bytes, r.entries)
		}
	}
	if o.cold > 0 {
		if err := coldRuns(m, o); err != nil {
			return err
		}
	}
	if o.warm > 0 {
		if err := warmRuns(m, o); err != nil {
			return err
		}
	}
	if o.search > 0 {
		return searches(m, o)
	}
	return nil
}

// warmRuns times o.warm GETs of each feed, one after another.
func warmRuns(m *meter, o options) error {
	for _, f := range o.feeds {
		var took []time.Duration
		for range o.warm {
			r, err := m.get(f)
			if err != nil {
				return err
			}
			took = append(took, r.took)
		}
		fmt.Printf("warm GET         %-28s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
			f, len(took), ms(pct(took, 50)), ms(pct(took, 99)), ms(slices.Max(took)))
	}
	return nil
}
