// Command fill makes a fresh tagfeed database for the serving benchmark:
// -items items from -sources live-feed sources, Vietnamese and English,
// dated over the last -days days, tagged by the rules of -config as tagfeed
// itself tags them, and searchable as tagfeed searches (the search forms
// of package tag). The same flags give the same items.
//
//	go run ./bench/serve/fill -db /tmp/bench.db -items 100000 -sources 5000
//
// It records the rules' hash as tagfeed does, so that `tagfeed serve`
// with the same config starts serving at once instead of tagging every
// item again. The sources are not in the config: serve lists them but
// never fetches them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/bench/serve/internal/words"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/tag"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "fill:", err)
		os.Exit(1)
	}
}

type options struct {
	path        string
	config      string
	items       int
	sources     int
	days        int
	seed        uint64
	untagged    float64
	second      float64
	withContent float64
	force       bool
	cpuprofile  string
}

func run() error {
	var o options
	flag.StringVar(&o.path, "db", "", "the database `FILE` to create (required)")
	flag.StringVar(&o.config, "config", "config.yaml", "the tagfeed config whose tag rules tag the items")
	flag.IntVar(&o.items, "items", 100_000, "how many items")
	flag.IntVar(&o.sources, "sources", 5_000, "how many sources the items are spread over")
	flag.IntVar(&o.days, "days", 60, "items are dated over this many days up to now")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed gives the same items")
	flag.Float64Var(&o.untagged, "untagged", 0.2, "share of the items that carry no topic")
	flag.Float64Var(&o.second, "second", 0.15, "share of the tagged items that carry a second topic")
	flag.Float64Var(&o.withContent, "content", 0.5, "share of the items that carry content besides their summary")
	flag.BoolVar(&o.force, "force", false, "replace the database if it exists")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the fill to `FILE`")
	flag.Parse()
	switch {
	case flag.NArg() > 0:
		return fmt.Errorf("unexpected arguments %q", flag.Args())
	case o.path == "":
		return errors.New("-db FILE is required")
	case o.items < 0 || o.sources < 1 || o.days < 1:
		return errors.New("-items must be at least 0, -sources and -days at least 1")
	}

	cfg, err := tagfeed.LoadConfig(o.config)
	if err != nil {
		return err
	}
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		return cfg.Locate(err)
	}
	var tags []string
	for _, name := range cfg.TagNames() {
		if words.HasTopic(name) {
			tags = append(tags, name)
		}
	}
	if len(tags) == 0 {
		return fmt.Errorf("%s has none of the tags %v that the vocabulary writes about", o.config, words.Topics())
	}
	if err := fresh(o.path, o.force); err != nil {
		return err
	}

	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	start := time.Now()
	store, err := db.OpenWith(ctx, o.path, db.Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	if err != nil {
		return err
	}
	filled, err := fill(ctx, store, engine, tags, o)
	if err == nil {
		err = store.SetRulesHash(ctx, engine.RulesHash())
	}
	var counts map[string]int
	var rows db.RowCounts
	if err == nil {
		counts, err = store.TagCounts(ctx)
	}
	if err == nil {
		rows, err = store.Counts(ctx)
	}
	if err = errors.Join(err, store.Close()); err != nil {
		return err
	}
	took := time.Since(start)

	fmt.Printf("filled %s: %d items from %d sources in %v (%.0f items/s)\n",
		o.path, filled, o.sources, took.Round(time.Millisecond), float64(filled)/took.Seconds())
	fmt.Printf("rows: %d sources, %d items, %d item tags\n", rows.Sources, rows.Items, rows.ItemTags)
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Printf("tag %-14s %8d items\n", name, counts[name])
	}
	if st, err := os.Stat(o.path); err == nil {
		fmt.Printf("database: %.1f MB\n", float64(st.Size())/(1<<20))
	}
	return nil
}

// fresh makes sure nothing is at path, removing the database there (with
// its -wal and -shm files) if force is set.
func fresh(path string, force bool) error {
	_, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !force:
		return fmt.Errorf("%s exists: pass -force to replace it", path)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
