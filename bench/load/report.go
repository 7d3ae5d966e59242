package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// summary is what a run measured, for the report.
type summary struct {
	o                   options
	bin, cfg, dbPath    string
	records             []record
	readyAt, sigAt      time.Duration // since serve started
	log                 *serveLog
	fs                  *feedServer
	t0                  time.Time
	hwmKB, rssAtRoundKB int64
	serveCPU, loadCPU   time.Duration
	wall                time.Duration
	retags              []retagRun
	shutdown            string
	inFlight            int64
	checks              [][2]string
	firstErr            []string
}

// print writes the report to stdout.
func (s *summary) print() {
	o := s.o
	fmt.Println()
	pace := "each as fast as answers come"
	if o.rate > 0 {
		pace = fmt.Sprintf("%.0f requests a second in all", o.rate)
	}
	fmt.Printf("== tagfeed serve under load: %d feeds × ~%d items, %d clients (%s), %v (%d cores, shared; load average %s at the end)\n",
		o.feeds, o.items, o.clients, pace, o.duration, runtime.NumCPU(), runner.LoadAverage())
	conc := "the default (8)"
	if o.concurrency > 0 {
		conc = fmt.Sprint(o.concurrency)
	}
	fmt.Printf("   fetch.concurrency %s; binary %s; config %s; database %s\n", conc, s.bin, s.cfg, s.dbPath)
	roundAt := s.log.allAt
	reportRequests(s.records, s.readyAt, roundAt, s.sigAt)
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	if roundAt > 0 {
		fmt.Fprintf(tw, "round (every feed fetched and stored)\t%.2f s from serve's start, %.2f s from its first answer; outcomes %v\n",
			roundAt.Seconds(), (roundAt - s.readyAt).Seconds(), s.log.outcomes)
	} else {
		n := s.log.fetchedCount()
		fmt.Fprintf(tw, "round\tNOT FINISHED by SIGTERM: %d of %d feeds stored in %.1f s (%.1f a second after the first answer); %d cut off by the shutdown, with nothing of theirs stored; outcomes %v\n",
			n, o.feeds, s.sigAt.Seconds(), float64(n)/(s.sigAt-s.readyAt).Seconds(), s.log.cutOff, s.log.outcomes)
	}
	fs := s.fs
	if last := fs.lastFirst.Load(); last > 0 {
		fmt.Fprintf(tw, "  last feed first served at\t%.2f s (feed server: %d requests, %d × 200, %d × 304, %d other; %.1f MB sent)\n",
			time.Unix(0, last).Sub(s.t0).Seconds(), fs.requests.Load(), fs.ok.Load(), fs.notModified.Load(), fs.other.Load(), float64(fs.bytes.Load())/1e6)
	}
	atRound := "-"
	if s.rssAtRoundKB > 0 {
		atRound = runner.MB(s.rssAtRoundKB)
	}
	fmt.Fprintf(tw, "serve RSS\tpeak (VmHWM) %s; %s at the end of the round\n", runner.MB(s.hwmKB), atRound)
	fmt.Fprintf(tw, "CPU over the run\tserve %.1f s, this program (feed server and clients) %.1f s, of %.1f s × %d cores\n",
		s.serveCPU.Seconds(), s.loadCPU.Seconds(), s.wall.Seconds(), runtime.NumCPU())
	for _, r := range s.retags {
		locked := ""
		if strings.Contains(r.res.Stderr+r.res.Stdout, "locked") {
			locked = "; says \"database is locked\""
		}
		fmt.Fprintf(tw, "retag (%s, at %.1f s; round %s)\texit %d after %.2f s, peak RSS %.0f MB%s: %s\n", r.when, r.at.Seconds(), r.round,
			r.res.Exit, r.res.Took.Seconds(), r.res.PeakMB, locked, firstLine(r.res.Stdout+r.res.Stderr))
	}
	fmt.Fprintf(tw, "SIGTERM at %.1f s\t%s; %d requests in flight by the clients' count\n", s.sigAt.Seconds(), s.shutdown, s.inFlight)
	fmt.Fprintf(tw, "serve's log\t%d warnings before SIGTERM (a feed's failure is one), %d other problems%s\n", s.log.warns, len(s.log.errLines), quoteLines(s.log.errLines))
	for _, c := range s.checks {
		fmt.Fprintf(tw, "%s\t%s\n", c[0], c[1])
	}
	tw.Flush()
	if len(s.firstErr) > 0 {
		fmt.Printf("   first client errors of requests started before SIGTERM: %s\n", strings.Join(s.firstErr, " | "))
	}
}

// The groups of requests in the report's table, in its order.
const (
	gAll = iota
	gWarm
	gCold
	gSearchRound
	gFeedAfter
	gSearchAfter
	gConditional
	gInFlight
	gAfterSignal
	gCount
)

