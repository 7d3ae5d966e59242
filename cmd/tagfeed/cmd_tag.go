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
)

// maxTagInput bounds one input of the tag command.
const maxTagInput = 64 << 20

// runTag tags text files (or stdin) with the configured rules and prints
// each input's tags and what matched. It does not touch the database.
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
		text, err := readInput(e.stdin, name)
		if err != nil {
			return err
		}
		item := tagfeed.Item{Content: text}
		tags := engine.Tag(&item)
		if *asJSON {
			err = enc.Encode(tagResult{Input: name, Tags: tagNames(tags), Explain: explain(tags)})
		} else {
			err = printTags(e.stdout, name, tags)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func readInput(stdin io.Reader, name string) (string, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", fmt.Errorf("tag: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxTagInput+1))
	if err != nil {
		return "", fmt.Errorf("tag: read %s: %w", name, err)
	}
	if len(data) > maxTagInput {
		return "", fmt.Errorf("tag: %s is larger than %d bytes", name, maxTagInput)
	}
	return string(data), nil
}

// tagResult is what tag --json prints for one input.
type tagResult struct {
	Input   string        `json:"input"`
	Tags    []string      `json:"tags"`
	Explain []tagEvidence `json:"explain"`
}

// tagEvidence says why an item has a tag.
type tagEvidence struct {
	Tag     string          `json:"tag"`
	Score   int             `json:"score"`
	Matches []matchEvidence `json:"matches"`
}

type matchEvidence struct {
	Term  string `json:"term"`
	Field string `json:"field"`
	Count int    `json:"count"`
}

func tagNames(tags []tagfeed.ItemTag) []string {
	names := make([]string, 0, len(tags))
	for _, t := range tags {
		names = append(names, t.Tag)
	}
	return names
}

func explain(tags []tagfeed.ItemTag) []tagEvidence {
	out := make([]tagEvidence, 0, len(tags))
	for _, t := range tags {
		ev := tagEvidence{Tag: t.Tag, Score: t.Score, Matches: []matchEvidence{}}
		for _, m := range t.Matches {
			ev.Matches = append(ev.Matches, matchEvidence{Term: m.Term, Field: string(m.Field), Count: m.Count})
		}
		out = append(out, ev)
	}
	return out
}

// printTags prints an input's tags, one per line with what matched.
func printTags(w io.Writer, name string, tags []tagfeed.ItemTag) error {
	if len(tags) == 0 {
		_, err := fmt.Fprintf(w, "%s: no tags\n", name)
		return err
	}
	fmt.Fprintf(w, "%s: %s\n", name, strings.Join(tagNames(tags), ", "))
	for _, t := range tags {
		var terms []string
		for _, m := range t.Matches {
			terms = append(terms, fmt.Sprintf("%q ×%d in %s", m.Term, m.Count, m.Field))
		}
		fmt.Fprintf(w, "  %-14s score %-3d %s\n", t.Tag, t.Score, strings.Join(terms, ", "))
	}
	return nil
}
