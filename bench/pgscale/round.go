package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
)

// runSpec is one run of the benchmark: how many fetch processes share
// the round, and whether one of them is killed halfway through it.
type runSpec struct {
	name    string
	workers int
	kill    bool
}

// runResult is what one run measured.
type runResult struct {
	spec    runSpec
	ready   time.Duration // from the first start until every worker answered HTTP
	took    time.Duration // from the first start until every feed was fetched
	grouped time.Duration // from the first start until every item had a story
	samples []sample      // per worker, at the end; the killed one's just before the kill
	shares  []int         // feeds each worker stored
	kill    *killReport
	served  serverCounts
	verdict verdict
}

// killReport says when a worker was killed and what it left behind.
type killReport struct {
	worker  int           // its index in the run's workers
	at      time.Duration // after the first start
	fetched int           // feeds fetched, by all, when it was killed
	leases  int           // its leases still running after it died
}

// runOnce runs one round on a schema of its own: it starts the workers,
// waits until every feed has been fetched, killing one at half way if
// spec says so, then stops them and checks what was stored.
func (b *bench) runOnce(ctx context.Context, spec runSpec) (res runResult, err error) {
	res.spec = spec
	schema, dsn, err := newSchema(ctx, b.dsn, spec.name)
	if err != nil {
		return res, err
	}
	if !b.opts.keep {
		defer func() { err = errors.Join(err, dropSchema(context.WithoutCancel(ctx), b.dsn, schema)) }()
	}
	dir := filepath.Join(b.work, spec.name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, err
	}
	config := filepath.Join(dir, "config.yaml")
	if err := writeConfig(config, dsn, b.opts.concurrency, b.server.urls, b.rules); err != nil {
		return res, err
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return res, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	b.server.reset()

	start := time.Now()
	var ws []*worker
	defer func() {
		for _, w := range ws {
			err = errors.Join(err, w.stop(30*time.Second))
		}
	}()
	for i := range spec.workers {
		w, err := startWorker(b.bin, config, fmt.Sprint(i+1), filepath.Join(dir, fmt.Sprintf("worker%d.log", i+1)))
		if err != nil {
			return res, err
		}
		ws = append(ws, w)
		// Unless -together, the first worker creates the tables and the
		// sources before the others start (see README.md, "Starting
		// together").
		if i == 0 && !b.opts.together {
			if _, err := w.waitReady(2 * time.Minute); err != nil {
				return res, err
			}
		}
	}
	for _, w := range ws {
		if _, err := w.waitReady(2 * time.Minute); err != nil {
			return res, err
		}
	}
	res.ready = time.Since(start)
	res.samples = make([]sample, len(ws))
	if err := b.waitFetched(ctx, conn, spec, ws, start, &res); err != nil {
		return res, err
	}
	res.took = time.Since(start)
	if err := waitGrouped(ctx, conn, time.Minute); err != nil {
		return res, err
	}
	res.grouped = time.Since(start)
	if err := b.finalSamples(ws, &res); err != nil {
		return res, err
	}
	for _, w := range ws {
		if err := w.stop(30 * time.Second); err != nil {
			return res, err
		}
	}
	res.served = b.server.counts()
	res.verdict, err = check(ctx, conn, b.server.urls, b.opts.items)
	return res, err
}

// waitGrouped polls the database until every item has a story: the
// process leading story grouping groups the others' items within about a
// second of their save.
func waitGrouped(ctx context.Context, conn *pgx.Conn, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM items WHERE story_id IS NULL`).Scan(&n); err != nil {
			return fmt.Errorf("count the items without a story: %w", err)
		}
		if n == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d items still without a story %v after every feed was fetched", n, limit)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// waitFetched polls the database until every feed has been fetched once,
// and kills the last worker once half of them have been, if spec says so.
func (b *bench) waitFetched(ctx context.Context, conn *pgx.Conn, spec runSpec, ws []*worker, start time.Time, res *runResult) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	said := start
	for {
		p, err := readProgress(ctx, conn)
		if err != nil {
			return fmt.Errorf("progress: %w", err)
		}
		if spec.kill && res.kill == nil && p.fetched >= b.opts.feeds/2 {
			if res.kill, err = b.killLast(ctx, conn, ws, p, start, res); err != nil {
				return err
			}
		}
		if p.fetched >= b.opts.feeds {
			return nil
		}
		if time.Since(said) >= 10*time.Second {
			said = time.Now()
			fmt.Fprintf(os.Stderr, "pgscale: %s: %.0f s, %d of %d feeds fetched, %d failed\n",
				spec.name, time.Since(start).Seconds(), p.fetched, b.opts.feeds, p.failed)
		}
		if time.Since(start) > b.opts.roundTimeout {
			return fmt.Errorf("round not done after %v: %d of %d feeds fetched", b.opts.roundTimeout, p.fetched, b.opts.feeds)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// killLast samples the last worker, kills it with SIGKILL, and counts the
// leases it leaves behind.
func (b *bench) killLast(ctx context.Context, conn *pgx.Conn, ws []*worker, p progress, start time.Time, res *runResult) (*killReport, error) {
	i := len(ws) - 1
	s, err := ws[i].takeSample()
	if err != nil {
		return nil, err
	}
	res.samples[i] = s
	ws[i].kill()
	k := &killReport{worker: i, at: time.Since(start), fetched: p.fetched}
	if k.leases, err = leasesOf(ctx, conn, ws[i].pid()); err != nil {
		return nil, fmt.Errorf("leases of the killed worker: %w", err)
	}
	fmt.Fprintf(os.Stderr, "pgscale: %s: killed worker %s at %.1f s, %d feeds fetched, %d leases left\n",
		res.spec.name, ws[i].name, k.at.Seconds(), k.fetched, k.leases)
	return k, nil
}

// finalSamples samples the live workers once their metrics count every
// feed stored (a result is counted just after its save), and works out
// each one's share: its feed reads, and for a killed worker the feeds the
// others did not store.
func (b *bench) finalSamples(ws []*worker, res *runResult) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		others, counted := 0, 0
		for i, w := range ws {
			if w.killed {
				counted += res.samples[i].fetches
				continue
			}
			s, err := w.takeSample()
			if err != nil {
				return err
			}
			res.samples[i] = s
			others += s.fetches
		}
		if others+counted >= b.opts.feeds || time.Now().After(deadline) {
			res.shares = make([]int, len(ws))
			for i, w := range ws {
				res.shares[i] = res.samples[i].fetches
				if w.killed {
					res.shares[i] = b.opts.feeds - others
				}
			}
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
}
