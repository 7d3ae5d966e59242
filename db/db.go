// Package db stores tagfeed's sources, items and tags in SQLite, through the
// pure-Go driver modernc.org/sqlite.
//
// Every write goes through one connection (a *sql.DB limited to one open
// connection, beginning its transactions IMMEDIATE), so writers from many
// goroutines queue in Go instead of failing with "database is locked". Reads
// use a separate pool of read-only connections; in WAL mode they see the last
// committed state and never wait for the writer.
//
// The schema lives in numbered migrations (migrations/0001_init.sql, …),
// embedded in the binary and applied at Open, each in its own transaction
// that records its number in PRAGMA user_version. Times are stored as
// INTEGER milliseconds since the Unix epoch and come back in UTC; an unknown
// time is NULL and comes back as the zero time.Time.
//
// Kill safety: the database runs in WAL mode with synchronous=NORMAL, and each
// SaveFetch is one transaction per source. A process killed mid-round keeps
// every transaction that committed before it died and loses only the one in
// flight, which leaves no trace; the next round simply does that source again.
// (synchronous=NORMAL can lose the last commits on a power cut or OS crash,
// never on a process kill, and never corrupts the file.)
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/tagfeed/tagfeed"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is the SQLite store. It implements tagfeed.Store.
type DB struct {
	w     *sql.DB              // the one writer connection
	r     *sql.DB              // read-only connections
	stmts map[string]*sql.Stmt // writeStatements, prepared on w
	opts  Options
	// busyLimit is how long a write waits for other processes' writes
	// (see busyLimit).
	busyLimit time.Duration
	// searchCap is how many matches a search pass ranks at most (see
	// defaultSearchCap); tests lower it.
	searchCap int
	// group commits the saves of many sources in one transaction.
	group group

	// Now returns the current time. It defaults to time.Now; tests set it.
	Now func() time.Time
}

var _ tagfeed.Store = (*DB)(nil)

// Pragmas set on every connection. busy_timeout lets another process's
// writer (a cron "tagfeed fetch" beside "tagfeed serve") finish first.
// Readers do not map the file into memory (mmap_size stays 0). A
// mapping makes the median search over an unchanged database a third
// cheaper, and its slowest no cheaper; but in WAL mode a reader drops
// its mapping whenever any process has written, and then pays a page
// fault for each page it touches again. On the machine of bench/serve a
// topic feed's render after a write took 17-24 ms that way, and 9-10 ms
// reading the pages with pread.
// The writer keeps its temporary files in memory: the journal of each
// save's savepoint (see group) is one, and written to a file it cost a
// system call per page, a sixth of a big round's time.
const (
	busyTimeout   = 10 * time.Second
	commonPragmas = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	writerParams  = commonPragmas + "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(2)&_txlock=immediate"
	readerParams  = commonPragmas + "&_pragma=query_only(1)"
)

// Open opens the database file at path with the default Options.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith opens the database file at path, creating it if needed,
// applies any migrations it lacks, and builds the search index again if it
// was built with other forms than opts's.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return nil, fmt.Errorf("db: open %q: a database file path is required", path)
	}
	if problem := pathProblem(path); problem != "" {
		return nil, fmt.Errorf("db: open %s: %s", path, problem)
	}
	uri := "file:" + escapePath(path)
	w, err := sql.Open("sqlite", uri+"?"+writerParams)
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := firstConnect(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	stmts, err := prepareWrites(ctx, w)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}

	d := &DB{w: w, stmts: stmts, opts: opts, busyLimit: busyLimit, searchCap: defaultSearchCap, Now: time.Now}
	if err := d.buildIndex(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	d.r, err = sql.Open("sqlite", uri+"?"+readerParams)
	if err == nil {
		n := max(4, runtime.GOMAXPROCS(0))
		d.r.SetMaxOpenConns(n)
		d.r.SetMaxIdleConns(n)
		err = d.r.PingContext(ctx)
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	return d, nil
}

// Close closes both connection pools, first letting SQLite refresh the
// query planner's statistics if they are stale (PRAGMA optimize).
func (d *DB) Close() error {
	var errs []error
	if d.r != nil {
		_, err := d.w.Exec(`PRAGMA optimize`)
		errs = append(errs, err, d.r.Close())
	}
	errs = append(errs, closeStatements(d.stmts), d.w.Close())
	return errors.Join(errs...)
}

// now returns the current time from the injected clock.
func (d *DB) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

// firstConnect opens the writer's connection, which turns on WAL mode.
// While another process creates the same file or switches it to WAL, SQLite
// answers "database is locked" at once instead of waiting out busy_timeout,
// so this retries for as long as busy_timeout would have waited.
func firstConnect(ctx context.Context, w *sql.DB) error {
	return retryBusy(ctx, busyTimeout, func() error { return w.PingContext(ctx) })
}

// pathProblem says why a database file cannot be opened or made at
// path, where SQLite would say only "unable to open database file": the
// path is a folder, or its folder is missing or a file. It is "" when
// none of these is so, or it cannot be told.
func pathProblem(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return path + " is a folder, not a database file"
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "the folder " + dir + " does not exist"
	case err == nil && !info.IsDir():
		return dir + " is a file, not a folder"
	}
	return ""
}

// escapePath makes a file path safe to put in a file: URI, where '?' starts
// the parameters, '#' a fragment and '%' an escape.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// readTx begins a read-only transaction on the read pool, so that the
// queries of one call see one snapshot.
func (d *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	return d.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
}
