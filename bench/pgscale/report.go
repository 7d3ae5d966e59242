package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// report prints a table of the runs, in Markdown, then the kill runs'
// story and what went wrong; it returns whether every check passed: every
// feed stored with all its items and none twice, no feed requested by two
// workers at once, and none requested twice except after a kill.
func (b *bench) report(w io.Writer, results []runResult) bool {
	o := b.opts
	fmt.Fprintf(w, "%s feeds × %d items, %v latency, fetch.concurrency %d per worker\n\n",
		thousands(o.feeds), o.items, o.latency, o.concurrency)
	fmt.Fprintln(w, "| run | workers | ready | round | grouped | ideal | items | duplicate keys | feeds complete | requests | shares (feeds) | peak RSS (MiB) | CPU (s) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	ok := true
	for _, r := range results {
		ideal := time.Duration(o.feeds) * o.latency / time.Duration(r.spec.workers*o.concurrency)
		var shares, peaks, cpus []string
		for i, s := range r.samples {
			mark := ""
			if r.kill != nil && r.kill.worker == i {
				mark = "†"
			}
			shares = append(shares, thousands(r.shares[i])+mark)
			peaks = append(peaks, fmt.Sprintf("%.0f%s", float64(s.peakKB)/1024, mark))
			cpus = append(cpus, fmt.Sprintf("%.1f%s", s.cpu.Seconds(), mark))
		}
		fmt.Fprintf(w, "| %s | %d | %.1f s | %.1f s | %.1f s | %.2f s | %s | %d | %s of %s | %s | %s | %s | %s |\n",
			r.spec.name, r.spec.workers, r.ready.Seconds(), r.took.Seconds(), r.grouped.Seconds(), ideal.Seconds(),
			thousands(r.verdict.items), r.verdict.duplicates, thousands(r.verdict.complete), thousands(o.feeds),
			thousands(r.served.requests), strings.Join(shares, " / "), strings.Join(peaks, " / "), strings.Join(cpus, " / "))
	}
	fmt.Fprintln(w)
	for _, r := range results {
		if k := r.kill; k != nil {
			fmt.Fprintf(w, "%s: worker %d (†) was killed with SIGKILL at %.1f s, when %s feeds had been fetched; it left %d leases, "+
				"and feeds requested again after their leases ran out: %d. Its share is the feeds the others did not store "+
				"(its /metrics said %s just before the kill); its peak RSS and CPU are from then.\n",
				r.spec.name, k.worker+1, k.at.Seconds(), thousands(k.fetched), k.leases, r.served.refetched, thousands(r.samples[k.worker].fetches))
		}
		var wrong []string
		if !r.verdict.ok(o.feeds, o.items) {
			wrong = append(wrong, "stored: "+r.verdict.String())
		}
		if r.served.overlaps > 0 {
			wrong = append(wrong, fmt.Sprintf("%d requests came while another worker's request for the same feed was being answered", r.served.overlaps))
		}
		if r.kill == nil && r.served.refetched > 0 {
			wrong = append(wrong, fmt.Sprintf("%d feeds were requested more than once", r.served.refetched))
		}
		if r.served.fetched != o.feeds {
			wrong = append(wrong, fmt.Sprintf("the server was asked for %d of the %d feeds", r.served.fetched, o.feeds))
		}
		for _, s := range wrong {
			ok = false
			fmt.Fprintf(w, "%s: FAILED: %s\n", r.spec.name, s)
		}
	}
	if ok {
		fmt.Fprintln(w, "Every run: every feed stored with all its items, no key twice, no feed requested by two workers at once.")
	}
	return ok
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}
