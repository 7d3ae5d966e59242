// Package migrations reads the numbered schema changes that each store
// embeds: files named 0001_what.sql, 0002_what.sql and so on. Both stores
// (package db for SQLite, package pg for PostgreSQL) number and read
// their migrations by this one rule; each applies them in its own dialect
// and records the version as its engine allows.
package migrations

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Migration is one numbered schema change.
type Migration struct {
	// Version is its number, counted from 1.
	Version int
	// Name is its file's name, such as 0003_evidence.sql.
	Name string
	// SQL is the statements it runs.
	SQL string
}

// Read returns the migrations of fsys that match pattern, in order,
// checking that they are numbered 1, 2, 3… without gaps, so that a
// misnamed file is an error rather than a change that never runs.
func Read(fsys fs.FS, pattern string) ([]Migration, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("migrations %s: %w", pattern, err)
	}
	ms := make([]Migration, 0, len(names))
	for i, name := range names { // fs.Glob sorts
		base := path.Base(name)
		prefix, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(prefix)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		text, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", base, err)
		}
		ms = append(ms, Migration{Version: v, Name: base, SQL: string(text)})
	}
	return ms, nil
}
