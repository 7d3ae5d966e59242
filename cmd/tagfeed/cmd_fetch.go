package main

import (
	"context"
	"flag"
	"fmt"
)

// runFetch runs one round, every seed folder then every feed, printing a
// line per source. Feeds that fail are reported and stored as failing; the
// round still counts as run.
func runFetch(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
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
	for _, r := range a.fetcher.Round(ctx, a.sources) {
		fmt.Fprintln(e.stdout, r.Summary())
	}
	return ctx.Err()
}
