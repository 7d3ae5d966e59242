package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/metrics"
	"github.com/tagfeed/tagfeed/tag"
)

// shutdownTimeout bounds how long requests in flight may take to finish
// when the server stops.
const shutdownTimeout = 10 * time.Second

func runServe(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "", "answer HTTP on `HOST:PORT` instead of the config's listen")
	role := fs.String("role", RoleAll, "what this process does: `all`, fetch (fetch the feeds, sharing them with other fetch processes through leases; PostgreSQL only) or web (answer HTTP only)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("serve takes no arguments, got %q", rest)
	}
	if *role != RoleAll && *role != RoleFetch && *role != RoleWeb {
		return usagef("serve --role %q: want all, fetch or web", *role)
	}
	g.serving = true
	a, err := openApp(ctx, e, g)
	if err != nil {
		return err
	}
	warnFailingExamples(e.stderr, a.cfg, a.engine)
	m := NewMain(a, *addr)
	m.Role = *role
	if err := m.Run(ctx); err != nil {
		m.Close()
		return err
	}
	fmt.Fprintf(e.stderr, "tagfeed: serving on %s (feeds link to %s/)\n", m.URL(), a.cfg.SiteURL())
	select {
	case <-ctx.Done():
		fmt.Fprintln(e.stderr, "tagfeed: shutting down")
		return m.Close()
	case err := <-m.Failed():
		return errors.Join(err, m.Close())
	}
}

// The roles of a serve process. Several processes may share one
// PostgreSQL database: web processes behind a load balancer, and fetch
// processes that share the feeds through leases.
const (
	RoleAll   = "all"   // answer HTTP and fetch every feed: one process does it all
	RoleFetch = "fetch" // fetch the feeds this process leases (and answer HTTP, for health and metrics)
	RoleWeb   = "web"   // answer HTTP only; the feed cache follows the database's version
)

// Main is a running tagfeed server: the HTTP endpoints, and the fetcher
// keeping the feeds fresh in the background.
type Main struct {
	app  *app
	addr string
	// Role is what the process does (RoleAll when empty).
	Role string

	// shutdownTimeout bounds how long Close lets requests in flight finish.
	shutdownTimeout time.Duration

	ln       net.Listener
	server   *http.Server
	drainer  drainer
	failed   chan error         // the HTTP server's error, if it stops on its own
	stop     context.CancelFunc // stops the fetcher
	fetching sync.WaitGroup
}

// NewMain returns a server for the app, answering on addr (the config's
// listen address if empty; port 0 picks a free port).
func NewMain(a *app, addr string) *Main {
	if addr == "" {
		addr = a.cfg.Listen
	}
	return &Main{app: a, addr: addr, shutdownTimeout: shutdownTimeout, failed: make(chan error, 1)}
}

// Run takes its address, ingests the seed folders, starts answering HTTP
// and starts fetching the feeds in the background: right away, then on
// their schedule. It returns once the server is listening; Close stops it
// all. An address in use fails it before anything is read.
func (m *Main) Run(ctx context.Context) error {
	a := m.app
	leaser, canLease := a.store.(tagfeed.FeedLeaser)
	if m.Role == RoleFetch && !canLease {
		return usagef("serve --role fetch shares the feeds among processes through leases in PostgreSQL: set database to a postgres:// URL, or run serve without --role")
	}
	stats := metrics.New(a.store)
	a.pipeline.Observe(func(r ingest.Result) {
		stats.Fetched(r.Source.Kind, r.Outcome(), r.Source.Status.HTTPStatus, r.Took, r.Counts)
	})
	// The address is taken first, so that one in use fails at once; the
	// requests that come while the seeds are read wait to be accepted.
	ln, err := net.Listen("tcp", m.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	m.ln = ln
	if m.Role != RoleWeb {
		for _, r := range a.pipeline.Round(ctx, seedSources(a.sources)) {
			if r.Err != nil || len(r.Problems) > 0 {
				a.log.Warn("seed folder has problems", "source", r.Source.URL, "err", r.Err, "problems", errors.Join(r.Problems...))
			}
			a.sources = replaceSource(a.sources, r.Source) // so that Run reads it next when it is due
		}
	}
	srv := feeds.NewServer(a.cfg, a.store, a.log)
	srv.Fold = tag.SearchForms
	srv.RenderWait = feeds.ServeRenderWait
	srv.RenderEvery = feeds.ServeRenderEvery
	srv.OnAnswer = stats.Answered
	srv.LastFetch = a.pipeline.LastRead
	srv.SetBaseURL("http://" + ln.Addr().String())
	routes := http.NewServeMux()
	routes.Handle("GET /metrics", feeds.SecurityHeaders(stats.Handler()))
	routes.Handle("/", srv.Handler())
	m.server = &http.Server{
		Handler:           m.drainer.handler(stats.Instrument(routes)),
		ConnState:         m.drainer.connState,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	go func() {
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.failed <- fmt.Errorf("serve: %w", err)
		}
	}()
	// What the pipeline stores shows at once, not up to a second later.
	a.pipeline.Subscribe(func(ingest.Change) { srv.DataChanged() })
	fetchCtx, stop := context.WithCancel(ctx)
	m.stop = stop
	m.fetching.Go(func() {
		var err error
		switch m.Role {
		case RoleWeb:
			return
		case RoleFetch:
			err = a.pipeline.RunLeased(fetchCtx, a.sources, leaser, leaseOwner())
		default:
			err = a.pipeline.Run(fetchCtx, a.sources)
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			a.log.Error("fetcher stopped", "err", err)
		}
	})
	return nil
}

// leaseOwner names this process in the feeds' leases: its host, its pid
// and a random word, so that a restarted process is another owner.
func leaseOwner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%08x", host, os.Getpid(), rand.Uint32())
}

// Failed delivers the error that stopped the HTTP server, if it stops
// other than by Close.
func (m *Main) Failed() <-chan error {
	return m.failed
}

// URL is where the server answers.
func (m *Main) URL() string {
	if m.ln == nil {
		return ""
	}
	return "http://" + m.ln.Addr().String()
}

// Close stops the fetcher (whose fetches in flight are cancelled; what was
// stored stays) and stops answering: it answers the requests clients have
// sent on open connections, closing each after its answer (see drainer),
// then lets requests in flight finish for up to shutdownTimeout and cuts
// off those that have not, so that none is left running when it closes
// the database.
func (m *Main) Close() error {
	var errs []error
	if m.stop != nil {
		m.stop()
	}
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), m.shutdownTimeout)
		defer cancel()
		if err := m.drainer.shutdown(ctx, m.server, drainTimeout); err != nil {
			m.server.Close()
			errs = append(errs, fmt.Errorf("serve: shutdown: requests still running after %v were cut off: %w", m.shutdownTimeout, err))
		}
	}
	m.fetching.Wait()
	errs = append(errs, m.app.Close())
	return errors.Join(errs...)
}

// replaceSource returns sources with the one of src's id replaced by src.
func replaceSource(sources []tagfeed.Source, src tagfeed.Source) []tagfeed.Source {
	for i := range sources {
		if sources[i].ID == src.ID {
			sources[i] = src
		}
	}
	return sources
}

// seedSources returns the seed folders among sources.
func seedSources(sources []tagfeed.Source) []tagfeed.Source {
	var seeds []tagfeed.Source
	for _, s := range sources {
		if s.Kind == tagfeed.SourceSeed {
			seeds = append(seeds, s)
		}
	}
	return seeds
}
