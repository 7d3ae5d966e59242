package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// serveLog takes what "tagfeed serve" writes to stderr, keeps it in a
// file, and follows the round in it: serve logs a line for each feed it
// has fetched and stored ("msg=fetched ... url=...", or "msg=\"fetch
// failed\""), so the round is over when every feed has had its line.
// Watching the log costs nothing, where polling "tagfeed feeds --json"
// would start a process a poll on a machine that is already busy.
type serveLog struct {
	t0     time.Time
	prefix string // the feeds' URLs begin with it
	feeds  int

	mu       sync.Mutex
	file     *os.File
	partial  []byte
	done     map[string]bool
	outcomes map[string]int
	errLines []string // level=ERROR lines, and warnings other than a feed's failure
	warns    int
	stopped  bool // SIGTERM was sent: what fails now was cut off by it
	cutOff   int  // feeds whose fetch or save the shutdown cut off
	halfAt   time.Duration
	allAt    time.Duration
	half     chan struct{}
	all      chan struct{}
}

func newServeLog(path, prefix string, feeds int, t0 time.Time) (*serveLog, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("serve's log: %w", err)
	}
	return &serveLog{t0: t0, prefix: prefix, feeds: feeds, file: f, done: map[string]bool{}, outcomes: map[string]int{},
		half: make(chan struct{}), all: make(chan struct{})}, nil
}

func (l *serveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.file.Write(p)
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		l.line(string(l.partial[:i]))
		l.partial = l.partial[i+1:]
	}
	return len(p), nil
}

// line reads one line of the log.
func (l *serveLog) line(s string) {
	fetched := strings.Contains(s, " msg=fetched ")
	failed := strings.Contains(s, ` msg="fetch failed" `)
	switch {
	case strings.Contains(s, " level=ERROR "):
		l.keep(s)
	case strings.Contains(s, " level=WARN ") && !l.stopped:
		l.warns++
		if !failed {
			l.keep(s)
		}
	}
	if !fetched && !failed {
		return
	}
	u := runner.LogField(s, "url")
	if !strings.HasPrefix(u, l.prefix) || l.done[u] {
		return
	}
	if l.stopped && failed {
		l.cutOff++
		return
	}
	l.done[u] = true
	l.outcomes[runner.LogField(s, "outcome")]++
	now := time.Since(l.t0)
	if len(l.done)*2 >= l.feeds && l.halfAt == 0 {
		l.halfAt = now
		close(l.half)
	}
	if len(l.done) == l.feeds {
		l.allAt = now
		close(l.all)
	}
}

func (l *serveLog) keep(s string) {
	if len(l.errLines) < 20 {
		l.errLines = append(l.errLines, s)
	}
}

// stop notes that SIGTERM was sent.
func (l *serveLog) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
}

// fetchedCount is how many feeds have had their line.
func (l *serveLog) fetchedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.done)
}

func (l *serveLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.partial) > 0 {
		l.line(string(l.partial))
	}
	return l.file.Close()
}
