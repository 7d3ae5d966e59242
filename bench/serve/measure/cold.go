package main

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, to move the data version on
)

// coldRuns times each feed right after the data version moved on.
func coldRuns(m *meter, o options) error {
	db, err := sql.Open("sqlite", "file:"+o.dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, f := range o.feeds {
		var took, cpu []time.Duration
		var last result
		for range o.cold {
			if err := bumpVersion(db); err != nil {
				return err
			}
			time.Sleep(o.settle)
			r, err := m.get(f)
			if err != nil {
				return err
			}
			took = append(took, r.took)
			cpu = append(cpu, r.cpu)
			last = r
		}
		runs := make([]string, len(took))
		for i, t := range took {
			runs[i] = fmt.Sprintf("%.1f", ms(t))
		}
		fmt.Printf("cold re-render   %-28s n=%d  median %.1f ms  max %.1f ms  (runs: %s ms; %d bytes, %d entries)\n",
			f, len(took), ms(pct(took, 50)), ms(slices.Max(took)), strings.Join(runs, " "), last.bytes, last.entries)
		if m.pid != 0 {
			fmt.Printf("  server CPU     %-28s n=%d  median %.1f ms  max %.1f ms\n", f, len(cpu), ms(pct(cpu, 50)), ms(slices.Max(cpu)))
		}
	}
	return nil
}

// bumpVersion moves the items' data version on, as any write of items
// from another process does, so that the server renders every answer anew.
func bumpVersion(db *sql.DB) error {
	res, err := db.Exec(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'items_version'`)
	if err != nil {
		return fmt.Errorf("move the data version on: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errors.New("move the data version on: no items_version in meta: is this a tagfeed database?")
	}
	return nil
}
