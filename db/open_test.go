package db

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenErrors opens databases where none can be: each error names the
// path and says what is wrong, where SQLite says only that it cannot
// open the file.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	junk := filepath.Join(dir, "junk.db")
	for path, data := range map[string]string{file: "text", junk: "SQLite format 3\x00 and then nothing a database has"} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, path, want string
	}{
		{"no path", "", "a database file path is required"},
		{"missing folder", filepath.Join(dir, "missing", "tagfeed.db"), "the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{"folder is a file", filepath.Join(file, "tagfeed.db"), file + " is a file, not a folder"},
		{"a folder", dir, dir + " is a folder, not a database file"},
		{"not a database", junk, "file is not a database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Open(context.Background(), tt.path)
			if err == nil {
				d.Close()
				t.Fatalf("Open(%q) succeeded", tt.path)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("Open(%q): %v; want it to name the path and say %q", tt.path, err, tt.want)
			}
		})
	}
}
