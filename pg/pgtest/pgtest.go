// Package pgtest gives tests a PostgreSQL server: the one the
// environment variable TAGFEED_TEST_POSTGRES names, or else a throwaway
// cluster of its own, made with initdb in a temporary folder and started
// with pg_ctl on a Unix socket there, when PostgreSQL's programs are
// installed (on PATH, or where Debian puts them, /usr/lib/postgresql/N/bin).
// Run as root, it runs them as the user postgres, since PostgreSQL refuses
// to run as root.
//
// Each test gets a schema of its own (Server.Schema), so tests may run in
// parallel on one server.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvDSN names the environment variable that points the tests at a
// PostgreSQL server, as a postgres:// URL whose user may create schemas.
const EnvDSN = "TAGFEED_TEST_POSTGRES"

// ErrUnavailable is returned by Start when there is no server to use:
// EnvDSN is not set and PostgreSQL's programs are not installed.
var ErrUnavailable = errors.New("pgtest: no PostgreSQL: set " + EnvDSN + " or install PostgreSQL (apt-get install postgresql)")

// Server is a PostgreSQL server for tests.
type Server struct {
	// DSN connects to the server's database as a user that may create
	// schemas.
	DSN string
	// stop stops a cluster Start made; nil for one the environment names.
	stop func() error
}

// Start returns the server EnvDSN names, or starts a throwaway cluster.
// The caller stops it with Stop when its tests are done.
func Start(ctx context.Context) (*Server, error) {
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		return &Server{DSN: dsn}, nil
	}
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	return startCluster(ctx, bin)
}

// Stop stops a cluster Start made and removes its files.
func (s *Server) Stop() error {
	if s.stop == nil {
		return nil
	}
	return s.stop()
}

// Schema creates a schema of its own for a test, dropped when the test
// ends, and returns a DSN whose search_path is that schema.
func (s *Server) Schema(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	var b [6]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(ctx, s.DSN)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		tb.Fatalf("pgtest: create schema: %v", err)
	}
	tb.Cleanup(func() {
		conn, err := pgx.Connect(ctx, s.DSN)
		if err != nil {
			tb.Errorf("pgtest: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+name+` CASCADE`); err != nil {
			tb.Errorf("pgtest: drop schema: %v", err)
		}
	})
	u, err := url.Parse(s.DSN)
	if err != nil {
		tb.Fatalf("pgtest: %s is not a URL: %v", EnvDSN, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// findBin returns the folder of initdb and pg_ctl: PATH's, else the
// newest of Debian's.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(a) - version(b) })
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", ErrUnavailable
}

// version reads N from /usr/lib/postgresql/N/bin.
func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// startCluster makes a cluster in a temporary folder and starts it,
// listening on a Unix socket in that folder only, tuned for tests: no
// fsync.
func startCluster(ctx context.Context, bin string) (*Server, error) {
	dir, err := os.MkdirTemp("", "tagfeed-pg-")
	if err != nil {
		return nil, err
	}
	cred, err := credential()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) error {
		cmd := exec.CommandContext(ctx, filepath.Join(bin, name), args...)
		cmd.Dir = dir
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pgtest: %s: %w\n%s", name, err, out)
		}
		return nil
	}
	if err := run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := strings.Join([]string{"-k", dir, "-c", "listen_addresses=", "-c", "fsync=off",
		"-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"}, " ")
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stop := func() error {
		err := run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
		return errors.Join(err, os.RemoveAll(dir))
	}
	dsn := (&url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/postgres",
		RawQuery: url.Values{"host": {dir}, "sslmode": {"disable"}}.Encode()}).String()
	return &Server{DSN: dsn, stop: stop}, waitReady(ctx, dsn, stop)
}

// waitReady waits for the server to take connections, and stops it if it
// does not within a minute.
func waitReady(ctx context.Context, dsn string, stop func() error) error {
	deadline := time.Now().Add(time.Minute)
	for {
		conn, err := pgx.Connect(ctx, dsn)
		if err == nil {
			return conn.Close(ctx)
		}
		if time.Now().After(deadline) {
			return errors.Join(fmt.Errorf("pgtest: the server did not start: %w", err), stop())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// credential returns who to run PostgreSQL's programs as: nil for the
// user running the tests, the user postgres when that is root.
func credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and there is no user postgres to run PostgreSQL as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}
