package feeds

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/tagfeed/tagfeed"
)

// renderTopic renders the topic's newest items, at most limit. sources are
// read from the store when nil. A feed with no dated item is dated by the
// last fetch of any source, else by now().
func renderTopic(ctx context.Context, w io.Writer, store tagfeed.Store, f Format, t Topic, limit int, sources []tagfeed.Source, now func() time.Time) error {
	tag := t.Name
	if tag == AllTopic {
		tag = ""
	}
	items, err := store.Items(ctx, tagfeed.ItemQuery{Tag: tag, Limit: limit})
	if err != nil {
		return fmt.Errorf("feeds: items of %s: %w", t.Name, err)
	}
	if sources == nil {
		if sources, err = store.Sources(ctx); err != nil {
			return fmt.Errorf("feeds: sources: %w", err)
		}
	}
	if t.Updated.IsZero() {
		t.Updated = lastFetch(sources)
	}
	if t.Updated.IsZero() {
		t.Updated = now()
	}
	return newFeedDoc(t, items, sources).write(w, f)
}

// lastFetch returns the time of the latest fetch of any source.
func lastFetch(sources []tagfeed.Source) time.Time {
	var last time.Time
	for _, s := range sources {
		last = latest(last, s.Status.LastAttempt)
	}
	return last
}

// Export writes the static twin of the server into dir: every topic's feed,
// AllTopic's included, in every format as dir/feeds/{topic}.{rss,atom,json}
// (the newest DefaultLimit items each), dir/feeds.opml and dir/index.html.
// Each file is replaced whole, so a web server serving dir never sees a
// half-written one.
func Export(ctx context.Context, cfg *tagfeed.Config, store tagfeed.Store, dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "feeds"), 0o755); err != nil {
		return fmt.Errorf("feeds: export: %w", err)
	}
	sources, err := store.Sources(ctx)
	if err != nil {
		return fmt.Errorf("feeds: export: sources: %w", err)
	}
	topics := Topics(cfg)
	for _, t := range topics {
		for _, f := range Formats() {
			var buf bytes.Buffer
			if err := renderTopic(ctx, &buf, store, f, t, DefaultLimit, sources, time.Now); err != nil {
				return fmt.Errorf("feeds: export: %w", err)
			}
			if err := writeFile(filepath.Join(dir, filepath.FromSlash(t.FeedPath(f))), buf.Bytes()); err != nil {
				return err
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteTopicsOPML(&buf, topics); err != nil {
		return fmt.Errorf("feeds: export: %w", err)
	}
	if err := writeFile(filepath.Join(dir, "feeds.opml"), buf.Bytes()); err != nil {
		return err
	}
	idx, err := LoadIndex(ctx, cfg, store, LatestPerTopic)
	if err != nil {
		return fmt.Errorf("feeds: export: %w", err)
	}
	buf.Reset()
	if err := RenderIndex(&buf, idx); err != nil {
		return fmt.Errorf("feeds: export: %w", err)
	}
	return writeFile(filepath.Join(dir, "index.html"), buf.Bytes())
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
