package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/tagfeed/tagfeed/pg/pgtest"
)

// bench is what every run shares: the binary, the PostgreSQL server,
// the feed server and the rules.
type bench struct {
	opts   options
	bin    string
	dsn    string // the server's; each run makes a schema in it
	work   string
	server *feedServer
	rules  rules
}

// run sets the benchmark up, runs it and prints the figures. It returns
// the exit code: 0 when every check passed, 3 when one failed, 1 when it
// could not run.
func run(ctx context.Context, args []string) (code int, err error) {
	opts, err := parseOptions(args)
	if err != nil {
		return 2, err
	}
	b := &bench{opts: opts}
	if opts.repo, err = findRepo(opts.repo); err != nil {
		return 1, err
	}
	if b.rules, err = readRules(opts.repo); err != nil {
		return 1, err
	}
	if b.work = opts.work; b.work == "" {
		if b.work, err = os.MkdirTemp("", "pgscale-"); err != nil {
			return 1, err
		}
		if !opts.keep {
			defer os.RemoveAll(b.work)
		}
	}
	if b.bin = opts.tagfeed; b.bin == "" {
		if b.bin, err = build(opts.repo, b.work); err != nil {
			return 1, err
		}
	}
	pgs, err := pgtest.Start(ctx)
	if err != nil {
		return 1, err
	}
	defer func() { err = errors.Join(err, pgs.Stop()) }()
	b.dsn = pgs.DSN
	if b.server, err = startFeedServer(opts.feeds, opts.items, opts.hosts, opts.latency); err != nil {
		return 1, err
	}
	defer b.server.close()

	fmt.Fprintf(os.Stderr, "pgscale: %d feeds × %d items, %v latency, concurrency %d per worker; work folder %s\n",
		opts.feeds, opts.items, opts.latency, opts.concurrency, b.work)
	var results []runResult
	specs := make([]runSpec, 0, len(opts.workers)+1)
	for _, w := range opts.workers {
		specs = append(specs, runSpec{name: fmt.Sprintf("w%d", w), workers: w})
	}
	if opts.kill > 0 {
		specs = append(specs, runSpec{name: fmt.Sprintf("w%d_kill", opts.kill), workers: opts.kill, kill: true})
	}
	for _, spec := range specs {
		res, err := b.runOnce(ctx, spec)
		if err != nil {
			return 1, fmt.Errorf("%s: %w", spec.name, err)
		}
		fmt.Fprintf(os.Stderr, "pgscale: %s: round %.1f s\n", spec.name, res.took.Seconds())
		results = append(results, res)
	}
	if !b.report(os.Stdout, results) {
		return 3, nil
	}
	return 0, nil
}

// findRepo returns the root of the tagfeed module: dir if given, else the
// first folder up from the working directory whose go.mod declares it.
func findRepo(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		mod, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.HasPrefix(mod, []byte("module github.com/tagfeed/tagfeed\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no tagfeed module above %s: run from the repository, or give -repo", wd)
		}
	}
}

// build builds ./cmd/tagfeed of repo into dir.
func build(repo, dir string) (string, error) {
	bin := filepath.Join(dir, "tagfeed")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/tagfeed")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/tagfeed: %w\n%s", err, out)
	}
	return bin, nil
}
