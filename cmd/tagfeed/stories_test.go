package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedStories reads the shipped seeds and checks their stories, as
// items --json shows them: 000, 001 and 002 report the first Vietnam–US
// economic dialogue; 003, an earlier meeting in November 2023, and 004, a
// 2025 meeting, are stories of their own.
func TestSeedStories(t *testing.T) {
	cfg := testConfig(t)
	path := writeConfig(t, cfg)
	dbFile := filepath.Join(t.TempDir(), "stories.db")
	if code, _, stderr := runCLI(t, "", "--config", path, "--db", dbFile, "fetch"); code != 0 {
		t.Fatalf("fetch: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "", "--config", path, "--db", dbFile, "items", "--json")
	if code != 0 {
		t.Fatalf("items --json: exit %d: %s", code, stderr)
	}
	story := map[string]storyJSON{} // by seed number
	for line := range strings.SplitSeq(strings.TrimSpace(stdout), "\n") {
		var it itemJSON
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatalf("items --json line %q: %v", line, err)
		}
		if it.Story == nil {
			t.Fatalf("%s: no story", it.Key)
		}
		story[it.Key[:3]] = *it.Story
	}
	if len(story) != 5 {
		t.Fatalf("read %d seeds, want 5: %v", len(story), story)
	}
	if story["001"].ID != story["000"].ID || story["002"].ID != story["000"].ID {
		t.Errorf("000, 001 and 002: stories %d, %d and %d, want one", story["000"].ID, story["001"].ID, story["002"].ID)
	}
	for _, own := range []string{"003", "004"} {
		for other, s := range story {
			if other != own && s.ID == story[own].ID {
				t.Errorf("%s shares story %d with %s, want a story of its own", own, s.ID, other)
			}
		}
	}
	if s := story["001"]; s.Match == 0 || s.Similarity <= 0 {
		t.Errorf("001 joined its story without saying why: %+v", s)
	}
}
