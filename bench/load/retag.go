package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// retagRun is one "tagfeed retag" run beside serve.
type retagRun struct {
	when  string        // as -retag gave it
	at    time.Duration // since serve started
	round string        // how far the round was when it started and ended
	res   runner.Result
}

// retags runs "tagfeed retag" beside serve at the times -retag gives:
// "mid", once half the feeds are stored, or a duration since serve
// started. Stop stops waiting for the next and returns those run.
type retags struct {
	stop chan struct{}
	wg   sync.WaitGroup
	runs []retagRun
}

func startRetags(bin, cfg, spec string, s *serveProc) (*retags, error) {
	r := &retags{stop: make(chan struct{})}
	var whens []string
	for _, when := range strings.Split(spec, ",") {
		if when = strings.TrimSpace(when); when == "" {
			continue
		}
		if _, err := time.ParseDuration(when); err != nil && when != "mid" {
			return nil, fmt.Errorf("-retag %q: want mid or a duration", when)
		}
		whens = append(whens, when)
	}
	r.wg.Go(func() {
		for _, when := range whens {
			var wait <-chan struct{}
			var after <-chan time.Time
			if when == "mid" {
				wait = s.log.half
			} else {
				d, _ := time.ParseDuration(when)
				after = time.After(time.Until(s.t0.Add(d)))
			}
			select {
			case <-wait:
			case <-after:
			case <-r.stop:
				return
			}
			run := retagRun{when: when, at: time.Since(s.t0), round: roundState(s.log)}
			say("  %4.0f s: running tagfeed retag (%s)", run.at.Seconds(), when)
			run.res = runner.Run(bin, "--config", cfg, "retag")
			run.round += " → " + roundState(s.log)
			say("  %4.0f s: retag exited %d after %.2f s", time.Since(s.t0).Seconds(), run.res.Exit, run.res.Took.Seconds())
			r.runs = append(r.runs, run)
		}
	})
	return r, nil
}

// Stop waits for a retag running now to end, starts no more, and
// returns the runs.
func (r *retags) Stop() []retagRun {
	close(r.stop)
	r.wg.Wait()
	return r.runs
}

// roundState says how far the round is.
func roundState(l *serveLog) string {
	n := l.fetchedCount()
	if n >= l.feeds {
		return "over"
	}
	return fmt.Sprintf("%d/%d", n, l.feeds)
}
