package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// options are the benchmark's flags.
type options struct {
	feeds, items, hosts int
	latency             time.Duration
	concurrency         int
	workers             []int // a run for each
	kill                int   // workers of the kill run; 0 for none
	repo, tagfeed, work string
	keep, together      bool
	roundTimeout        time.Duration
}

// parseOptions reads the flags.
func parseOptions(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("pgscale", flag.ContinueOnError)
	fs.IntVar(&o.feeds, "feeds", 10000, "feeds served")
	quick := fs.Bool("quick", false, "serve 2,000 feeds (the quick setting; overrides -feeds)")
	fs.IntVar(&o.items, "items", 20, "items in each feed")
	fs.IntVar(&o.hosts, "hosts", 250, "loopback addresses the feeds are spread over (127.20.0.1, …)")
	fs.DurationVar(&o.latency, "latency", 20*time.Millisecond, "time the server takes to answer each request")
	fs.IntVar(&o.concurrency, "concurrency", 32, "fetch.concurrency of each worker")
	workers := fs.String("workers", "1,2,4", "comma-separated worker counts, a run for each (\"\" for none, to run only the kill run)")
	fs.IntVar(&o.kill, "kill", 2, "workers of the run in which one is killed at half way; 0 skips it")
	fs.StringVar(&o.repo, "repo", "", "the tagfeed repository (default: found from the working directory)")
	fs.StringVar(&o.tagfeed, "tagfeed", "", "a tagfeed binary to run instead of building ./cmd/tagfeed")
	fs.StringVar(&o.work, "work", "", "folder for the configs and worker logs (default: a temporary one, removed unless -keep)")
	fs.BoolVar(&o.together, "together", false, "start every worker at once, not the first alone until it answers")
	fs.BoolVar(&o.keep, "keep", false, "keep the work folder and the runs' schemas")
	fs.DurationVar(&o.roundTimeout, "round-timeout", 20*time.Minute, "give up on a round after this long")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *quick {
		o.feeds = 2000
	}
	for _, w := range strings.FieldsFunc(*workers, func(r rune) bool { return r == ',' }) {
		n, err := strconv.Atoi(strings.TrimSpace(w))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-workers %q: want whole numbers from 1", *workers)
		}
		o.workers = append(o.workers, n)
	}
	if o.feeds < 1 || o.items < 1 || o.concurrency < 1 || o.kill < 0 || o.kill == 1 {
		return o, fmt.Errorf("-feeds, -items and -concurrency must be at least 1, and -kill 0 or at least 2")
	}
	return o, nil
}
