package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/tag"
	"go.yaml.in/yaml/v3"
)

// fixtureServer serves the fixture feeds in testdata/feeds with ETags, and
// counts what it answered.
type fixtureServer struct {
	*httptest.Server
	mu     sync.Mutex
	ok     int            // 200 responses
	notMod int            // 304 responses
	paths  map[string]int // requests by path
}

func newFixtureServer(t *testing.T) *fixtureServer {
	t.Helper()
	fs := &fixtureServer{paths: make(map[string]int)}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		fs.paths[r.URL.Path]++
		data, err := os.ReadFile(filepath.Join("testdata", "feeds", filepath.Base(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(data)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			fs.notMod++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fs.ok++
		switch filepath.Ext(r.URL.Path) {
		case ".json":
			w.Header().Set("Content-Type", "application/feed+json")
		default:
			w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		}
		w.Write(data)
	}))
	t.Cleanup(fs.Close)
	return fs
}

// counts returns how many 200 and 304 answers the server gave.
func (fs *fixtureServer) counts() (ok, notModified int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.ok, fs.notMod
}

// requests returns how many requests the server got for path.
func (fs *fixtureServer) requests(path string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.paths[path]
}

// fixtureFeeds are the fixture feeds, one per format.
var fixtureFeeds = []string{"rss2.xml", "atom.xml", "feed.json", "rdf.xml"}

// testConfig is the shipped config.yaml with the shipped seeds and rules,
// a database in a temporary folder and the given feeds instead of the
// live ones.
func testConfig(t *testing.T, feedURLs ...string) *tagfeed.Config {
	t.Helper()
	cfg, err := tagfeed.LoadConfig("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := filepath.Abs("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Database = filepath.Join(t.TempDir(), "tagfeed.db")
	cfg.Seeds = []string{seeds}
	cfg.Feeds = nil
	for _, u := range feedURLs {
		cfg.Feeds = append(cfg.Feeds, tagfeed.FeedConfig{URL: u})
	}
	return cfg
}

// writeConfig writes cfg as a config file and returns its path.
func writeConfig(t *testing.T, cfg *tagfeed.Config) string {
	t.Helper()
	data, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// startMain starts a server for cfg on a free loopback port.
func startMain(t *testing.T, cfg *tagfeed.Config) *Main {
	t.Helper()
	return startMainAs(t, cfg, RoleAll)
}

// newTestApp opens the app for cfg, with the rules of its tags and a log
// that goes nowhere. The caller closes it, or the Main that runs it does.
func newTestApp(t *testing.T, cfg *tagfeed.Config) *app {
	t.Helper()
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newApp(context.Background(), cfg, engine, cfg.Database, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// startMainAs starts a server in a role for cfg on a free loopback port.
func startMainAs(t *testing.T, cfg *tagfeed.Config, role string) *Main {
	t.Helper()
	a := newTestApp(t, cfg)
	m := NewMain(a, "127.0.0.1:0")
	m.Role = role
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return m
}

// waitForFeeds waits until every feed source has been fetched once.
func waitForFeeds(t *testing.T, m *Main) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		sources, err := m.app.store.Sources(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		done := true
		for _, s := range sources {
			if s.Kind == tagfeed.SourceFeed && s.Status.LastAttempt.IsZero() {
				done = false
			}
		}
		if done {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the feeds were not fetched within 20s")
}

// get fetches a URL from the server and returns the status and body.
func get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

// runCLI runs tagfeed with args and returns the exit status and output.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut})
	return code, out.String(), errOut.String()
}

// expectedSeedTags reads the tags each seed must get with the shipped rules.
func expectedSeedTags(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile("../../testdata/expected-tags.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string][]string
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	return want
}

// lockedBuffer is an io.Writer that goroutines may share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
