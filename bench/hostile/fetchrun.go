package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// fetchRun is what the fetch process did.
type fetchRun struct {
	err        error
	normal     bool   // exited by itself, status 0
	ended      string // how it ended, in words
	wall       time.Duration
	peakKB     int64
	peakHow    string
	peakAt     time.Duration // when the sampled RSS first reached its peak
	inProgress []string      // feeds being fetched then
	timeline   string        // the sampled RSS, a figure a second
	took       map[string]time.Duration
}

// sample is the fetch process's resident set at a time into the round.
type sample struct {
	at  time.Duration
	rss int64 // kB
}

// runFetch runs "tagfeed -v fetch" under /usr/bin/time -v when there is
// one, sampling the process's resident set from /proc meanwhile, and
// reads each feed's time from its log, in dir/fetch.log.
//
// Its peak is /usr/bin/time's "Maximum resident set size", else the
// largest VmHWM sampled. The rusage that wait4 gives a child of this
// program is no use: a child forked from a larger process reports that
// process's resident set as its own peak, and this program holds the
// hostile feeds' bytes.
func runFetch(bin, dir, cfg string) fetchRun {
	logPath := filepath.Join(dir, "fetch.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return fetchRun{err: fmt.Errorf("fetch log: %w", err)}
	}
	defer logFile.Close()
	timeOut := filepath.Join(dir, "time.txt")
	args := []string{"--config", cfg, "-v", "fetch"}
	var cmd *exec.Cmd
	timeBin, timeErr := exec.LookPath("/usr/bin/time")
	if timeErr == nil {
		cmd = exec.Command(timeBin, append([]string{"-v", "-o", timeOut, bin}, args...)...)
	} else {
		cmd = exec.Command(bin, args...)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fetchRun{err: fmt.Errorf("start fetch: %w", err)}
	}

	// Sample the fetch process (time's child, if time runs it).
	var samples []sample
	var hwm int64
	done := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		pid := 0
		for {
			if pid == 0 {
				pid = cmd.Process.Pid
				if timeErr == nil {
					pid = runner.ChildOf(cmd.Process.Pid)
				}
			}
			if pid > 0 {
				if rss := runner.StatusKB(pid, "VmRSS"); rss > 0 {
					samples = append(samples, sample{time.Since(start), rss})
				}
				hwm = max(hwm, runner.StatusKB(pid, "VmHWM"))
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	waitErr := cmd.Wait()
	f := fetchRun{wall: time.Since(start)}
	close(done)
	sampler.Wait()

	f.peakKB, f.peakHow = hwm, "largest VmHWM sampled every 20 ms"
	code := cmd.ProcessState.ExitCode()
	f.ended, f.normal = fmt.Sprintf("exit status %d", code), code == 0
	if waitErr != nil && code < 0 {
		f.ended = "ended by " + waitErr.Error()
	}
	if timeErr == nil {
		b, err := os.ReadFile(timeOut)
		if err != nil {
			return fetchRun{err: fmt.Errorf("/usr/bin/time wrote nothing: %w", err)}
		}
		txt := string(b)
		if kb := timeField(txt, "Maximum resident set size (kbytes)"); kb > 0 {
			f.peakKB, f.peakHow = kb, fmt.Sprintf("/usr/bin/time -v; sampled VmHWM %.0f MB", float64(hwm)/1024)
		}
		if i := strings.Index(txt, "Command terminated by signal"); i >= 0 {
			f.ended, f.normal = strings.TrimSpace(strings.SplitN(txt[i:], "\n", 2)[0]), false
		} else {
			st := timeField(txt, "Exit status")
			f.ended, f.normal = fmt.Sprintf("exited by itself, status %d", st), st == 0 && code == 0
		}
	}
	spans, err := feedSpans(logPath)
	if err != nil {
		return fetchRun{err: err}
	}
	f.took = map[string]time.Duration{}
	for _, sp := range spans {
		f.took[sp.url] = sp.end.Sub(sp.start)
	}
	f.placePeak(samples, spans, start)
	return f
}

// feedSpan is when a feed was fetched and stored, from its log line.
type feedSpan struct {
	url        string
	start, end time.Time
}

// feedSpans reads each feed's line of the fetch log: when it ended, and
// how long it took.
func feedSpans(logPath string) ([]feedSpan, error) {
	lf, err := os.Open(logPath)
	if err != nil {
		return nil, fmt.Errorf("fetch log: %w", err)
	}
	defer lf.Close()
	var spans []feedSpan
	sc := bufio.NewScanner(lf)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, " msg=fetched ") && !strings.Contains(line, ` msg="fetch failed" `) {
			continue
		}
		u := runner.LogField(line, "url")
		ms, err1 := strconv.ParseInt(runner.LogField(line, "took_ms"), 10, 64)
		at, err2 := time.Parse(time.RFC3339Nano, runner.LogField(line, "time"))
		if u == "" || err1 != nil || err2 != nil {
			continue
		}
		spans = append(spans, feedSpan{u, at.Add(-time.Duration(ms) * time.Millisecond), at})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("fetch log: %w", err)
	}
	return spans, nil
}

// placePeak writes the RSS timeline, a figure a second, and finds when
// the RSS peaked and which feeds were being fetched then.
func (f *fetchRun) placePeak(samples []sample, spans []feedSpan, start time.Time) {
	if len(samples) == 0 {
		return
	}
	var tl []string
	next := time.Duration(0)
	for _, sm := range samples {
		if sm.at >= next {
			tl = append(tl, fmt.Sprintf("%.0fs:%.0f", sm.at.Seconds(), float64(sm.rss)/1024))
			next = sm.at.Truncate(time.Second) + time.Second
		}
	}
	f.timeline = strings.Join(tl, " ") + " (MB)"
	peak := slices.MaxFunc(samples, func(a, b sample) int { return int(a.rss - b.rss) })
	f.peakAt = peak.at
	t := start.Add(peak.at)
	for _, sp := range spans {
		if !sp.start.After(t) && sp.end.After(t) {
			f.inProgress = append(f.inProgress, sp.url[strings.LastIndexByte(sp.url, '/')+1:])
		}
	}
	slices.Sort(f.inProgress)
}

// timeField reads a number from /usr/bin/time -v's report.
func timeField(txt, name string) int64 {
	i := strings.Index(txt, name+":")
	if i < 0 {
		return 0
	}
	rest := strings.TrimSpace(txt[i+len(name)+1:])
	if j := strings.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	v, _ := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
	return v
}
