package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// sample is what a worker's /proc entry and /metrics said at one moment.
type sample struct {
	fetches int           // feed reads, every outcome (tagfeed_fetches_total{kind="feed"})
	errors  int           // of which failed
	peakKB  int64         // peak resident set (VmHWM)
	cpu     time.Duration // user + system CPU time
}

// metricsClient reads the workers' /metrics: loopback, and bounded.
var metricsClient = &http.Client{Timeout: 5 * time.Second}

// takeSample reads the worker's peak memory, CPU time and fetch counts.
func (w *worker) takeSample() (sample, error) {
	s := sample{peakKB: statusKB(w.pid(), "VmHWM"), cpu: cpuTime(w.pid())}
	resp, err := metricsClient.Get(w.addr + "/metrics")
	if err != nil {
		return s, fmt.Errorf("worker %s: metrics: %w", w.name, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("worker %s: metrics: %s", w.name, resp.Status)
	}
	s.fetches, s.errors, err = feedFetches(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return s, fmt.Errorf("worker %s: metrics: %w", w.name, err)
	}
	return s, nil
}

// feedFetches sums the samples of tagfeed_fetches_total whose kind is
// feed, in Prometheus's text format: all of them, and those whose outcome
// is error.
func feedFetches(r io.Reader) (all, failed int, err error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		labels, ok := strings.CutPrefix(line, "tagfeed_fetches_total{")
		if !ok || !strings.Contains(labels, `kind="feed"`) {
			continue
		}
		_, value, _ := strings.Cut(labels, "} ")
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%q: %w", line, err)
		}
		all += int(v)
		if strings.Contains(labels, `outcome="error"`) {
			failed += int(v)
		}
	}
	return all, failed, sc.Err()
}

// statusKB reads a field of /proc/PID/status given in kB, such as VmHWM;
// 0 if it cannot.
func statusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

// cpuTime reads the user and system CPU time of process pid from
// /proc/PID/stat, in clock ticks of 10 ms (USER_HZ on Linux); 0 if it
// cannot.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count after it.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}
