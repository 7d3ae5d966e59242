package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/seed"
)

// maxTagInput bounds one input of the tag command.
const maxTagInput = 64 << 20

// runTag tags article files (or stdin) with the configured rules and
// prints each input's tags and why. A file is read as a seed folder reads
// it: headline, lead and body. It does not touch the database.
func runTag(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("tag", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per input")
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("usage: tagfeed tag [--json] FILE... (- reads stdin)")
	}
	_, engine, err := loadRules(g)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, name := range inputs {
		item, err := readArticleInput(e.stdin, name)
		if err != nil {
			return err
		}
		applied, below := splitApplied(engine.Explain(&item))
		if *asJSON {
			err = enc.Encode(tagResult{Input: name, Title: item.Title, Tags: tagNames(applied),
				Explain: explain(applied), Below: explain(below)})
		} else {
			err = printTags(e.stdout, name, applied, below)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readArticleInput reads a file, or stdin for "-", as an article.
func readArticleInput(stdin io.Reader, name string) (tagfeed.Item, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return tagfeed.Item{}, fmt.Errorf("tag: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxTagInput+1))
	switch {
	case err != nil && name == "-":
		return tagfeed.Item{}, fmt.Errorf("tag: read stdin: %w", err)
	case err != nil:
		return tagfeed.Item{}, fmt.Errorf("tag: %w", err) // it names the file
	}
	if len(data) > maxTagInput {
		return tagfeed.Item{}, fmt.Errorf("tag: %s is larger than %d bytes", name, maxTagInput)
	}
	return seed.ReadArticle(name, data)
}

// splitApplied separates the tags that apply from those that were only
// considered.
func splitApplied(tags []tagfeed.ItemTag) (applied, below []tagfeed.ItemTag) {
	for _, t := range tags {
		if t.Applies() {
			applied = append(applied, t)
		} else {
			below = append(below, t)
		}
	}
	return applied, below
}

// tagResult is what tag --json prints for one input.
type tagResult struct {
	Input   string        `json:"input"`
	Title   string        `json:"title"`
	Tags    []string      `json:"tags"`
	Explain []tagEvidence `json:"explain"`
	// Below are the tags some term of which was found, but that do not apply.
	Below []tagEvidence `json:"below"`
}

// printTags prints an input's tags, then why each applies, then why the
// others that came close do not.
func printTags(w io.Writer, name string, applied, below []tagfeed.ItemTag) error {
	if len(applied) == 0 {
		fmt.Fprintf(w, "%s: no tags\n", name)
	} else {
		fmt.Fprintf(w, "%s: %s\n", name, strings.Join(tagNames(applied), ", "))
	}
	for _, t := range applied {
		writeExplanation(w, t, "  ")
	}
	if len(below) > 0 {
		fmt.Fprintln(w, "  not applied:")
	}
	for _, t := range below {
		writeExplanation(w, t, "  ")
	}
	_, err := fmt.Fprintln(w)
	return err
}
