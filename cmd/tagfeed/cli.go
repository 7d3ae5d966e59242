package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	tagfeed "github.com/tagfeed/tagfeed"
)

// env is the outside world a command talks to.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// globals are the options that come before the command.
type globals struct {
	config  string // the config file
	db      string // overrides the config's database
	verbose bool
	serving bool // set by serve, which logs what it does
}

// command is one of tagfeed's subcommands.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, e *env, g globals, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "[--addr HOST:PORT] [--role all|fetch|web]", "serve the topic feeds over HTTP and fetch the feeds on their schedule", runServe},
		{"fetch", "[--force]", "run one round (every seed folder, then every feed) and exit; --force fetches feeds that are backing off", runFetch},
		{"tag", "[--json] FILE...", "tag text files (- for stdin) with the configured rules, without the database", runTag},
		{"check", "", "validate the config and run the examples of every tag's rule; exit 1 if one fails", runCheck},
		{"eval", "[--json] LABELS.json DIR", "measure the rules against articles labelled by hand: precision, recall, mistakes", runEval},
		{"items", "[--tag NAME] [--limit N] [--json]", "list stored items, newest first", runItems},
		{"retag", "[--dry-run] [--examples N]", "apply the current rules again to every stored item", runRetag},
		{"export", "DIR", "write every topic feed, feeds.opml and index.html as static files", runExport},
		{"feeds", "[--json] | add [--title T] URL | import FILE.opml | export", "list, add, import or export the live feeds", runFeeds},
		{"backup", "FILE", "write a consistent copy of the database, even while serve runs", runBackup},
		{"version", "", "print the version", runVersion},
	}
}

// usageError is a mistake on the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// commandHelp is what a command's -h or --help asks for: its usage line
// and its options, printed on stdout, with exit status 0.
type commandHelp struct{ text string }

func (h *commandHelp) Error() string { return h.text }

// run runs tagfeed with the given arguments and returns the exit status:
// 0 on success, 1 when the work could not be done, 2 for a usage mistake
// or an invalid config.
func run(ctx context.Context, args []string, e *env) int {
	err := dispatch(ctx, args, e)
	var ue *usageError
	var ce *tagfeed.ConfigError
	var help *commandHelp
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &help):
		fmt.Fprint(e.stdout, help.text)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "tagfeed: %v\nRun 'tagfeed help' for usage.\n", err)
		return 2
	case errors.As(err, &ce):
		fmt.Fprintf(e.stderr, "tagfeed: invalid config:\n%v\n", err)
		return 2
	default:
		fmt.Fprintf(e.stderr, "tagfeed: %v\n", err)
		return 1
	}
}

func dispatch(ctx context.Context, args []string, e *env) error {
	var g globals
	fs := flag.NewFlagSet("tagfeed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.config, "config", "config.yaml", "the config `file`")
	fs.StringVar(&g.db, "db", "", "the database `file`, instead of the config's database")
	fs.BoolVar(&g.verbose, "v", false, "log more")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(e.stdout, fs)
			return err
		}
		return usagef("%v", err)
	}
	if fs.NArg() == 0 {
		printUsage(e.stderr, fs)
		return usagef("no command given")
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		printUsage(e.stdout, fs)
		return nil
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		late, rest := globalsAfterCommand(fs, rest)
		if err := fs.Parse(late); err != nil {
			return usagef("%v", err)
		}
		return c.run(ctx, e, g, rest)
	}
	return usagef("unknown command %q", name)
}

// globalsAfterCommand takes the global options given after the command,
// as in "tagfeed fetch --config /etc/tagfeed.yaml", out of its arguments,
// so that they may come anywhere. What follows "--" stays an argument.
func globalsAfterCommand(fs *flag.FlagSet, args []string) (globals, rest []string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return globals, append(rest, args[i:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		f := fs.Lookup(name)
		if !strings.HasPrefix(arg, "-") || f == nil {
			rest = append(rest, arg)
			continue
		}
		globals = append(globals, arg)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			globals = append(globals, args[i])
		}
	}
	return globals, rest
}

func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "tagfeed %s gathers articles, tags them by topic and republishes each topic as a feed.\n\n", tagfeed.Version)
	fmt.Fprintf(w, "Usage: tagfeed [--config FILE] [--db FILE] [-v] COMMAND [ARGS]\n\nCommands:\n")
	const argsWidth = 40
	for _, c := range commands() {
		if len(c.args) > argsWidth { // the summary goes under the arguments, in its column
			fmt.Fprintf(w, "  %-8s %s\n  %-8s %-*s %s\n", c.name, c.args, "", argsWidth, "", c.summary)
			continue
		}
		fmt.Fprintf(w, "  %-8s %-*s %s\n", c.name, argsWidth, c.args, c.summary)
	}
	fmt.Fprintf(w, "\nOptions (before or after the command):\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// parseFlags parses a command's flags, which may come before, between or
// after its arguments, and returns the arguments. Everything after "--" is
// an argument.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest, after []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, after = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpOf(fs)
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		if fs.NArg() == 0 {
			return append(rest, after...), nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// helpOf returns the help of the command whose options fs parses: its
// usage line, then its options, if it has any.
func helpOf(fs *flag.FlagSet) *commandHelp {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: tagfeed %s\n", commandUsage(fs.Name()))
	hasOptions := false
	fs.VisitAll(func(*flag.Flag) { hasOptions = true })
	if hasOptions {
		b.WriteString("\nOptions:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return &commandHelp{b.String()}
}

// commandUsage returns the usage line of a command, or of one of its
// subcommands ("feeds add"): the alternative of its arguments that names
// the subcommand.
func commandUsage(name string) string {
	cmd, sub, _ := strings.Cut(name, " ")
	for _, c := range commands() {
		if c.name != cmd {
			continue
		}
		if sub == "" {
			return strings.TrimSpace(c.name + " " + c.args)
		}
		for _, alt := range strings.Split(c.args, " | ") {
			if alt == sub || strings.HasPrefix(alt, sub+" ") {
				return c.name + " " + alt
			}
		}
	}
	return name
}

// noArguments checks the arguments of a command that takes none, and
// answers its --help.
func noArguments(name string, args []string) error {
	rest, err := parseFlags(flag.NewFlagSet(name, flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("%s takes no arguments, got %q", name, rest)
	}
	return nil
}

func runVersion(_ context.Context, e *env, _ globals, args []string) error {
	if err := noArguments("version", args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "tagfeed %s\n", tagfeed.Version)
	return nil
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
