package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/fetch"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/pg"
	"github.com/tagfeed/tagfeed/seed"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

// app is tagfeed with its config loaded, its rules compiled and its
// database open: what every command but tag works on.
type app struct {
	cfg      *tagfeed.Config
	engine   *tag.Engine
	store    store
	fetcher  *fetch.Fetcher   // reads feeds; finds them for feeds add
	pipeline *ingest.Pipeline // reads, tags and stores every source
	log      *slog.Logger
	// sources are the configured sources: the seed folders, then the feeds.
	sources []tagfeed.Source
}

// loadRules loads the config and compiles its tag rules.
func loadRules(g globals) (*tagfeed.Config, *tag.Engine, error) {
	cfg, err := tagfeed.LoadConfig(g.config)
	if err != nil {
		return nil, nil, err
	}
	if g.db != "" {
		cfg.Database = g.db
	}
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		return nil, nil, cfg.Locate(err)
	}
	return cfg, engine, nil
}

// openApp loads the config, opens the database, records the configured
// sources in it and, if the rules changed since the stored tags were made,
// tags every stored item again.
func openApp(ctx context.Context, e *env, g globals) (*app, error) {
	a, err := openStore(ctx, e, g)
	if err != nil {
		return nil, err
	}
	if err := a.retagIfRulesChanged(ctx, e); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// openStore loads the config, opens the database and records the
// configured sources in it, leaving the stored tags as they are.
func openStore(ctx context.Context, e *env, g globals) (*app, error) {
	cfg, engine, err := loadRules(g)
	if err != nil {
		return nil, err
	}
	return newApp(ctx, cfg, engine, dbPath(cfg, g), newLogger(e.stderr, g))
}

// store is what tagfeed keeps its data in: SQLite's db.DB, or
// PostgreSQL's pg.Store.
type store interface {
	tagfeed.Store
	tagfeed.StoryStore
	tagfeed.ArticleStore
}

// openDB opens the database at path, a SQLite file or a postgres:// URL,
// searched as the tag rules read text.
func openDB(ctx context.Context, path string) (store, error) {
	if tagfeed.IsPostgresURL(path) {
		s, err := pg.Open(ctx, path, pg.Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	d, err := db.OpenWith(ctx, path, db.Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// newApp opens the database at path and records the configured sources.
func newApp(ctx context.Context, cfg *tagfeed.Config, engine *tag.Engine, path string, log *slog.Logger) (*app, error) {
	store, err := openDB(ctx, path)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, engine: engine, store: store, log: log}
	a.fetcher = fetch.New(cfg)
	seeds := &seed.Reader{Path: cfg.Path, Fingerprints: store.Fingerprints, Interval: cfg.Fetch.Interval}
	a.pipeline = ingest.New(cfg, store, engine, map[tagfeed.SourceKind]tagfeed.SourceReader{
		tagfeed.SourceFeed: a.fetcher, tagfeed.SourceSeed: seeds,
	}, log)
	a.pipeline.GroupStories(story.NewGrouper(store, cfg.Stories, tag.Normalize))
	a.pipeline.ReadFullText(a.fetcher, store)
	if err := a.syncSources(ctx); err != nil {
		store.Close()
		return nil, err
	}
	return a, nil
}

// dbPath is --db as given, else the config's database: a file beside
// the config, or a postgres:// URL.
func dbPath(cfg *tagfeed.Config, g globals) string {
	if g.db != "" {
		return g.db
	}
	if tagfeed.IsPostgresURL(cfg.Database) {
		return cfg.Database
	}
	return cfg.Path(cfg.Database)
}

// newLogger logs to w: errors only for one-shot commands, whose output
// already says what happened; more with -v; serve raises it to info.
func newLogger(w io.Writer, g globals) *slog.Logger {
	level := slog.LevelError
	if g.verbose {
		level = slog.LevelDebug
	} else if g.serving {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

func (a *app) Close() error {
	return a.store.Close()
}

// syncSources makes sure every configured seed folder and feed is a source
// in the database, and remembers them in config order. Sources no longer
// in the config keep their items but are not fetched. A seed folder is
// known by its name: written another way or moved, it is the source it
// was, with its items, not a new one.
func (a *app) syncSources(ctx context.Context) error {
	a.sources = a.sources[:0]
	stored, err := a.store.Sources(ctx)
	if err != nil {
		return err
	}
	for _, dir := range a.cfg.Seeds {
		folder := a.cfg.SeedFolder(dir)
		if err := a.followSeedFolder(ctx, stored, folder); err != nil {
			return err
		}
		src, err := a.store.EnsureSource(ctx, tagfeed.SourceSeed, folder, "Seed articles in "+folder)
		if err != nil {
			return err
		}
		a.sources = append(a.sources, src)
	}
	specs := make([]tagfeed.SourceSpec, len(a.cfg.Feeds))
	for i, f := range a.cfg.Feeds {
		specs[i] = tagfeed.SourceSpec{Kind: tagfeed.SourceFeed, URL: f.URL, Title: f.Title}
	}
	feeds, err := a.store.EnsureSources(ctx, specs)
	if err != nil {
		return err
	}
	a.sources = append(a.sources, feeds...)
	return nil
}

// followSeedFolder moves the stored seed source of the same name as folder
// to it, if there is one and none is stored at folder itself.
func (a *app) followSeedFolder(ctx context.Context, stored []tagfeed.Source, folder string) error {
	var match *tagfeed.Source
	for i, s := range stored {
		if s.Kind != tagfeed.SourceSeed {
			continue
		}
		if s.URL == folder {
			return nil
		}
		if path.Base(s.URL) == path.Base(folder) {
			match = &stored[i]
		}
	}
	if match == nil {
		return nil
	}
	a.log.Info("seed folder moved", "from", match.URL, "to", folder)
	return a.store.MoveSource(ctx, match.ID, folder)
}

// retagIfRulesChanged tags every stored item again when the rules differ
// from those the stored tags were made with, showing progress on a
// terminal.
func (a *app) retagIfRulesChanged(ctx context.Context, e *env) error {
	stored, err := a.store.RulesHash(ctx)
	if err != nil {
		return err
	}
	if stored == a.engine.RulesHash() {
		return nil
	}
	opts := tagfeed.RetagOptions{Progress: progressPrinter(e.stderr, "retagging: the rules changed")}
	report, err := ingest.Retag(ctx, a.store, a.engine.Tag, opts)
	if err != nil {
		return fmt.Errorf("retag after a rules change: %w", err)
	}
	if report.Items > 0 {
		a.log.Info("rules changed: stored items tagged again", "items", report.Items, "changed", report.Changed)
	}
	return a.store.SetRulesHash(ctx, a.engine.RulesHash())
}

// progressPrinter returns a Progress function that keeps one line up to
// date on a terminal, and nil elsewhere.
func progressPrinter(w io.Writer, what string) func(done, total int) {
	if !isTerminal(w) {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(w, "\r%s: %d/%d items", what, done, total)
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}
