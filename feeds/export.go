package feeds

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Export writes the static twin of the server into dir: every topic's feed,
// AllTopic's included, in every format as dir/feeds/{topic}.{rss,atom,json}
// (the newest DefaultLimit items each), dir/feeds.opml, dir/index.html and
// dir/static/style.css. Each file is replaced whole, so a web server
// serving dir never sees a half-written one. The index links from the
// site's root, so dir is meant to be served at one.
func (s *Server) Export(ctx context.Context, dir string) error {
	cfg, store := s.cfg, s.store
	files := map[string]func(context.Context) ([]byte, error){}
	for _, t := range Topics(cfg) {
		for _, f := range Formats() {
			files[t.FeedPath(f)] = func(ctx context.Context) ([]byte, error) {
				var buf bytes.Buffer
				err := renderTopic(ctx, &buf, store, f, t, DefaultLimit, s.now)
				return buf.Bytes(), err
			}
		}
	}
	files["feeds.opml"] = func(context.Context) ([]byte, error) {
		var buf bytes.Buffer
		err := WriteTopicsOPML(&buf, Topics(cfg))
		return buf.Bytes(), err
	}
	files["index.html"] = func(ctx context.Context) ([]byte, error) {
		data, err := s.loadIndex(ctx)
		if err != nil {
			return nil, err
		}
		return renderPage("index.html", page{Site: siteName(cfg.Title), Title: siteName(cfg.Title), Data: data})
	}
	files["static/style.css"] = func(context.Context) ([]byte, error) {
		return templateFS.ReadFile("templates/style.css")
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data, err := files[name](ctx)
		if err != nil {
			return fmt.Errorf("feeds: export %s: %w", name, err)
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("feeds: export: %w", err)
		}
		if err := writeFile(path, data); err != nil {
			return err
		}
	}
	return nil
}

// writeFile replaces path with data through a temporary file, synced, and
// a rename.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("feeds: export: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("feeds: export %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("feeds: export %s: %w", path, err)
	}
	// On disk before the rename, so that a crash leaves the old file or
	// the new one, never an empty one in its place.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("feeds: export %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("feeds: export %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("feeds: export %s: %w", path, err)
	}
	return nil
}