var groupNames = [gCount]string{
	"all requests ended before SIGTERM",
	"topic feeds, during the round, warm",
	"topic feeds, during the round, first render",
	"searches, during the round",
	"topic feeds, after the round",
	"searches, after the round",
	"conditional (If-None-Match)",
	"in flight at SIGTERM",
	"started after SIGTERM (refusal expected)",
}

// reportRequests prints the table of the clients' requests. The round
// ends at roundAt, or at SIGTERM when it did not end before (roundAt 0).
func reportRequests(records []record, readyAt, roundAt, sigAt time.Duration) {
	roundEnd := roundAt
	if roundEnd == 0 {
		roundEnd = sigAt
	}
	// A topic feed is warm once its first answer has been made: requests
	// started before then wait for the cold render.
	firstDone := map[uint8]int64{}
	for _, r := range records {
		if r.status == http.StatusOK {
			if t, ok := firstDone[r.target]; !ok || r.end < t {
				firstDone[r.target] = r.end
			}
		}
	}
	var groups [gCount]group
	sig := int64(sigAt)
	etagsInRound := map[uint8]map[string]bool{}
	for _, r := range records {
		t := targets[r.target]
		inRound := r.start < int64(roundEnd)
		switch {
		case r.start >= sig:
			groups[gAfterSignal].add(r)
			continue
		case r.end > sig:
			groups[gInFlight].add(r)
			continue
		}
		groups[gAll].add(r)
		if r.cond {
			groups[gConditional].add(r)
		}
		switch {
		case inRound && !t.search:
			if first, ok := firstDone[r.target]; ok && r.start >= first {
				groups[gWarm].add(r)
			} else {
				groups[gCold].add(r)
			}
			if r.etag != "" {
				if etagsInRound[r.target] == nil {
					etagsInRound[r.target] = map[string]bool{}
				}
				etagsInRound[r.target][r.etag] = true
			}
		case inRound:
			groups[gSearchRound].add(r)
		case !t.search:
			groups[gFeedAfter].add(r)
		default:
			groups[gSearchAfter].add(r)
		}
	}
	span := (sigAt - readyAt).Seconds()
	fmt.Printf("   %d requests ended in the %.1f s from serve's first answer to SIGTERM: %.0f a second\n", groups[gAll].n, span, float64(groups[gAll].n)/span)
	var renders []string
	for i, t := range targets {
		if !t.search {
			renders = append(renders, fmt.Sprintf("%s %d", t.path, len(etagsInRound[uint8(i)])))
		}
	}
	fmt.Printf("   distinct ETags the topic feeds had during the round (each a render after a change): %s\n\n", strings.Join(renders, ", "))
	fmt.Printf("%-45s %7s %7s %7s %6s %8s %8s %8s  %s\n", "requests", "n", "200", "304", "errors", "p50 ms", "p99 ms", "max ms", "error kinds")
	for i := range groups {
		groups[i].row(os.Stdout, groupNames[i])
	}
}

// group sums up a set of requests.
type group struct {
	n, ok, nm int
	errs      int
	kinds     map[string]int
	lat       []time.Duration
}

func (g *group) add(r record) {
	g.n++
	g.lat = append(g.lat, time.Duration(r.end-r.start))
	switch {
	case r.err != errNone:
		g.errs++
		g.kind(r.err.String())
	case r.status == http.StatusOK:
		g.ok++
	case r.status == http.StatusNotModified:
		g.nm++
	default:
		g.errs++
		g.kind(fmt.Sprintf("HTTP %d", r.status))
	}
}

func (g *group) kind(k string) {
	if g.kinds == nil {
		g.kinds = map[string]int{}
	}
	g.kinds[k]++
}

func (g *group) row(w io.Writer, name string) {
	slices.Sort(g.lat)
	var kinds []string
	for k, n := range g.kinds {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "%-45s %7d %7d %7d %6d %8s %8s %8s  %s\n", name, g.n, g.ok, g.nm, g.errs,
		ms(percentile(g.lat, 0.50)), ms(percentile(g.lat, 0.99)), ms(percentile(g.lat, 1)), strings.Join(kinds, ", "))
}

// percentile returns the q-quantile of sorted durations (nearest rank),
// or -1 when there are none.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return -1
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) string {
	if d < 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond))
}

// firstLine returns the first line of s, trimmed, at most 160 bytes.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// quoteLines writes lines after a colon, each on its own indented line.
func quoteLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	q := make([]string, len(lines))
	for i, l := range lines {
		if len(l) > 300 {
			l = l[:300] + "…"
		}
		q[i] = "\n      " + l
	}
	return ":" + strings.Join(q, "")
}
