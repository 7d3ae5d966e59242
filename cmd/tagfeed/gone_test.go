package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// TestGoneFeedIsRevived serves a feed that answers 410 Gone: it is no
// longer fetched, until fetch --force or feeds add of its URL asks for
// it again, and its status says which.
func TestGoneFeedIsRevived(t *testing.T) {
	var gone atomic.Bool
	gone.Store(true)
	feed, err := os.ReadFile("../../fetch/testdata/feeds/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gone.Load() {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	}))
	defer srv.Close()
	url := srv.URL + "/feed.xml"
	path := writeConfig(t, testConfig(t, url))
	state := func() (string, string) {
		t.Helper()
		code, out, errOut := runCLI(t, "", "--config", path, "feeds", "--json")
		if code != 0 {
			t.Fatalf("feeds --json: %s", errOut)
		}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var s sourceJSON
			if err := json.Unmarshal([]byte(line), &s); err != nil {
				t.Fatal(err)
			}
			if s.URL == url {
				return s.State, s.Warning
			}
		}
		t.Fatalf("feeds --json lists no %s:\n%s", url, out)
		return "", ""
	}

	runCLI(t, "", "--config", path, "fetch")
	if st, _ := state(); st != "gone" {
		t.Fatalf("after a 410: state %q, want gone", st)
	}
	gone.Store(false)
	if _, out, _ := runCLI(t, "", "--config", path, "fetch"); !strings.Contains(out, "gone (410)") {
		t.Errorf("a plain fetch of a gone feed printed:\n%s\nwant it left alone", out)
	}
	if _, out, _ := runCLI(t, "", "--config", path, "feeds", "add", url); !strings.Contains(out, "will be fetched again") {
		t.Errorf("feeds add of the gone feed printed %q", out)
	}
	if st, warning := state(); st != "revived" || !strings.Contains(warning, "feeds add") {
		t.Errorf("after feeds add: state %q, warning %q; want revived by feeds add", st, warning)
	}
	if code, out, _ := runCLI(t, "", "--config", path, "fetch"); code != 0 || !strings.Contains(out, "new        "+url) {
		t.Errorf("the fetch after feeds add printed:\n%s\nwant the feed's items new", out)
	}

	gone.Store(true)
	runCLI(t, "", "--config", path, "fetch")
	gone.Store(false)
	if _, out, _ := runCLI(t, "", "--config", path, "fetch", "--force"); !strings.Contains(out, "revived    "+url) {
		t.Errorf("fetch --force of a gone feed printed:\n%s\nwant it revived", out)
	}
	if st, _ := state(); st != "ok" {
		t.Errorf("after fetch --force: state %q, want ok", st)
	}
}
