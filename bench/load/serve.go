package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// serveProc is the "tagfeed serve" under load, with its log followed.
type serveProc struct {
	cmd     *exec.Cmd
	base    string // http://addr
	log     *serveLog
	t0      time.Time // when it was started
	exited  chan struct{}
	waitErr error // set before exited is closed
}

// startServe starts "tagfeed serve" on addr with the config cfg, its log
// in work/serve.log, and waits until it answers /healthz.
func startServe(bin, cfg, addr, work string, feeds int) (*serveProc, error) {
	t0 := time.Now()
	logw, err := newServeLog(filepath.Join(work, "serve.log"), "http://127.20.", feeds, t0)
	if err != nil {
		return nil, err
	}
	s := &serveProc{base: "http://" + addr, log: logw, t0: t0, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "--config", cfg, "serve", "--addr", addr)
	s.cmd.Stderr, s.cmd.Stdout = logw, logw
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start serve: %w", err)
	}
	go func() { s.waitErr = s.cmd.Wait(); close(s.exited) }()
	if err := s.waitHealthy(60 * time.Second); err != nil {
		s.kill()
		return nil, fmt.Errorf("serve did not answer: %w (log: %s)", err, filepath.Join(work, "serve.log"))
	}
	return s, nil
}

func (s *serveProc) pid() int { return s.cmd.Process.Pid }

// waitHealthy waits until /healthz answers 200.
func (s *serveProc) waitHealthy(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return errors.New("serve exited")
		default:
		}
		if resp, err := client.Get(s.base + "/healthz"); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("no answer from %s/healthz in %v", s.base, limit)
}

// terminate sends SIGTERM and waits up to limit for serve to exit, then
// kills it. It says how serve ended.
func (s *serveProc) terminate(limit time.Duration) string {
	sent := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return "SIGTERM not sent: " + err.Error()
	}
	select {
	case <-s.exited:
		took := time.Since(sent)
		out := fmt.Sprintf("exit %d after %.2f s", s.cmd.ProcessState.ExitCode(), took.Seconds())
		if took > 10*time.Second {
			out += " (more than 10 s)"
		}
		return out
	case <-time.After(limit):
		s.kill()
		return fmt.Sprintf("still running %v after SIGTERM: killed", limit)
	}
}

// kill ends serve at once if it still runs.
func (s *serveProc) kill() {
	select {
	case <-s.exited:
	default:
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// freeAddr returns a loopback address with a port free now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// writeConfig writes the config: config.yaml's title, language and tags,
// the repository's seeds, the feeds, and the database in work.
func writeConfig(repo, work string, urls []string, addr string, o options) (cfgPath, dbPath string, err error) {
	rules, err := runner.ReadRules(repo)
	if err != nil {
		return "", "", err
	}
	dbPath = filepath.Join(work, "tagfeed.db")
	var b strings.Builder
	fmt.Fprintf(&b, "# Written by bench/load: config.yaml's tags, the repository's seeds and %d loopback feeds.\n", len(urls))
	fmt.Fprintf(&b, "database: %q\nlisten: %q\n%s", dbPath, addr, rules.Head)
	fmt.Fprintf(&b, "seeds: [%q]\n", filepath.Join(repo, "seeds"))
	if o.concurrency > 0 || o.perHost > 0 {
		b.WriteString("fetch:\n")
		if o.concurrency > 0 {
			fmt.Fprintf(&b, "  concurrency: %d\n", o.concurrency)
		}
		if o.perHost > 0 {
			fmt.Fprintf(&b, "  per_host: %d\n", o.perHost)
		}
	}
	b.WriteString("feeds:\n")
	for _, u := range urls {
		fmt.Fprintf(&b, "  - url: %s\n", u)
	}
	b.WriteString(rules.Tags)
	cfgPath = filepath.Join(work, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte(b.String()), 0o644); err != nil {
		return "", "", fmt.Errorf("write the config: %w", err)
	}
	return cfgPath, dbPath, nil
}
