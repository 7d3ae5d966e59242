package runner

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FindRepo returns the root of the tagfeed module: dir if given, else the
// first folder up from the working directory whose go.mod declares it.
func FindRepo(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the repository: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if mod, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil &&
			bytes.HasPrefix(mod, []byte("module github.com/tagfeed/tagfeed\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no tagfeed module above %s: run from the repository or give -repo", wd)
		}
	}
}

// WorkDir returns the folder to work in: dir, made if need be, or else a
// new temporary folder, which done removes unless keep is set.
func WorkDir(dir, prefix string, keep bool) (work string, done func(), err error) {
	if dir != "" {
		return dir, func() {}, os.MkdirAll(dir, 0o755)
	}
	if work, err = os.MkdirTemp("", prefix); err != nil {
		return "", nil, fmt.Errorf("work folder: %w", err)
	}
	if keep {
		return work, func() {}, nil
	}
	return work, func() { os.RemoveAll(work) }, nil
}

// Build builds ./cmd/tagfeed of repo into dir and returns the binary.
func Build(repo, dir string) (string, error) {
	bin := filepath.Join(dir, "tagfeed")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/tagfeed")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/tagfeed: %w\n%s", err, out)
	}
	return bin, nil
}

// Result is what running a tagfeed command gave.
type Result struct {
	Exit           int // -1 when it did not start or was killed
	Took           time.Duration
	Stdout, Stderr string
	PeakMB         float64 // peak resident set; 0 if unknown
	Err            error
}

// Run runs the binary with args to its end, and measures its peak
// resident set with /usr/bin/time, else by sampling /proc/PID/status.
//
// The rusage that wait4 gives a child of this program cannot be used: a
// child forked from a larger process and exec'd reports the parent's
// resident set as its own peak when that was larger (Linux keeps the
// high-water mark of the memory the child left at exec), and the
// benchmarks hold feeds and records in memory.
func Run(bin string, args ...string) Result {
	var cmd *exec.Cmd
	stats := ""
	if timeBin, err := exec.LookPath("/usr/bin/time"); err == nil {
		if f, err := os.CreateTemp("", "tagfeed-time-"); err == nil {
			f.Close()
			stats = f.Name()
			defer os.Remove(stats)
			cmd = exec.Command(timeBin, append([]string{"-f", "%M", "-o", stats, bin}, args...)...)
		}
	}
	if cmd == nil {
		cmd = exec.Command(bin, args...)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	r := Result{Exit: -1}
	if r.Err = cmd.Start(); r.Err != nil {
		return r
	}
	var sampled int64
	done := make(chan struct{})
	var sampler sync.WaitGroup
	if stats == "" {
		sampler.Go(func() {
			for {
				sampled = max(sampled, StatusKB(cmd.Process.Pid, "VmHWM"))
				select {
				case <-done:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		})
	}
	r.Err = cmd.Wait()
	close(done)
	sampler.Wait()
	r.Took, r.Stdout, r.Stderr = time.Since(start), out.String(), errb.String()
	r.Exit = cmd.ProcessState.ExitCode()
	r.PeakMB = float64(sampled) / 1024
	if stats != "" {
		if b, err := os.ReadFile(stats); err == nil {
			// The last line is %M; a line before says if a signal ended it.
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			kb, _ := strconv.ParseInt(strings.TrimSpace(lines[len(lines)-1]), 10, 64)
			r.PeakMB = float64(kb) / 1024
		}
	}
	return r
}

// Common is what every benchmark's command line gives: where the
// repository is, the binary to run, and the work folder.
type Common struct {
	Repo, Binary, Work string
	Keep               bool
}

// Flags registers the common flags on the default flag set; uses says
// what the benchmark reads from the repository.
func (c *Common) Flags(uses string) {
	flag.StringVar(&c.Binary, "tagfeed", "", "the tagfeed `binary` to run (default: go build ./cmd/tagfeed of the repository into the work folder)")
	flag.StringVar(&c.Repo, "repo", "", "the repository's `folder`, for "+uses+" (default: found from the working directory)")
	flag.StringVar(&c.Work, "work", "", "keep configs, databases and logs in this `folder` (default: a temporary folder, removed)")
	flag.BoolVar(&c.Keep, "keep", false, "keep the temporary work folder")
}

// Env is where a benchmark works: the repository, its work folder and
// the binary it runs.
type Env struct {
	Repo, Work, Bin string
}

// Setup finds the repository, makes the work folder and builds the
// binary unless one was given, telling say what it did. done removes the
// work folder unless it is to be kept.
func (c Common) Setup(prefix string, say func(format string, args ...any)) (e Env, done func(), err error) {
	if e.Repo, err = FindRepo(c.Repo); err != nil {
		return e, nil, err
	}
	if e.Work, done, err = WorkDir(c.Work, prefix, c.Keep); err != nil {
		return e, nil, err
	}
	say("work folder %s; %d cores; load average %s", e.Work, runtime.NumCPU(), LoadAverage())
	if e.Bin = c.Binary; e.Bin == "" {
		start := time.Now()
		if e.Bin, err = Build(e.Repo, e.Work); err != nil {
			done()
			return e, nil, err
		}
		say("built tagfeed from %s in %.1f s", e.Repo, time.Since(start).Seconds())
	}
	return e, done, nil
}
