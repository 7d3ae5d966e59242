package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// rules is what a run's config takes from the repository's config.yaml:
// its title and language lines and its tags section, as written.
type rules struct {
	head, tags string
}

// readRules reads the title, language and tags of repo's config.yaml.
func readRules(repo string) (rules, error) {
	path := filepath.Join(repo, "config.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		return rules{}, fmt.Errorf("rules: %w", err)
	}
	var r rules
	var tags strings.Builder
	section := ""
	for _, line := range strings.SplitAfter(string(src), "\n") {
		if key, _, ok := strings.Cut(line, ":"); ok && line[0] != ' ' && line[0] != '#' {
			section = key
			if key == "title" || key == "language" {
				r.head += line
			}
		}
		if section == "tags" {
			tags.WriteString(line)
		}
	}
	if tags.Len() == 0 {
		return rules{}, errors.New("rules: " + path + " has no tags section")
	}
	r.tags = tags.String()
	return r, nil
}

// writeConfig writes a run's config to path: the database, the fetch
// settings, the feeds and the rules. It names no seed folder.
func writeConfig(path, dsn string, concurrency int, urls []string, r rules) error {
	var b strings.Builder
	quoted, _ := json.Marshal(dsn) // a JSON string is a YAML double-quoted scalar
	fmt.Fprintf(&b, "# Written by bench/pgscale.\ndatabase: %s\n%s", quoted, r.head)
	fmt.Fprintf(&b, "fetch:\n  concurrency: %d\n  per_host: 2\n  timeout: 20s\nfeeds:\n", concurrency)
	for _, u := range urls {
		fmt.Fprintf(&b, "  - url: %s\n", u)
	}
	b.WriteString(r.tags)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}
