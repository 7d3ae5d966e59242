package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// leaks counts stored items that hold what no item may.
type leaks struct{ passwd, secret int }

// checkItems reads every stored item and counts those with text from
// /etc/passwd or from the private target, and the longest title.
func checkItems(bin, cfg string) (leaks, int, error) {
	r := runner.Run(bin, "--config", cfg, "items", "--json", "--limit", "0")
	if r.Exit != 0 {
		return leaks{}, 0, fmt.Errorf("items --json: exit %d: %s", r.Exit, r.Stderr)
	}
	var l leaks
	longest := 0
	dec := json.NewDecoder(strings.NewReader(r.Stdout))
	for {
		var it json.RawMessage
		if err := dec.Decode(&it); err != nil {
			if errors.Is(err, io.EOF) {
				return l, longest, nil
			}
			return l, 0, fmt.Errorf("items --json: %w", err)
		}
		if bytes.Contains(it, []byte(passwdMarker)) {
			l.passwd++
		}
		if bytes.Contains(it, []byte(secretMarker)) {
			l.secret++
		}
		var t struct{ Title string }
		if json.Unmarshal(it, &t) == nil {
			longest = max(longest, len(t.Title))
		}
	}
}

// writeConfig writes the config: config.yaml's title, language and tags,
// the feeds, and the database in dir. The fetch settings are the defaults.
func writeConfig(rules runner.Rules, dir string, urls []string) (string, error) {
	var b strings.Builder
	b.WriteString("# Written by bench/hostile: config.yaml's tags, the default fetch settings, good and hostile loopback feeds.\n")
	fmt.Fprintf(&b, "database: %q\n%s", filepath.Join(dir, "tagfeed.db"), rules.Head)
	b.WriteString("feeds:\n")
	for _, u := range urls {
		fmt.Fprintf(&b, "  - url: %s\n", u)
	}
	b.WriteString(rules.Tags)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return "", fmt.Errorf("write the config: %w", err)
	}
	return path, nil
}
