package db

import (
	"context"
	"database/sql"
	"maps"
	"path/filepath"
	"slices"
	"testing"
)

func TestMigrationsApplyOnceAndRecordVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	ms, err := readMigrations()
	if err != nil {
		t.Fatalf("migrations: %v", err)
	}
	for round := 1; round <= 2; round++ {
		d, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", round, err)
		}
		var v int
		if err := d.r.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
			t.Fatalf("user_version: %v", err)
		}
		if v != len(ms) {
			t.Errorf("open %d: user_version = %d, want %d", round, v, len(ms))
		}
		if round == 1 {
			mustSave(t, d, mustSource(t, d, "https://example.org/rss"), item("a", "A"))
		}
		c, err := d.Counts(ctx)
		if err != nil {
			t.Fatalf("Counts: %v", err)
		}
		if c.Items != 1 {
			t.Errorf("open %d: %d items, want 1 (reopening must keep data)", round, c.Items)
		}
		if err := d.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	d, _ := MustOpen(t)
	tests := []struct {
		pragma string
		want   string
	}{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
		{"synchronous", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.pragma, func(t *testing.T) {
			var got string
			if err := d.w.QueryRow("PRAGMA " + tt.pragma).Scan(&got); err != nil {
				t.Fatalf("writer: %v", err)
			}
			if got != tt.want {
				t.Errorf("writer %s = %q, want %q", tt.pragma, got, tt.want)
			}
		})
	}
	var ro string
	if err := d.r.QueryRow("PRAGMA query_only").Scan(&ro); err != nil || ro != "1" {
		t.Errorf("reader query_only = %q (%v), want 1", ro, err)
	}
	var mmap int64
	if err := d.r.QueryRow("PRAGMA mmap_size").Scan(&mmap); err != nil || mmap != 0 {
		t.Errorf("reader mmap_size = %d (%v), want 0: a mapping is dropped at every write (see readerParams)", mmap, err)
	}
	if _, err := d.r.Exec(`INSERT INTO meta (key, value) VALUES ('x', 'y')`); err == nil {
		t.Error("a write through the read pool succeeded; want it refused")
	}
}

func TestOpenPathWithURICharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd ?name#%.db")
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	defer d.Close()
	var file string
	if err := d.w.QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&file); err != nil {
		t.Fatal(err)
	}
	if file != path {
		t.Errorf("database file = %q, want %q", file, path)
	}
}

// TestMigrationCountsExistingRows opens a database made by migration 0001
// alone, with rows in it: migration 0002 must count them, and its triggers
// keep counting, even through a delete that cascades to the tags.
func TestMigrationCountsExistingRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := readMigrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+escapePath(path)+"?"+writerParams)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	if err := apply(ctx, raw, ms[0]); err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`
		INSERT INTO sources (id, kind, url, created) VALUES (1, 'feed', 'https://a.example/rss', 0), (2, 'seed', 'seeds', 0);
		INSERT INTO items (id, source_id, key, published, updated, first_seen, content_hash)
			VALUES (1, 1, 'a', 0, 0, 0, ''), (2, 1, 'b', 0, 0, 0, ''), (3, 2, 'c', 0, 0, 0, '');
		INSERT INTO item_tags (item_id, tag, score, published) VALUES (1, 'ai', 1, 0), (2, 'ai', 1, 0), (2, 'nic', 1, 0);`)
	if err != nil {
		t.Fatal(err)
	}
	raw.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	check := func(when string, wantTags map[string]int, wantSources []int) {
		t.Helper()
		tags, err := d.TagCounts(ctx)
		if err != nil || !maps.Equal(tags, wantTags) {
			t.Errorf("%s: TagCounts = %v, %v; want %v", when, tags, err, wantTags)
		}
		srcs, err := d.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, s := range srcs {
			got = append(got, s.ItemCount)
		}
		if !slices.Equal(got, wantSources) {
			t.Errorf("%s: item counts per source = %v, want %v", when, got, wantSources)
		}
		checkInvariants(t, d)
	}
	check("after migrating", map[string]int{"ai": 2, "nic": 1}, []int{2, 1})
	// tagfeed never deletes items, but the counts must survive it.
	if _, err := d.w.Exec(`DELETE FROM items WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	check("after a delete", map[string]int{"ai": 1}, []int{1, 1})
}
