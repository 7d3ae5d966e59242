package main

import (
	"context"
	"flag"
	"fmt"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/feeds"
)

// runExport writes the topic feeds, the OPML file and the index page as
// static files, for any web server to serve.
func runExport(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("usage: tagfeed export DIR")
	}
	a, err := openApp(ctx, e, g)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := a.store.Count(ctx, tagfeed.Selection{})
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(e.stderr, "tagfeed: the database has no items yet; run 'tagfeed fetch' first to fill the feeds")
	}
	if err := exportServer(a).Export(ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote the topic feeds, feeds.opml and index.html to %s\n", rest[0])
	return nil
}

// exportServer renders the static site: its feeds link to base_url, or to
// where serve would listen.
func exportServer(a *app) *feeds.Server {
	srv := feeds.NewServer(a.cfg, a.store, a.log)
	srv.SetBaseURL(a.cfg.SiteURL())
	return srv
}
