package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

// runFetch runs one round, every seed folder then every feed, printing a
// line per source. Feeds that fail are reported and stored as failing; the
// round still counts as run. A feed backing off after failures (or after a
// Retry-After) is not fetched before its time, unless --force is given, so
// that a frequent cron job stays polite; --force also revives a feed whose
// server answered 410 Gone. Seed folders are local and always
// read again: a folder with an unusable file (which marks it failing) must
// not stop the next round from picking up new files.
func runFetch(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	force := fs.Bool("force", false, "fetch feeds that are backing off too")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("fetch takes no arguments, got %q", rest)
	}
	a, err := openApp(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	warnFailingExamples(e.stderr, a.cfg, a.engine)
	now := time.Now()
	var due []tagfeed.Source
	for _, src := range a.sources {
		if *force && src.Status.Gone {
			src.Status.Revive("revived by fetch --force after the server answered 410 Gone", now)
			fmt.Fprintf(e.stdout, "%-10s %s : it had answered 410 Gone; fetched again as --force asks\n", "revived", src.URL)
		}
		if *force || src.Kind == tagfeed.SourceSeed || !src.Status.BackingOff(now) {
			due = append(due, src)
		}
	}
	results := a.pipeline.Round(ctx, due)
	for _, src := range a.sources {
		if len(results) > 0 && results[0].Source.ID == src.ID {
			fmt.Fprintln(e.stdout, results[0].Summary())
			results = results[1:]
			continue
		}
		st := src.Status
		fmt.Fprintf(e.stdout, "%-10s %s : backing off after %s until %s (use --force to fetch now); last error: %s\n",
			"error", src.URL, failures(st.Failures), st.NextFetch.Local().Format("2006-01-02 15:04"), st.Error)
	}
	return ctx.Err()
}

// failures says "1 failure" or "3 failures".
func failures(n int) string {
	if n == 1 {
		return "1 failure"
	}
	return fmt.Sprintf("%d failures", n)
}
