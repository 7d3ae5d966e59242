// Command pgscale measures "tagfeed serve --role fetch" processes sharing
// one PostgreSQL database (issue 12's benchmark). It builds
// ./cmd/tagfeed, starts a throwaway PostgreSQL (or uses the one
// $TAGFEED_TEST_POSTGRES names), serves 10,000 feeds of 20 items from
// loopback with 20 ms of latency, and runs a first round of them with 1, 2
// and 4 fetch processes, each run on an empty schema of its own. Then it
// runs the round again with 2 processes and kills one with SIGKILL when
// half the feeds are fetched: the other takes its feeds once their leases
// run out.
//
// For each run it reports the round's time, the items stored, the
// duplicates, each process's share and peak memory, and checks that
// every feed was stored with all its items, none twice, and that no feed
// was requested by two processes at once. See README.md.
//
// It exits 0 when every check passed, 3 when one failed and 1 when it
// could not run.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgscale:", err)
	}
	stop()
	os.Exit(code)
}
