package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
)

func TestTagCommandSeeds(t *testing.T) {
	files, _ := filepath.Glob("../../seeds/*.txt")
	if len(files) != 5 {
		t.Fatalf("found %d seed files, want 5", len(files))
	}
	code, out, errOut := runCLI(t, "", append([]string{"--config", "../../config.yaml", "tag", "--json"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := expectedSeedTags(t)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(files) {
		t.Fatalf("got %d lines, want one per input:\n%s", len(lines), out)
	}
	for _, line := range lines {
		var r tagResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad JSON %q: %v", line, err)
		}
		if exp := want[filepath.Base(r.Input)]; !slices.Equal(r.Tags, exp) {
			t.Errorf("%s: tags %v, want %v", r.Input, r.Tags, exp)
		}
		for _, ev := range r.Explain {
			if len(ev.Matches) == 0 || ev.Score < 1 {
				t.Errorf("%s: tag %s comes without an explanation: %+v", r.Input, ev.Tag, ev)
			}
		}
	}
}

func TestTagCommandStdin(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Ai Cập đầu tư vào năng lượng tái tạo", []string{"energy"}},
		{"Ai sẽ dẫn đầu cuộc đua trí tuệ nhân tạo?", []string{"ai"}},
		{"Nothing to see here.", []string{}},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.text, "--config", "../../config.yaml", "tag", "--json", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var r tagResult
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("bad JSON %q: %v", out, err)
		}
		if r.Input != "-" || !slices.Equal(r.Tags, tt.want) {
			t.Errorf("%q: got %+v, want tags %v", tt.text, r, tt.want)
		}
	}
	code, out, _ := runCLI(t, "Trí tuệ nhân tạo và chip", "--config", "../../config.yaml", "tag", "-")
	if code != 0 || !strings.Contains(out, "ai") || !strings.Contains(out, `"trí tuệ nhân tạo"`) {
		t.Errorf("plain output (exit %d) does not explain the match:\n%s", code, out)
	}
}

// TestFetchTwice runs two rounds: the second gets 304s and changes no row.
func TestFetchTwice(t *testing.T) {
	srv := newFixtureServer(t)
	var urls []string
	for _, f := range fixtureFeeds {
		urls = append(urls, srv.URL+"/"+f)
	}
	urls = append(urls, srv.URL+"/missing.xml") // fails, alone
	cfg := testConfig(t, urls...)
	path := writeConfig(t, cfg)

	code, out, errOut := runCLI(t, "", "--config", path, "fetch")
	if code != 0 {
		t.Fatalf("first round: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+len(urls) {
		t.Errorf("first round printed %d lines, want one per source (%d):\n%s", len(lines), 1+len(urls), out)
	}
	for i, want := range []string{"new", "new", "new", "new", "new", "error"} {
		if i < len(lines) && !strings.HasPrefix(lines[i], want) {
			t.Errorf("first round line %d = %q, want it to start %q", i, lines[i], want)
		}
	}
	first := rowCounts(t, cfg.Database)
	okBefore, _ := srv.counts()

	code, out, errOut = runCLI(t, "", "--config", path, "fetch")
	if code != 0 {
		t.Fatalf("second round: exit %d: %s", code, errOut)
	}
	if second := rowCounts(t, cfg.Database); second != first {
		t.Errorf("row counts changed: first %+v, second %+v", first, second)
	}
	ok, notModified := srv.counts()
	if ok != okBefore || notModified != len(fixtureFeeds) {
		t.Errorf("second round: %d full responses and %d 304s, want 0 and %d", ok-okBefore, notModified, len(fixtureFeeds))
	}
	if n := strings.Count("\n"+out, "\nunchanged "); n != 1+len(fixtureFeeds) {
		t.Errorf("second round: %d unchanged lines, want %d:\n%s", n, 1+len(fixtureFeeds), out)
	}
	// The failing feed backs off: the second round leaves it alone and
	// says so; --force fetches it anyway.
	if n := srv.requests("/missing.xml"); n != 1 {
		t.Errorf("the failing feed was requested %d times in two rounds, want once (it is backing off)", n)
	}
	if !strings.Contains(out, "missing.xml : backing off after 1 failure until") {
		t.Errorf("second round does not say the failing feed is backing off:\n%s", out)
	}
	if code, _, errOut := runCLI(t, "", "--config", path, "fetch", "--force"); code != 0 {
		t.Fatalf("fetch --force: exit %d: %s", code, errOut)
	}
	if n := srv.requests("/missing.xml"); n != 2 {
		t.Errorf("fetch --force requested the failing feed %d times in all, want 2", n)
	}
}

func rowCounts(t *testing.T, path string) db.RowCounts {
	t.Helper()
	store, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRulesChangeRetags edits a keyword in the config: the next command
// that opens the database (serve or fetch) retags the stored items, and
// retag --dry-run previews a change without applying it.
func TestRulesChangeRetags(t *testing.T) {
	cfg := testConfig(t)
	path := writeConfig(t, cfg)
	if code, _, errOut := runCLI(t, "", "--config", path, "fetch"); code != 0 {
		t.Fatalf("fetch: %s", errOut)
	}
	nicItems := func() []string {
		code, out, errOut := runCLI(t, "", "--config", path, "items", "--tag", "nic", "--json")
		if code != 0 {
			t.Fatalf("items: exit %d: %s", code, errOut)
		}
		var keys []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var it itemJSON
			if line == "" {
				continue
			}
			if err := json.Unmarshal([]byte(line), &it); err != nil {
				t.Fatal(err)
			}
			if len(it.Explain) == 0 {
				t.Errorf("items --json: %s has no explanation", it.Key)
			}
			if it.SourceURL == "" || it.Source == "" || it.Content == "" || it.Summary == "" || it.FirstSeen.IsZero() {
				t.Errorf("items --json: %s lacks what a script needs: source %q at %q, summary %d bytes, content %d bytes, first seen %v",
					it.Key, it.Source, it.SourceURL, len(it.Summary), len(it.Content), it.FirstSeen)
			}
			keys = append(keys, it.Key)
		}
		slices.Sort(keys)
		return keys
	}
	if got := nicItems(); len(got) != 3 {
		t.Fatalf("nic items before the change = %v, want 3", got)
	}

	// Preview a rule that drops the acronym: seed 000 keeps the full name.
	rule := cfg.Tags["nic"]
	rule.CaseSensitive = nil
	rule.Keywords = tagfeed.Terms("Trung tâm Đổi mới sáng tạo Quốc gia")
	cfg.Tags["nic"] = rule
	path = writeConfig(t, cfg)
	code, out, errOut := runCLI(t, "", "--config", path, "retag", "--dry-run")
	if code != 0 {
		t.Fatalf("retag --dry-run: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "would change") {
		t.Errorf("dry run output does not preview:\n%s", out)
	}
	// items opens the database as serve and fetch do, so it applies the
	// new rules first; the full name still tags all three.
	if got := nicItems(); len(got) != 3 {
		t.Errorf("nic items after the rule change = %v, want all 3 still tagged by name", got)
	}

	rule.Keywords = tagfeed.Terms("National Innovation Centre")
	cfg.Tags["nic"] = rule
	path = writeConfig(t, cfg)
	if got := nicItems(); len(got) != 0 {
		t.Errorf("nic items after dropping the Vietnamese name = %v, want none", got)
	}
	// The items that lost the tag show up as updated.
	_, out, _ = runCLI(t, "", "--config", path, "items", "--json")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var it itemJSON
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatal(err)
		}
		retagged := it.Key == "000_42a1a8f3a73ae819.txt" || it.Key == "002_8f2edd54ac70151b.txt" || it.Key == "003_32ddaf3905087ba4.txt"
		if got := it.Updated.After(it.FirstSeen); got != retagged {
			t.Errorf("%s: updated %v after first seen %v is %v, want %v", it.Key, it.Updated, it.FirstSeen, got, retagged)
		}
	}
}

