package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
	"github.com/tagfeed/tagfeed/ingest"
)

// runFeeds lists the sources, or with a subcommand adds, imports or
// exports the live feeds.
func runFeeds(ctx context.Context, e *env, g globals, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runFeedsAdd(ctx, e, g, args[1:])
		case "import":
			return runFeedsImport(ctx, e, g, args[1:])
		case "export":
			return runFeedsExport(ctx, e, g, args[1:])
		}
	}
	fs := flag.NewFlagSet("feeds", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per source")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("unknown feeds subcommand %q (want add, import or export)", rest[0])
	}
	a, err := openStore(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	sources, err := a.store.Sources(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, s := range sources {
			if err := enc.Encode(newSourceJSON(s, a.configured(s))); err != nil {
				return err
			}
		}
		return nil
	}
	return printSources(e.stdout, sources, a)
}

// printSources prints a table of the sources: what each is, when it was
// last fetched and with what result, when it will be fetched next.
func printSources(w io.Writer, sources []tagfeed.Source, a *app) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tHTTP\tITEMS\tLAST FETCH\tNEXT FETCH\tSOURCE")
	for _, s := range sources {
		code := "-"
		if s.Status.HTTPStatus != 0 {
			code = fmt.Sprint(s.Status.HTTPStatus)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", sourceState(s, a.configured(s)), code, s.ItemCount,
			when(s.Status.LastAttempt), when(s.Status.NextFetch), s.Location())
		if s.Title != "" {
			fmt.Fprintf(tw, "\t\t\t\t\t  %s\n", s.Title)
		}
		if s.Status.Error != "" {
			fmt.Fprintf(tw, "\t\t\t\t\t  error: %s\n", s.Status.Error)
		}
		if s.Status.Warning != "" {
			fmt.Fprintf(tw, "\t\t\t\t\t  warning: %s\n", s.Status.Warning)
		}
	}
	return tw.Flush()
}

// sourceState says in a word how a source is doing.
func sourceState(s tagfeed.Source, configured bool) string {
	switch {
	case !configured:
		return "removed"
	case s.Status.Gone:
		return "gone"
	case s.Status.Failing() && s.Status.Failures == 0:
		return "retrying" // a local failure, such as a full disk: tried again next round
	case s.Status.Failing():
		return fmt.Sprintf("failing×%d", s.Status.Failures)
	case strings.HasPrefix(s.Status.Warning, "revived"):
		return "revived" // gone, then asked for again by the operator
	case s.Status.Warning != "":
		return "partial" // read, with something it could not read
	case s.Status.LastAttempt.IsZero():
		return "new"
	default:
		return "ok"
	}
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// configured reports whether the source is still in the config.
func (a *app) configured(s tagfeed.Source) bool {
	for _, c := range a.sources {
		if c.ID == s.ID {
			return true
		}
	}
	return false
}

// sourceJSON is what feeds --json prints for one source.
type sourceJSON struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	URL         string     `json:"url"`
	FetchURL    string     `json:"fetch_url,omitempty"`
	Title       string     `json:"title,omitempty"`
	State       string     `json:"state"`
	Items       int        `json:"items"`
	LastAttempt *time.Time `json:"last_fetch,omitempty"`
	LastSuccess *time.Time `json:"last_success,omitempty"`
	NextFetch   *time.Time `json:"next_fetch,omitempty"`
	HTTPStatus  int        `json:"http_status,omitempty"`
	Error       string     `json:"error,omitempty"`
	Warning     string     `json:"warning,omitempty"`
	Failures    int        `json:"failures,omitempty"`
}

func newSourceJSON(s tagfeed.Source, configured bool) sourceJSON {
	return sourceJSON{
		ID: s.ID, Kind: string(s.Kind), URL: s.URL, FetchURL: s.FetchURL, Title: s.Title,
		State: sourceState(s, configured), Items: s.ItemCount,
		LastAttempt: timeOrNil(s.Status.LastAttempt), LastSuccess: timeOrNil(s.Status.LastSuccess),
		NextFetch: timeOrNil(s.Status.NextFetch), HTTPStatus: s.Status.HTTPStatus,
		Error: s.Status.Error, Warning: s.Status.Warning, Failures: s.Status.Failures,
	}
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// runFeedsAdd adds a feed to the config, finding it through autodiscovery
// when given a web page.
func runFeedsAdd(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("feeds add", flag.ContinueOnError)
	title := fs.String("title", "", "the feed's `title`, instead of its own")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("usage: tagfeed feeds add [--title TITLE] URL")
	}
	a, err := openStore(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	feedURL, err := a.fetcher.Discover(ctx, rest[0])
	if err != nil {
		return err
	}
	added, err := tagfeed.AppendFeeds(g.config, []tagfeed.FeedConfig{{URL: feedURL, Title: *title}})
	if err != nil {
		return err
	}
	if len(added) == 0 {
		return a.reviveIfGone(ctx, e.stdout, feedURL, g.config)
	}
	fmt.Fprintf(e.stdout, "added %s to %s\n", feedURL, g.config)
	return nil
}

// reviveIfGone answers feeds add of a feed already in the config: a feed
// whose server answered 410 Gone is made due again, as the operator asks.
func (a *app) reviveIfGone(ctx context.Context, w io.Writer, feedURL, config string) error {
	for _, src := range a.sources {
		if src.URL != feedURL || !src.Status.Gone {
			continue
		}
		src.Status.Revive("revived by feeds add after the server answered 410 Gone", time.Now())
		if _, err := a.store.SaveFetch(ctx, src, nil, ingest.Decide); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s is already in %s; it had answered 410 Gone, and will be fetched again\n", feedURL, config)
		return nil
	}
	fmt.Fprintf(w, "%s is already in %s\n", feedURL, config)
	return nil
}

// runFeedsImport adds every feed of an OPML file (from Miniflux, FreshRSS,
// Feedly and the like) to the config.
func runFeedsImport(_ context.Context, e *env, g globals, args []string) error {
	if len(args) != 1 {
		return usagef("usage: tagfeed feeds import FILE.opml")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("feeds import: %w", err)
	}
	defer f.Close()
	list, err := feeds.ParseOPML(f)
	if err != nil {
		return fmt.Errorf("feeds import %s: %w", args[0], err)
	}
	added, err := tagfeed.AppendFeeds(g.config, list)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %d of the %d feeds in %s to %s (the others were already there)\n", len(added), len(list), args[0], g.config)
	return nil
}

// runFeedsExport prints the configured feeds as OPML, for another reader.
func runFeedsExport(ctx context.Context, e *env, g globals, args []string) error {
	if len(args) != 0 {
		return usagef("usage: tagfeed feeds export > feeds.opml")
	}
	a, err := openStore(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	var list []tagfeed.Source
	for _, s := range a.sources {
		if s.Kind == tagfeed.SourceFeed {
			list = append(list, s)
		}
	}
	return feeds.WriteSourcesOPML(e.stdout, list)
}
