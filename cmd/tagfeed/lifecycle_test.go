package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/tag"
	"go.yaml.in/yaml/v3"
)

// TestServeRetagsAfterRulesChange edits a keyword in the config and starts
// serve again: the stored tags follow without a manual command.
func TestServeRetagsAfterRulesChange(t *testing.T) {
	cfg := testConfig(t)
	path := writeConfig(t, cfg)
	if code, _, errOut := runCLI(t, "", "--config", path, "fetch"); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	rule := cfg.Tags["energy"]
	rule.Keywords, rule.Weak = tagfeed.Terms("energy"), nil // drops "năng lượng": no seed is about energy now
	cfg.Tags["energy"] = rule
	path = writeConfig(t, cfg)
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		t.Fatal(err)
	}

	ctx, stop := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, []string{"--config", path, "serve", "--addr", "127.0.0.1:0"}, &env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &lockedBuffer{}})
	}()
	store, err := db.Open(context.Background(), cfg.Database)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if hash, _ := store.RulesHash(context.Background()); hash == engine.RulesHash() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not retag within 20s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop() // as SIGINT does
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("serve exited %d after the signal, want 0", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down within 20s of the signal")
	}
	counts, err := store.TagCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts["energy"] != 0 || counts["semiconductor"] != 5 {
		t.Errorf("tag counts after serve = %v, want no energy items and 5 semiconductor", counts)
	}
}

// TestSeedFolderRescan adds, edits and deletes seed files between rounds:
// new and changed files are picked up, a deleted file's item is kept.
func TestSeedFolderRescan(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Chip mới của Việt Nam\nMột bài về bán dẫn.")
	write("b.txt", "Điện gió ngoài khơi\nMột bài về năng lượng.")
	cfg := testConfig(t)
	cfg.Seeds = []string{dir}
	path := writeConfig(t, cfg)
	fetchLine := func() string {
		code, out, errOut := runCLI(t, "", "--config", path, "fetch")
		if code != 0 {
			t.Fatalf("fetch: exit %d: %s", code, errOut)
		}
		return strings.TrimSpace(out)
	}
	if got := fetchLine(); !strings.Contains(got, "2 new") {
		t.Errorf("first round: %q, want 2 new", got)
	}
	write("a.txt", "Chip mới của Việt Nam\nMột bài về bán dẫn, đã sửa.")
	write("c.txt", "Trí tuệ nhân tạo\nMột bài về AI.")
	os.Remove(filepath.Join(dir, "b.txt"))
	write("garbage.txt", "\x00\x01\x02")
	got := fetchLine()
	for _, want := range []string{"1 new", "1 updated", "garbage.txt", "binary file"} {
		if !strings.Contains(got, want) {
			t.Errorf("second round: %q, want it to say %q", got, want)
		}
	}
	// The garbage file stays: the folder is still rescanned next round,
	// not put off like a failing feed.
	write("d.txt", "Điện mặt trời\nMột bài nữa về năng lượng.")
	if got := fetchLine(); !strings.Contains(got, "1 new") {
		t.Errorf("third round, with the garbage file still there: %q, want 1 new", got)
	}
	_, out, _ := runCLI(t, "", "--config", path, "items", "--json")
	var keys []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var it itemJSON
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, it.Key)
	}
	slices.Sort(keys)
	if want := []string{"a.txt", "b.txt", "c.txt", "d.txt"}; !slices.Equal(keys, want) {
		t.Errorf("stored items %v, want %v (b.txt deleted but kept)", keys, want)
	}
}

// TestFeedsShowsFailingFeed lists a failing feed with its error, and a
// next fetch put off by backoff.
func TestFeedsShowsFailingFeed(t *testing.T) {
	srv := newFixtureServer(t)
	cfg := testConfig(t, srv.URL+"/rss2.xml", srv.URL+"/gone-missing.xml")
	path := writeConfig(t, cfg)
	before := time.Now()
	runCLI(t, "", "--config", path, "fetch")
	runCLI(t, "", "--config", path, "fetch", "--force") // a second failure doubles the wait

	code, out, _ := runCLI(t, "", "--config", path, "feeds", "--json")
	if code != 0 {
		t.Fatalf("feeds --json: exit %d", code)
	}
	var failing *sourceJSON
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var s sourceJSON
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(s.URL, "/gone-missing.xml") {
			failing = &s
		}
	}
	if failing == nil {
		t.Fatalf("feeds --json does not list the failing feed:\n%s", out)
	}
	if failing.State != "failing×2" || failing.HTTPStatus != 404 || !strings.Contains(failing.Error, "404") {
		t.Errorf("failing feed = %+v, want state failing×2 and the 404 error", failing)
	}
	// Two failures: the interval (30m), doubled.
	if failing.NextFetch == nil || failing.NextFetch.Before(before.Add(59*time.Minute)) {
		t.Errorf("next fetch %v, want about an hour after the failures (backoff)", failing.NextFetch)
	}
	_, table, _ := runCLI(t, "", "--config", path, "feeds")
	if !strings.Contains(table, "failing×2") || !strings.Contains(table, "error: fetch "+srv.URL+"/gone-missing.xml: 404") {
		t.Errorf("feeds table does not show the failing feed and its error:\n%s", table)
	}
}

