package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed/pg/pgtest"
)

// TestPostgresDatabase runs tagfeed on PostgreSQL: database: postgres://…
// selects it. fetch stores what it stores in SQLite, a second round
// changes nothing, serve answers searches from it, and backup says to use
// pg_dump.
func TestPostgresDatabase(t *testing.T) {
	srv, err := pgtest.Start(context.Background())
	if errors.Is(err, pgtest.ErrUnavailable) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	feeds := newFixtureServer(t)
	var urls []string
	for _, f := range fixtureFeeds {
		urls = append(urls, feeds.URL+"/"+f)
	}
	onSQLite := testConfig(t, urls...)
	onPostgres := testConfig(t, urls...)
	onPostgres.Database = srv.Schema(t)

	stored := map[string][]string{}
	for _, cfg := range []struct {
		name string
		path string
	}{{"sqlite", writeConfig(t, onSQLite)}, {"postgres", writeConfig(t, onPostgres)}} {
		if code, _, errOut := runCLI(t, "", "--config", cfg.path, "fetch"); code != 0 {
			t.Fatalf("%s: fetch: exit %d: %s", cfg.name, code, errOut)
		}
		stored[cfg.name] = storedItems(t, cfg.path)
	}
	if len(stored["postgres"]) == 0 || !slices.Equal(stored["postgres"], stored["sqlite"]) {
		t.Errorf("PostgreSQL stored\n%s\nSQLite stored\n%s", strings.Join(stored["postgres"], "\n"), strings.Join(stored["sqlite"], "\n"))
	}

	path := writeConfig(t, onPostgres)
	code, out, errOut := runCLI(t, "", "--config", path, "fetch")
	if n := strings.Count("\n"+out, "\nunchanged "); code != 0 || n != 1+len(fixtureFeeds) {
		t.Errorf("second round: exit %d, %d unchanged sources, want all %d:\n%s%s", code, n, 1+len(fixtureFeeds), out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "--config", path, "backup", t.TempDir()+"/copy.db"); code != 1 || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup: exit %d, %q; want 1 and a word on pg_dump", code, errOut)
	}

	m := startMain(t, onPostgres)
	resp, err := http.Get(m.URL() + "/search.json?q=ban+dan")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var feed struct{ Items []struct{ Title string } }
	if err := json.Unmarshal(body, &feed); resp.StatusCode != 200 || err != nil || len(feed.Items) == 0 {
		t.Errorf("search on PostgreSQL: %d, %v, %d items: %.300s", resp.StatusCode, err, len(feed.Items), body)
	}
}

// storedItems lists the stored items as `items --json` prints them: each
// one's title and tags, sorted.
func storedItems(t *testing.T, config string) []string {
	t.Helper()
	code, out, errOut := runCLI(t, "", "--config", config, "items", "--json", "--limit", "1000")
	if code != 0 {
		t.Fatalf("items: exit %d: %s", code, errOut)
	}
	var lines []string
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var it struct {
			Title string   `json:"title"`
			Tags  []string `json:"tags"`
		}
		if err := dec.Decode(&it); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, it.Title+" "+strings.Join(it.Tags, ","))
	}
	slices.Sort(lines)
	return lines
}
