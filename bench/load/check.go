package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tagfeed/tagfeed/bench/internal/runner"
)

// checkDatabase checks the database after serve stopped: that it opens,
// that every feed is ok with as many items as it served, and that no
// item is stored twice. It returns the lines of the report, each a name
// and what was found.
func checkDatabase(bin, cfg string, fs *feedServer) [][2]string {
	var out [][2]string
	add := func(k, format string, args ...any) { out = append(out, [2]string{k, fmt.Sprintf(format, args...)}) }

	r := runner.Run(bin, "--config", cfg, "items", "--limit", "1")
	add("items --limit 1", "exit %d in %.2f s: %s", r.Exit, r.Took.Seconds(), firstLine(r.Stdout+r.Stderr))

	want := map[string]int{}
	for i, u := range fs.urls {
		want[u] = fs.docs[i].items
	}
	r = runner.Run(bin, "--config", cfg, "feeds", "--json")
	var notOK, wrongCount, seen, unfetched int
	var examples []string
	dec := json.NewDecoder(strings.NewReader(r.Stdout))
	for {
		var s struct {
			URL, State, Error string
			Items             int
		}
		if err := dec.Decode(&s); err != nil {
			if err != io.EOF {
				add("feeds --json", "unreadable output: %v", err)
			}
			break
		}
		n, ok := want[s.URL]
		if !ok {
			continue
		}
		seen++
		if s.State == "new" && s.Items == 0 {
			unfetched++ // the round did not reach it before SIGTERM
			continue
		}
		if s.State != "ok" {
			notOK++
			if len(examples) < 3 {
				examples = append(examples, fmt.Sprintf("%s %s %s", s.URL, s.State, s.Error))
			}
		}
		if s.Items != n {
			wrongCount++
			if len(examples) < 3 {
				examples = append(examples, fmt.Sprintf("%s has %d items, served %d", s.URL, s.Items, n))
			}
		}
	}
	add("feeds --json", "exit %d in %.2f s: %d of %d feeds listed; %d never stored (state new, 0 items: the round had not reached them); of the rest %d not ok, %d with another item count than served%s",
		r.Exit, r.Took.Seconds(), seen, len(fs.urls), unfetched, notOK, wrongCount, quoteLines(examples))

	r = runner.Run(bin, "--config", cfg, "items", "--json", "--limit", "0")
	type key struct{ source, key string }
	counts := map[key]int{}
	perSource := map[string]int{}
	total, others := 0, 0
	dec = json.NewDecoder(strings.NewReader(r.Stdout))
	for {
		var it struct {
			SourceURL string `json:"source_url"`
			Key       string
		}
		if err := dec.Decode(&it); err != nil {
			if err != io.EOF {
				add("items --json", "unreadable output: %v", err)
			}
			break
		}
		total++
		counts[key{it.SourceURL, it.Key}]++
		perSource[it.SourceURL]++
		if _, ok := want[it.SourceURL]; !ok {
			others++
		}
	}
	dups := 0
	for _, n := range counts {
		dups += n - 1
	}
	missing, partial, stored, storedWant := 0, 0, 0, 0
	for u, n := range want {
		switch perSource[u] {
		case n:
			stored++
			storedWant += n
		case 0:
			missing++
		default:
			partial++
		}
	}
	add("items --json --limit 0", "exit %d in %.2f s: %d items, %d of them from the feeds; %d duplicate rows by source+key; %d feeds with exactly the %d items they served, %d with none, %d with some but not all",
		r.Exit, r.Took.Seconds(), total, total-others, dups, stored, storedWant, missing, partial)
	return out
}
