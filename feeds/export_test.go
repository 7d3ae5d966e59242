package feeds_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tagfeed/tagfeed/feeds"
)

// TestExportIsTheServersTwin exports the site and wants every file to be
// byte for byte what the server answers at the same path.
func TestExportIsTheServersTwin(t *testing.T) {
	ts, srv := newTestServerOf(t)
	dir := t.TempDir()
	if err := srv.Export(context.Background(), dir); err != nil {
		t.Fatalf("Export: %v", err)
	}
	var want []string
	for _, topic := range []string{"ai", "energy", "nic", "semiconductor", "all"} {
		for _, ext := range []string{"atom", "json", "rss"} {
			want = append(want, "feeds/"+topic+"."+ext)
		}
	}
	want = append(want, "feeds.opml", "index.html", "static/style.css")
	var got []string
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("exported files:\ngot  %q\nwant %q", got, want)
	}
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		_, served := get(t, "GET", ts.URL+"/"+name, nil)
		if string(data) != served {
			t.Errorf("%s differs from what the server answers", name)
		}
	}
}

func TestExportRewrites(t *testing.T) {
	d := openStore(t)
	dir := t.TempDir()
	ctx := context.Background()
	if err := feeds.NewServer(testConfig(), d, nil).Export(ctx, dir); err != nil {
		t.Fatalf("Export of an empty store: %v", err)
	}
	before, err := os.ReadFile(filepath.Join(dir, "feeds", "nic.atom"))
	if err != nil {
		t.Fatal(err)
	}
	fillStore(t, d)
	if err := feeds.NewServer(testConfig(), d, nil).Export(ctx, dir); err != nil {
		t.Fatalf("second Export: %v", err)
	}
	after, err := os.ReadFile(filepath.Join(dir, "feeds", "nic.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if string(before) == string(after) {
		t.Error("nic.atom was not rewritten with the new items")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "feeds", ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}
