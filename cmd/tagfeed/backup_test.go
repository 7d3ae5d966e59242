package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
)

// TestBackupWhileServing copies the database while serve runs, then opens
// the copy: it holds the seeds, and a second backup to the same name is
// refused rather than overwriting it.
func TestBackupWhileServing(t *testing.T) {
	cfg := testConfig(t)
	path := writeConfig(t, cfg)
	m := startMain(t, cfg)
	if m.URL() == "" {
		t.Fatal("serve is not running")
	}
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	code, out, errOut := runCLI(t, "", "--config", path, "backup", copyPath)
	if code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d: %s %s", code, out, errOut)
	}
	d, err := db.Open(context.Background(), copyPath)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	items, err := d.Items(context.Background(), tagfeed.Selection{})
	d.Close()
	if err != nil || len(items) != 5 {
		t.Errorf("the copy holds %d items, %v; want the 5 seeds", len(items), err)
	}
	if code, _, errOut := runCLI(t, "", "--config", path, "backup", copyPath); code == 0 || !strings.Contains(errOut, "exists") {
		t.Errorf("a backup over an existing file: exit %d, %q; want it refused", code, errOut)
	}
}