func TestFeedsCommands(t *testing.T) {
	srv := newFixtureServer(t)
	cfg := testConfig(t, srv.URL+"/rss2.xml")
	path := writeConfig(t, cfg)
	runCLI(t, "", "--config", path, "fetch")

	code, out, errOut := runCLI(t, "", "--config", path, "feeds")
	if code != 0 || !strings.Contains(out, srv.URL+"/rss2.xml") || !strings.Contains(out, "ok") {
		t.Errorf("feeds: exit %d %s\n%s", code, errOut, out)
	}

	code, out, errOut = runCLI(t, "", "--config", path, "feeds", "add", srv.URL+"/atom.xml")
	if code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("feeds add: exit %d %s %s", code, out, errOut)
	}
	loaded, err := tagfeed.LoadConfig(path)
	if err != nil || len(loaded.Feeds) != 2 || loaded.Feeds[1].URL != srv.URL+"/atom.xml" {
		t.Errorf("after feeds add the config has %+v (err %v)", loaded.Feeds, err)
	}

	code, out, _ = runCLI(t, "", "--config", path, "feeds", "export")
	if code != 0 || !strings.Contains(out, "<opml") || !strings.Contains(out, srv.URL+"/atom.xml") {
		t.Fatalf("feeds export: exit %d\n%s", code, out)
	}
	opml := filepath.Join(t.TempDir(), "export.opml")
	os.WriteFile(opml, []byte(strings.ReplaceAll(out, "atom.xml", "feed.json")), 0o644)
	code, out, errOut = runCLI(t, "", "--config", path, "feeds", "import", opml)
	if code != 0 || !strings.Contains(out, "added 1 of the 2") {
		t.Errorf("feeds import: exit %d %s %s", code, out, errOut)
	}

	code, out, _ = runCLI(t, "", "--config", path, "feeds", "--json")
	if code != 0 || strings.Count(out, "\n") != 4 {
		t.Errorf("feeds --json: want 4 sources (seeds + 3 feeds):\n%s", out)
	}
}

func TestExportCommand(t *testing.T) {
	cfg := testConfig(t)
	path := writeConfig(t, cfg)
	runCLI(t, "", "--config", path, "fetch")
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "", "--config", path, "export", dir); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	for _, f := range []string{"index.html", "feeds.opml", "feeds/nic.atom", "feeds/all.rss", "feeds/ai.json"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Size() == 0 {
			t.Errorf("export did not write %s: %v", f, err)
		}
	}
}
