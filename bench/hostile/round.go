package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// rounds runs fetch rounds over the server's feeds.
type rounds struct {
	bin   string
	rules runner.Rules
	s     *hostileServer
}

// source is what "tagfeed feeds --json" says of a feed.
type source struct {
	URL, State, Error, Warning string
	Items                      int
	HTTPStatus                 int `json:"http_status"`
}

// roundResult is what one round came to.
type roundResult struct {
	ok      bool
	line    string
	f       fetchRun
	outcome string // of the last feed, for -each
}

// each runs a round per hostile feed, beside the good feeds, and prints
// a table of their peak RSS and time.
func (r *rounds) each(work string, good, hostile []int) (bool, error) {
	allOK := true
	var rows []string
	for _, h := range hostile {
		name := r.s.specs[h].name
		res, err := r.round(filepath.Join(work, "each-"+name), append(slices.Clone(good), h), name, false)
		if err != nil {
			return false, err
		}
		allOK = allOK && res.ok
		rows = append(rows, fmt.Sprintf("%-22s %9.0f %8.2f  %-6s %s", name, float64(res.f.peakKB)/1024, res.f.wall.Seconds(),
			passFail(res.ok), res.outcome))
		say("%s: peak RSS %.0f MB, %.2f s", name, float64(res.f.peakKB)/1024, res.f.wall.Seconds())
	}
	fmt.Printf("\n== one round per hostile feed, each beside the %d good feeds (%d cores, shared)\n", len(good), runtime.NumCPU())
	fmt.Printf("%-22s %9s %8s  %-6s %s\n", "hostile feed", "peak MB", "round s", "result", "outcome")
	for _, row := range rows {
		fmt.Println(row)
	}
	return allOK, nil
}

// round runs one fetch round over the feeds at indexes feeds, on a new
// database in dir, and with table prints what each feed came to.
func (r *rounds) round(dir string, feeds []int, name string, table bool) (roundResult, error) {
	s := r.s
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return roundResult{}, fmt.Errorf("round folder: %w", err)
	}
	urls := make([]string, len(feeds))
	for i, f := range feeds {
		urls[i] = s.urls[f]
	}
	cfg, err := writeConfig(r.rules, dir, urls)
	if err != nil {
		return roundResult{}, err
	}
	secretBefore := s.secret.Load()
	say("%s: tagfeed --config %s -v fetch (load average %s)", name, cfg, runner.LoadAverage())
	f := runFetch(r.bin, dir, cfg)
	if f.err != nil {
		return roundResult{}, f.err
	}
	byURL, err := readSources(r.bin, cfg)
	if err != nil {
		return roundResult{}, err
	}
	leaks, longest, err := checkItems(r.bin, cfg)
	if err != nil {
		return roundResult{}, err
	}

	out := io.Discard
	if table {
		out = os.Stdout
	}
	fmt.Fprintf(out, "\n== %s: one \"tagfeed fetch\" round, default fetch config, %d feeds (%d cores, shared; load average %s)\n",
		name, len(feeds), runtime.NumCPU(), runner.LoadAverage())
	fmt.Fprintf(out, "%-22s %-42s %-11s %-10s %6s %7s  %-6s %s\n", "feed", "what", "expect", "state", "items", "took s", "result", "error or warning")
	pass, outcome := 0, ""
	for _, i := range feeds {
		spec, u := s.specs[i], s.urls[i]
		src, listed := byURL[u]
		took := "-"
		if d, ok := f.took[u]; ok {
			took = fmt.Sprintf("%.2f", d.Seconds())
		}
		verdict := judge(spec, src, listed)
		if verdict {
			pass++
		}
		text := src.Error
		if text == "" {
			text = src.Warning
		}
		text = clip(strings.TrimPrefix(text, "fetch "+u+": "), 110)
		fmt.Fprintf(out, "%-22s %-42s %-11s %-10s %6d %7s  %-6s %s\n", spec.name, clip(spec.what, 42), spec.expect, src.State, src.Items,
			took, passFail(verdict), text)
		outcome = fmt.Sprintf("%s, %d items, %s s: %s", src.State, src.Items, took, text)
	}
	rssOK := f.peakKB > 0 && f.peakKB*1024 < rssTarget
	secret := s.secret.Load() - secretBefore
	fmt.Fprintln(out)
	fmt.Fprintf(out, "fetch process      %s\n", f.ended)
	fmt.Fprintf(out, "round time         %.2f s (wall, the whole process)\n", f.wall.Seconds())
	fmt.Fprintf(out, "peak RSS           %.0f MB (%s)  target < %d MB: %s\n", float64(f.peakKB)/1024, f.peakHow, rssTarget>>20, passFail(rssOK))
	if f.peakAt > 0 {
		fmt.Fprintf(out, "  RSS timeline     %s\n", f.timeline)
		fmt.Fprintf(out, "  RSS first at its peak %.1f s into the round; feeds being fetched then: %s\n", f.peakAt.Seconds(), strings.Join(f.inProgress, ", "))
	}
	fmt.Fprintf(out, "feeds              %d of %d as expected\n", pass, len(feeds))
	fmt.Fprintf(out, "private target     %d requests reached it (want 0)\n", secret)
	fmt.Fprintf(out, "stored items       %d with /etc/passwd's text, %d with the private feed's marker (want 0, 0); longest title %d bytes\n",
		leaks.passwd, leaks.secret, longest)
	ok := f.normal && rssOK && pass == len(feeds) && secret == 0 && leaks.passwd == 0 && leaks.secret == 0
	line := fmt.Sprintf("%s: %s; round %.1f s; peak RSS %.0f MB; %d/%d feeds as expected; overall %s",
		name, f.ended, f.wall.Seconds(), float64(f.peakKB)/1024, pass, len(feeds), passFail(ok))
	fmt.Fprintln(out, line)
	return roundResult{ok: ok, line: line, f: f, outcome: outcome}, nil
}

// readSources reads "tagfeed feeds --json", by URL.
func readSources(bin, cfg string) (map[string]source, error) {
	r := runner.Run(bin, "--config", cfg, "feeds", "--json")
	if r.Exit != 0 {
		return nil, fmt.Errorf("feeds --json: exit %d: %s", r.Exit, r.Stderr)
	}
	byURL := map[string]source{}
	dec := json.NewDecoder(strings.NewReader(r.Stdout))
	for {
		var src source
		if err := dec.Decode(&src); err != nil {
			if !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("feeds --json: %w", err)
			}
			return byURL, nil
		}
		byURL[src.URL] = src
	}
}

// judge says whether a feed ended as expected.
func judge(spec *feedSpec, src source, listed bool) bool {
	if !listed || src.State == "new" {
		return false // never fetched, or never stored
	}
	failing := strings.HasPrefix(src.State, "failing") || strings.HasPrefix(src.State, "retrying")
	switch spec.expect {
	case expectOK:
		return src.State == "ok" && src.Items > 0 && (spec.items == 0 || src.Items == spec.items)
	case expectError:
		return failing && src.Error != ""
	case expectMaxItems:
		return src.Items == 1000 && strings.Contains(src.Warning, "max_items") || failing && src.Error != ""
	default:
		return failing && src.Error != "" || !failing
	}
}

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// clip collapses white space in s and cuts it to n runes.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
