// Command hostile runs one "tagfeed fetch" round over hostile feeds next
// to good ones, all served from loopback, and reports what each feed came
// to, the round's time and the fetch process's peak memory. See README.md.
//
//	go run ./bench/hostile                   # builds ./cmd/tagfeed into a temporary folder
//	go run ./bench/hostile -tagfeed /path/to/tagfeed -runs 3
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// rssTarget is the most the fetch process may hold, with the default
// config.
const rssTarget = 300 << 20

// options are the command line's settings.
type options struct {
	runner.Common
	good, runs int
	only       string
	each       bool
}

func main() {
	var o options
	o.Flags("config.yaml's tags")
	flag.IntVar(&o.good, "good", 10, "good feeds served beside the hostile ones")
	flag.IntVar(&o.runs, "runs", 1, "rounds to run, each on a new database")
	flag.StringVar(&o.only, "only", "", "serve only these hostile feeds (comma-separated names, such as titles-1mb.xml), beside the good ones")
	flag.BoolVar(&o.each, "each", false, "run a round per hostile feed, each beside the good feeds, and print each one's peak RSS and time")
	flag.Parse()
	ok, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(3)
	}
}

// run runs the rounds o asks for and reports whether each passed.
func run(o options) (bool, error) {
	env, done, err := o.Setup("tagfeed-hostile-", say)
	if err != nil {
		return false, err
	}
	defer done()
	rules, err := runner.ReadRules(env.Repo)
	if err != nil {
		return false, err
	}
	start := time.Now()
	s, err := newHostileServer(o.good)
	if err != nil {
		return false, err
	}
	defer s.Close()
	say("serving %d good and %d hostile feeds (made in %.1f s)", o.good, len(s.specs)-o.good, time.Since(start).Seconds())

	// The feeds of a round: the good ones, and the hostile ones asked for.
	var good, hostile []int
	for i, spec := range s.specs {
		switch {
		case i < o.good:
			good = append(good, i)
		case o.only == "" || slices.Contains(strings.Split(o.only, ","), spec.name):
			hostile = append(hostile, i)
		}
	}
	if len(hostile) == 0 {
		return false, fmt.Errorf("-only %q names no hostile feed", o.only)
	}
	r := &rounds{bin: env.Bin, rules: rules, s: s}
	if o.each {
		return r.each(env.Work, good, hostile)
	}
	allOK := true
	var summary []string
	for i := 1; i <= o.runs; i++ {
		dir := filepath.Join(env.Work, fmt.Sprintf("run%d", i))
		res, err := r.round(dir, append(slices.Clone(good), hostile...), fmt.Sprintf("run %d", i), true)
		if err != nil {
			return false, err
		}
		allOK = allOK && res.ok
		summary = append(summary, res.line)
	}
	if o.runs > 1 {
		fmt.Println("\n== all runs")
		for _, l := range summary {
			fmt.Println("  " + l)
		}
	}
	return allOK, nil
}

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "hostile: "+format+"\n", args...)
}
