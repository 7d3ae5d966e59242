package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsageAndConfigErrorsExit2 checks the exit statuses: 2 for a usage
// mistake or an invalid config, 1 when the work cannot be done.
func TestUsageAndConfigErrorsExit2(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(bad, []byte("tags:\n  ai:\n    keywords: [AI]\nfetch:\n  interval: soon\n"), 0o644)
	folder := t.TempDir()
	missingDB := filepath.Join(folder, "missing", "tagfeed.db")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "no command"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"items", "--bogus"}, 2, "bogus"},
		{"tag without input", []string{"--config", "../../config.yaml", "tag"}, 2, "usage"},
		{"export without dir", []string{"--config", "../../config.yaml", "export"}, 2, "usage"},
		{"invalid config", []string{"--config", bad, "fetch"}, 2, bad + ":5: fetch.interval"},
		{"missing config", []string{"--config", "/nonexistent/config.yaml", "fetch"}, 1, "/nonexistent/config.yaml"},
		{"missing tag input", []string{"--config", "../../config.yaml", "tag", "/nonexistent.txt"}, 1, "/nonexistent.txt"},
		{"tag a folder", []string{"--config", "../../config.yaml", "tag", folder}, 1, "tag: read " + folder + ": is a directory\n"},
		{"database in a missing folder", []string{"--config", "../../config.yaml", "--db", missingDB, "items"}, 1, "the folder " + filepath.Dir(missingDB) + " does not exist"},
		{"help", []string{"help"}, 0, ""},
		{"version", []string{"version"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and a message containing %q (stdout %q)", code, errOut, tt.code, tt.want, out)
			}
		})
	}
}

// TestGlobalOptionsAfterTheCommand gives --config, --db and -v after the
// command, as cron lines and systemd units often do.
func TestGlobalOptionsAfterTheCommand(t *testing.T) {
	cfg := testConfig(t)
	path := writeConfig(t, cfg)
	other := filepath.Join(t.TempDir(), "other.db")
	if code, _, errOut := runCLI(t, "", "fetch", "--config", path, "--db="+other, "-v"); code != 0 {
		t.Fatalf("fetch --config FILE --db=FILE -v: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("--db after the command was not used: %v", err)
	}
	if _, err := os.Stat(cfg.Database); err == nil {
		t.Errorf("the config's database %s was created although --db was given", cfg.Database)
	}
	code, out, errOut := runCLI(t, "Trí tuệ nhân tạo", "tag", "--json", "-", "--config", path)
	if code != 0 || !strings.Contains(out, `"ai"`) {
		t.Errorf("tag --json - --config FILE: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "items", "--config"); code != 2 || !strings.Contains(errOut, "config") {
		t.Errorf("items --config without a file: exit %d, stderr %q; want 2 and the flag named", code, errOut)
	}
}

// TestCommandHelp asks each command, and each subcommand with options of
// its own, for its help: it exits 0 with the command's usage line and
// options on stdout, and the usage line names every option the command
// takes, so that "tagfeed help" shows them all.
func TestCommandHelp(t *testing.T) {
	var cmds [][]string
	for _, c := range commands() {
		cmds = append(cmds, []string{c.name})
	}
	cmds = append(cmds, []string{"feeds", "add"})
	for _, cmd := range cmds {
		name := strings.Join(cmd, " ")
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append(cmd, "--help")...)
			if code != 0 || !strings.HasPrefix(out, "Usage: tagfeed "+name) {
				t.Fatalf("%s --help: exit %d, stdout %q, stderr %q; want 0 and its usage", name, code, out, errOut)
			}
			usage, _, _ := strings.Cut(out, "\n")
			for _, line := range strings.Split(out, "\n") {
				flagName, ok := strings.CutPrefix(line, "  -")
				if !ok {
					continue
				}
				flagName, _, _ = strings.Cut(flagName, " ")
				if !strings.Contains(usage, "--"+flagName) {
					t.Errorf("%s takes --%s, which its usage line %q does not name", name, flagName, usage)
				}
			}
		})
	}
}
