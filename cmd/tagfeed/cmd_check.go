package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/seed"
	"github.com/tagfeed/tagfeed/tag"
)

// runCheck validates the config and runs the examples of every tag's
// rule, each read as an article file is; it exits 1 if any fails.
func runCheck(ctx context.Context, e *env, g globals, args []string) error {
	if err := noArguments("check", args); err != nil {
		return err
	}
	cfg, engine, err := loadRules(g)
	if err != nil {
		return err
	}
	checked, failures, err := checkExamples(cfg, engine)
	if err != nil {
		return err
	}
	for _, f := range failures {
		fmt.Fprintf(e.stdout, "%v\n", locateFailure(cfg, f))
		writeExplanation(e.stdout, explanationOf(f), "  ")
	}
	if len(failures) > 0 {
		return fmt.Errorf("check: %d of %d examples fail", len(failures), checked)
	}
	for _, w := range missingSeedFolders(cfg) {
		fmt.Fprintf(e.stdout, "warning: %v\n", w)
	}
	fmt.Fprintf(e.stdout, "config ok: %d tags, %d examples pass\n", len(cfg.Tags), checked)
	return nil
}

// missingSeedFolders names the seed folders that are not there, or not
// folders. The config stays valid, since a folder may come later, but a
// round would record each as its source's error.
func missingSeedFolders(cfg *tagfeed.Config) []error {
	var missing []error
	for i, dir := range cfg.Seeds {
		path := cfg.Path(cfg.SeedFolder(dir))
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		key := fmt.Sprintf("seeds[%d]", i)
		switch info, err := os.Stat(path); {
		case err != nil:
			missing = append(missing, cfg.Errorf(key, "no folder %s: %v", dir, err))
		case !info.IsDir():
			missing = append(missing, cfg.Errorf(key, "%s is a file, not a folder (%s)", dir, path))
		}
	}
	return missing
}

// checkExamples runs the examples of the config's rules.
func checkExamples(cfg *tagfeed.Config, engine *tag.Engine) (int, []tag.ExampleFailure, error) {
	return engine.CheckExamples(func(text string) (tagfeed.Item, error) {
		return seed.ReadArticle("example", []byte(text))
	})
}

// warnFailingExamples prints a warning for each example the rules get
// wrong, for serve and fetch, which go on all the same.
func warnFailingExamples(w io.Writer, cfg *tagfeed.Config, engine *tag.Engine) {
	_, failures, err := checkExamples(cfg, engine)
	if err != nil {
		fmt.Fprintf(w, "tagfeed: warning: %v\n", err)
	}
	for _, f := range failures {
		fmt.Fprintf(w, "tagfeed: warning: %v\n", locateFailure(cfg, f))
	}
}

// locateFailure places a failing example in the config file.
func locateFailure(cfg *tagfeed.Config, f tag.ExampleFailure) error {
	return cfg.Locate(&tagfeed.ConfigError{Key: f.Key, Msg: f.Error()})
}

// explanationOf is the failing example's explanation, named for its tag
// even when no term of the tag was found.
func explanationOf(f tag.ExampleFailure) tagfeed.ItemTag {
	t := f.Explain
	t.Tag = f.Tag
	return t
}
