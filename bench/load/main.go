// Command load measures "tagfeed serve" under load while it fetches its
// first round: 1,000 feeds from a loopback feed server of its own, 200
// HTTP clients polling the topic feeds and searches all the while, a
// "tagfeed retag" run beside it, then a SIGTERM, and afterwards the
// database checked for every item and no duplicate. See README.md.
//
//	go run ./bench/load                 # builds ./cmd/tagfeed into a temporary folder
//	go run ./bench/load -tagfeed /path/to/tagfeed -duration 60s
package main

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// options are the command line's settings.
type options struct {
	runner.Common
	feeds, items int
	hosts        int
	feedLatency  time.Duration
	clients      int
	rate         float64
	duration     time.Duration
	concurrency  int
	perHost      int
	retag        string
}

func main() {
	var o options
	o.Flags("config.yaml's tags and the seeds")
	flag.IntVar(&o.feeds, "feeds", 1000, "feeds served")
	flag.IntVar(&o.items, "items", 20, "items per feed, on average (each feed has 2 fewer to 2 more)")
	flag.IntVar(&o.hosts, "hosts", 1000, "loopback addresses the feeds are spread over (127.20.x.y); fewer than the feeds puts several on a host, where fetch.per_host applies")
	flag.DurationVar(&o.feedLatency, "feed-latency", 20*time.Millisecond, "time the feed server waits before each answer, as a distant server would")
	flag.IntVar(&o.clients, "clients", 200, "concurrent HTTP clients, one connection each")
	flag.Float64Var(&o.rate, "rate", 2000, "requests a second of all the clients together, each client polling at its share; 0 for as fast as answers come")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "how long serve runs under load, from its start to the SIGTERM")
	flag.IntVar(&o.concurrency, "concurrency", 0, "fetch.concurrency in the config; 0 for tagfeed's default (8)")
	flag.IntVar(&o.perHost, "per-host", 0, "fetch.per_host in the config; 0 for tagfeed's default (2)")
	flag.StringVar(&o.retag, "retag", "mid,40s", "when to run \"tagfeed retag\" beside serve, comma-separated: mid (once half the feeds are stored) or a time since serve started; empty for never")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	env, done, err := o.Setup("tagfeed-load-", say)
	if err != nil {
		return err
	}
	defer done()
	bin := env.Bin

	start := time.Now()
	fs, err := newFeedServer(o.feeds, o.items, o.hosts, o.feedLatency)
	if err != nil {
		return err
	}
	defer fs.Close()
	say("feed server: %d feeds, %d items, %.1f MB, on %d loopback addresses, made in %.1f s",
		len(fs.docs), fs.totalItems(), float64(fs.docBytes())/1e6, min(o.hosts, o.feeds), time.Since(start).Seconds())
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	cfg, dbPath, err := writeConfig(env.Repo, env.Work, fs.urls, addr, o)
	if err != nil {
		return err
	}

	srv, err := startServe(bin, cfg, addr, env.Work, o.feeds)
	if err != nil {
		return err
	}
	defer srv.kill()
	t0 := srv.t0
	s := &summary{o: o, bin: bin, cfg: cfg, dbPath: dbPath, log: srv.log, fs: fs, t0: t0, readyAt: time.Since(t0)}
	say("serve (pid %d) answers after %.2f s; %d clients polling for %v from serve's start", srv.pid(), s.readyAt.Seconds(), o.clients, o.duration)
	selfCPU0 := runner.SelfCPU()
	l := startLoad(srv.base, t0, o.clients, o.rate)
	stopProgress := watchProgress(srv, fs, &s.rssAtRoundKB)
	rt, err := startRetags(bin, cfg, o.retag, srv)
	if err != nil {
		return err
	}

	// Run until the time is up, or serve stops by itself.
	var early error
	select {
	case <-time.After(time.Until(t0.Add(o.duration))):
	case <-srv.exited:
		early = fmt.Errorf("serve exited by itself after %.1f s: %v", time.Since(t0).Seconds(), srv.waitErr)
	}
	s.retags = rt.Stop()
	stopProgress()

	// Peak RSS, then SIGTERM with the clients still polling.
	s.hwmKB, s.serveCPU = runner.StatusKB(srv.pid(), "VmHWM"), runner.CPU(srv.pid())
	s.sigAt = time.Since(t0)
	l.sigAt.Store(int64(s.sigAt))
	srv.log.stop()
	s.inFlight = l.inFlight.Load()
	if early != nil {
		s.shutdown = "SIGTERM not sent: " + early.Error()
	} else {
		s.shutdown = srv.terminate(20 * time.Second)
	}
	s.records, s.firstErr = l.finish()
	s.loadCPU = runner.SelfCPU() - selfCPU0
	srv.log.Close()
	s.wall = time.Since(t0)

	s.checks = checkDatabase(bin, cfg, fs)
	s.print()
	return nil
}

// watchProgress says every 5 seconds how far the round is, and notes
// serve's RSS when the round ends in rssAtRound. The function it returns
// stops it.
func watchProgress(srv *serveProc, fs *feedServer, rssAtRound *int64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Second)
		defer tick.Stop()
		allDone := srv.log.all
		for {
			select {
			case <-done:
				return
			case <-allDone:
				*rssAtRound = runner.StatusKB(srv.pid(), "VmRSS")
				allDone = nil
			case <-tick.C:
				say("  %4.0f s: %d feeds stored, feed server %d requests, serve RSS %s, load average %s",
					time.Since(srv.t0).Seconds(), srv.log.fetchedCount(), fs.requests.Load(),
					runner.MB(runner.StatusKB(srv.pid(), "VmRSS")), runner.LoadAverage())
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "load: "+format+"\n", args...)
}
