package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// worker is one "tagfeed serve --role fetch" process.
type worker struct {
	name string
	cmd  *exec.Cmd
	url  chan string // where it answers HTTP, once it says so
	addr string
	done chan struct{} // closed when it has exited
	err  error         // how it exited
	// killed is set once the benchmark has sent it SIGKILL.
	killed bool
}

// startWorker starts a fetch process on config; its standard error goes
// to logPath. It dies with the benchmark (Pdeathsig).
func startWorker(bin, config, name, logPath string) (*worker, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("worker %s: %w", name, err)
	}
	w := &worker{name: name, url: make(chan string, 1), done: make(chan struct{})}
	w.cmd = exec.Command(bin, "--config", config, "serve", "--role", "fetch", "--addr", "127.0.0.1:0")
	w.cmd.Stdout = log
	w.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stderr, err := w.cmd.StderrPipe()
	if err != nil {
		log.Close()
		return nil, fmt.Errorf("worker %s: %w", name, err)
	}
	if err := w.cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("worker %s: %w", name, err)
	}
	go func() {
		defer log.Close()
		w.copyLog(stderr, log)
		w.err = w.cmd.Wait()
		close(w.done)
	}()
	return w, nil
}

// copyLog copies the process's standard error to log, and passes on the
// URL of its "tagfeed: serving on URL" line.
func (w *worker) copyLog(stderr io.Reader, log io.Writer) {
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(log, line)
		if rest, ok := strings.CutPrefix(line, "tagfeed: serving on "); ok {
			url, _, _ := strings.Cut(rest, " ")
			select {
			case w.url <- url:
			default:
			}
		}
	}
	io.Copy(log, stderr) // a line too long for the scanner: the rest as it is
}

// waitReady waits until the worker answers HTTP, and returns its URL.
func (w *worker) waitReady(timeout time.Duration) (string, error) {
	if w.addr != "" {
		return w.addr, nil
	}
	select {
	case w.addr = <-w.url:
		return w.addr, nil
	case <-w.done:
		return "", fmt.Errorf("worker %s exited before serving: %v (see its log)", w.name, w.err)
	case <-time.After(timeout):
		return "", fmt.Errorf("worker %s did not start serving within %v", w.name, timeout)
	}
}

// pid is the process's id.
func (w *worker) pid() int {
	return w.cmd.Process.Pid
}

// kill sends SIGKILL and waits for the process to be gone.
func (w *worker) kill() {
	w.killed = true
	w.cmd.Process.Signal(syscall.SIGKILL)
	<-w.done
}

// stop asks the process to stop (SIGTERM), as an operator would, and
// kills it if it has not within grace.
func (w *worker) stop(grace time.Duration) error {
	select {
	case <-w.done:
		return nil
	default:
	}
	w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-w.done:
		return nil
	case <-time.After(grace):
		w.kill()
		return fmt.Errorf("worker %s did not stop within %v of SIGTERM; killed", w.name, grace)
	}
}
