package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"syscall"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/bench/serve/internal/words"
	"github.com/tagfeed/tagfeed/db"
	"github.com/tagfeed/tagfeed/tag"
)

// searchLimit is how many results a search reads, as the search feed does.
const searchLimit = 50

// searches times o.search different queries, one at a time: with -db
// through store.Items in this process first, then as GETs of the search
// feed.
func searches(m *meter, o options) error {
	queries := words.Queries(o.search, o.seed)
	if o.dbPath != "" {
		if err := storeSearches(queries, o.dbPath); err != nil {
			return err
		}
	}
	var t timings
	for _, q := range queries {
		r, err := m.get(o.searchPath + "?q=" + url.QueryEscape(q.Q))
		if err != nil {
			return fmt.Errorf("search %q: %w", q.Q, err)
		}
		t.add(q, r.took, r.cpu, r.entries)
	}
	t.report("GET "+o.searchPath+"?q=", m.pid != 0, "server CPU")
	return nil
}

// storeSearches times the queries through store.Items on the database at
// path, as the search feed asks it, without HTTP and rendering: each query
// storeRuns times, reporting the first runs and the best. (A GET cannot
// be repeated: the server's cache would answer it.)
func storeSearches(queries []words.Query, path string) (err error) {
	ctx := context.Background()
	store, err := db.OpenWith(ctx, path, db.Options{SearchForms: tag.SearchForms, SearchVersion: tag.SearchVersion})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	search := func(q string) (int, error) {
		items, err := store.Items(ctx, tagfeed.Selection{Search: q, Limit: searchLimit})
		return len(items), err
	}
	if _, err := search(queries[0].Q); err != nil { // opens the read connections, untimed
		return err
	}
	var first, best timings
	for _, q := range queries {
		for run := range storeRuns {
			cpu0, start := processCPU(), time.Now()
			n, err := search(q.Q)
			took, cpu := time.Since(start), processCPU()-cpu0
			if err != nil {
				return fmt.Errorf("search %q: %w", q.Q, err)
			}
			if run == 0 {
				first.add(q, took, cpu, n)
				best.add(q, took, cpu, n)
				continue
			}
			best.lower(len(best.took)-1, took, cpu)
		}
	}
	label := fmt.Sprintf("store.Items(q, %d)", searchLimit)
	first.report(label, true, "CPU")
	best.report(fmt.Sprintf("%s, best of %d", label, storeRuns), true, "CPU, least of the runs")
	return nil
}

// storeRuns is how many times storeSearches runs each query: the best of
// them leaves out most of what other work on the machine adds to a run.
const storeRuns = 3

// processCPU returns the CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