// TestCloseCutsOffStuckRequests holds a request open (its body never
// comes) while the server stops: Close waits for it only as long as it
// allows, then cuts it off rather than leaving it running past the
// database's close.
// TestServeOnAnAddressInUse starts serve on an address another process
// holds: it fails at once, naming the address, and reads no seed folder.
func TestServeOnAnAddressInUse(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	cfg := testConfig(t)
	a := newTestApp(t, cfg)
	defer a.Close()
	err = NewMain(a, taken.Addr().String()).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), taken.Addr().String()) || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("Run on a taken address: %v; want the address named as in use", err)
	}
	if n, err := a.store.Count(context.Background(), tagfeed.Selection{}); err != nil || n != 0 {
		t.Errorf("%d items stored (%v); want none: the seeds were read before the address was taken", n, err)
	}
}

func TestCloseCutsOffStuckRequests(t *testing.T) {
	cfg := testConfig(t)
	a := newTestApp(t, cfg)
	m := NewMain(a, "127.0.0.1:0")
	m.shutdownTimeout = 200 * time.Millisecond
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", m.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /healthz HTTP/1.1\r\nHost: tagfeed\r\nContent-Length: 1000\r\n\r\nonly the start"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the server take the request
	err = m.Close()
	if err == nil || !strings.Contains(err.Error(), "cut off") {
		t.Errorf("Close = %v, want an error saying the stuck request was cut off", err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(conn); err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		t.Error("the stuck connection is still open after Close")
	}
}

// TestSeedFolderIdentity writes the seed folder three ways in the config,
// then moves it: the items stay the same items, with the same ids in the
// feeds, and no source or item is added.
func TestSeedFolderIdentity(t *testing.T) {
	root := t.TempDir()
	seeds := filepath.Join(root, "seeds")
	if err := os.MkdirAll(seeds, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"000_42a1a8f3a73ae819.txt", "001_ca1648dcb2e5787d.txt"} {
		data, err := os.ReadFile(filepath.Join("../../seeds", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(seeds, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := testConfig(t)
	cfg.Database = filepath.Join(root, "tagfeed.db")
	var firstIDs []string
	for i, dir := range []string{"seeds", "./seeds/", seeds, "moved/seeds"} {
		if dir == "moved/seeds" {
			if err := os.MkdirAll(filepath.Join(root, "moved"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(seeds, filepath.Join(root, dir)); err != nil {
				t.Fatal(err)
			}
		}
		cfg.Seeds = []string{dir}
		cfg.Stories.Fold = false // the ids of both seeds, which are one story
		data, err := yaml.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(root, "config.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := runCLI(t, "", "--config", path, "fetch"); code != 0 {
			t.Fatalf("seeds %q: fetch: %s", dir, errOut)
		}
		store, err := openDB(context.Background(), cfg.Database)
		if err != nil {
			t.Fatal(err)
		}
		sources, err := store.Sources(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		store.Close()
		if len(sources) != 1 || sources[0].ItemCount != 2 {
			t.Errorf("seeds %q: sources %+v, want one with 2 items", dir, sources)
		}
		out := filepath.Join(root, fmt.Sprint("export", i))
		if code, _, errOut := runCLI(t, "", "--config", path, "export", out); code != 0 {
			t.Fatalf("export: %s", errOut)
		}
		feed, err := os.ReadFile(filepath.Join(out, "feeds", "all.atom"))
		if err != nil {
			t.Fatal(err)
		}
		ids := regexp.MustCompile(`<id>urn:uuid:[^<]+</id>`).FindAllString(string(feed), -1)
		if firstIDs == nil {
			firstIDs = ids
		} else if !slices.Equal(ids, firstIDs) || len(ids) != 2 {
			t.Errorf("seeds %q: entry ids %q, want %q", dir, ids, firstIDs)
		}
	}
}
