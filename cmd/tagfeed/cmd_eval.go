package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/seed"
	"github.com/tagfeed/tagfeed/tag"
)

// runEval measures the configured rules against a labelled set of
// articles: precision, recall and F1 per tag, then every false positive
// and false negative with its explanation.
func runEval(ctx context.Context, e *env, g globals, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the figures and the cases as one JSON object")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return usagef("usage: tagfeed eval [--json] LABELS.json DIR")
	}
	labelsFile, dir := rest[0], rest[1]
	_, engine, err := loadRules(g)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(labelsFile)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	labels, err := tag.ParseLabels(data)
	if err != nil {
		return fmt.Errorf("eval: %s: %w", labelsFile, err)
	}
	items := make(map[string]*tagfeed.Item, len(labels))
	for _, name := range slices.Sorted(maps.Keys(labels)) {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("eval: article of label %q: %w", name, err)
		}
		item, err := seed.ReadArticle(name, data)
		if err != nil {
			return fmt.Errorf("eval: %s: %w", path, err)
		}
		items[name] = &item
	}
	ev, err := engine.Evaluate(labels, items)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(evalJSONOf(ev))
	}
	printEvaluation(e.stdout, ev)
	return nil
}

// printEvaluation prints the figures per tag, then the cases the rules got
// wrong, each with why the label says what it says and why the engine
// decided otherwise.
func printEvaluation(w io.Writer, ev tag.Evaluation) {
	fmt.Fprintf(w, "%d articles, %d borderline left out\n\n", ev.Articles, ev.Borderline)
	fmt.Fprintf(w, "%-14s %9s %4s %4s %4s %9s %7s %5s\n", "tag", "labelled", "TP", "FP", "FN", "precision", "recall", "F1")
	var all tag.TagEvaluation
	for _, t := range ev.Tags {
		printFigures(w, t.Tag, t)
		all.Positives, all.TP, all.FP, all.FN = all.Positives+t.Positives, all.TP+t.TP, all.FP+t.FP, all.FN+t.FN
	}
	printFigures(w, "all (micro)", all)
	for _, t := range ev.Tags {
		for _, c := range t.FalsePositives {
			printCase(w, "false positive", t.Tag, c)
		}
		for _, c := range t.FalseNegatives {
			printCase(w, "false negative", t.Tag, c)
		}
	}
}

func printFigures(w io.Writer, name string, t tag.TagEvaluation) {
	p, okP := t.Precision()
	r, okR := t.Recall()
	f, okF := t.F1()
	fmt.Fprintf(w, "%-14s %9d %4d %4d %4d %9s %7s %5s\n", name, t.Positives, t.TP, t.FP, t.FN,
		figure(p, okP), figure(r, okR), figure(f, okF))
}

// figure prints a ratio with two decimals, or "–" when it is undefined.
func figure(x float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

func printCase(w io.Writer, kind, tagName string, c tag.Case) {
	fmt.Fprintf(w, "\n%s %s: %s  %s\n", kind, tagName, c.Name, c.Title)
	if c.Why != "" {
		fmt.Fprintf(w, "  label: %s\n", c.Why)
	}
	if c.Explain.Tag == "" {
		fmt.Fprintf(w, "  no term of %s was found\n", tagName)
		return
	}
	writeExplanation(w, c.Explain, "  ")
}

// evalJSON is what eval --json prints.
type evalJSON struct {
	Articles   int           `json:"articles"`
	Borderline int           `json:"borderline"`
	Tags       []tagEvalJSON `json:"tags"`
}

type tagEvalJSON struct {
	Tag            string     `json:"tag"`
	Labelled       int        `json:"labelled"`
	TP             int        `json:"tp"`
	FP             int        `json:"fp"`
	FN             int        `json:"fn"`
	Precision      *float64   `json:"precision"`
	Recall         *float64   `json:"recall"`
	F1             *float64   `json:"f1"`
	FalsePositives []caseJSON `json:"false_positives"`
	FalseNegatives []caseJSON `json:"false_negatives"`
}

type caseJSON struct {
	Name    string       `json:"name"`
	Title   string       `json:"title"`
	Why     string       `json:"why,omitempty"`
	Explain *tagEvidence `json:"explain"`
}

func evalJSONOf(ev tag.Evaluation) evalJSON {
	out := evalJSON{Articles: ev.Articles, Borderline: ev.Borderline, Tags: []tagEvalJSON{}}
	for _, t := range ev.Tags {
		j := tagEvalJSON{Tag: t.Tag, Labelled: t.Positives, TP: t.TP, FP: t.FP, FN: t.FN,
			Precision: optional(t.Precision()), Recall: optional(t.Recall()), F1: optional(t.F1()),
			FalsePositives: casesJSON(t.FalsePositives), FalseNegatives: casesJSON(t.FalseNegatives)}
		out.Tags = append(out.Tags, j)
	}
	return out
}

func casesJSON(cs []tag.Case) []caseJSON {
	out := make([]caseJSON, 0, len(cs))
	for _, c := range cs {
		j := caseJSON{Name: c.Name, Title: c.Title, Why: c.Why}
		if c.Explain.Tag != "" {
			ev := evidenceOf(c.Explain)
			j.Explain = &ev
		}
		out = append(out, j)
	}
	return out
}

// optional turns an undefined figure into JSON null.
func optional(x float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &x
}
