// Command tagfeed gathers seed articles and live feeds, tags them by topic
// and republishes each topic as a feed.
//
//	tagfeed [--config FILE] [--db FILE] COMMAND [ARGS]
//
// Run "tagfeed help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	os.Exit(code)
}
