package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// runRetag applies the current rules to every stored item, or with
// --dry-run shows what a rule change would do before it is applied.
func runRetag(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("retag", flag.ContinueOnError)
	dryRun := fs.Bool("dry-run", false, "show what would change, and change nothing")
	examples := fs.Int("examples", 3, "show up to `N` example titles per tag gained or lost")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("retag takes no arguments, got %q", rest)
	}
	a, err := openStore(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	cfg, engine := a.cfg, a.engine
	what := "retagging"
	if *dryRun {
		what = "previewing"
	}
	report, err := ingest.Retag(ctx, a.store, engine.Tag, tagfeed.RetagOptions{
		DryRun: *dryRun, Examples: *examples, Progress: progressPrinter(e.stderr, what), Explain: engine.Explain,
	})
	if err != nil {
		return err
	}
	if !*dryRun {
		if err := a.store.SetRulesHash(ctx, engine.RulesHash()); err != nil {
			return err
		}
	}
	printRetagReport(e.stdout, cfg, report, *dryRun)
	return nil
}

// printRetagReport says, per tag, how many items gained or lost it, with
// examples and why each gained or lost it under the new rules.
func printRetagReport(w io.Writer, cfg *tagfeed.Config, r tagfeed.RetagReport, dryRun bool) {
	verb := "changed"
	if dryRun {
		verb = "would change"
	}
	fmt.Fprintf(w, "%d items looked at: %d %s tags", r.Items, r.Changed, verb)
	if r.Rescored > 0 {
		fmt.Fprintf(w, ", %d keep their tags with new scores or matched terms", r.Rescored)
	}
	fmt.Fprintln(w)
	for _, name := range slices.Sorted(maps.Keys(r.Tags)) {
		c := r.Tags[name]
		title := name
		if rule, ok := cfg.Tags[name]; ok && rule.Title != "" {
			title = fmt.Sprintf("%s (%s)", name, rule.Title)
		}
		fmt.Fprintf(w, "\n%s: +%d −%d\n", title, c.Gained, c.Lost)
		for _, ex := range c.GainedExamples {
			printRetagExample(w, "+", name, ex)
		}
		for _, ex := range c.LostExamples {
			printRetagExample(w, "−", name, ex)
		}
	}
}

// printRetagExample prints an item that gained or lost tag, and why.
func printRetagExample(w io.Writer, sign, tag string, ex tagfeed.RetagExample) {
	fmt.Fprintf(w, "  %s %s\n", sign, ex.Title)
	if ex.Why.Tag == "" {
		fmt.Fprintf(w, "      no term of %s is found now\n", tag)
		return
	}
	writeExplanation(w, ex.Why, "      ")
}
