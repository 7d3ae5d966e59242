package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tagfeed/tagfeed/bench/serve/internal/words"
)

// timings collects how long each search took, for a report.
type timings struct {
	queries []words.Query
	took    []time.Duration
	cpu     []time.Duration
	found   []int
}

func (t *timings) add(q words.Query, took, cpu time.Duration, found int) {
	t.queries = append(t.queries, q)
	t.took = append(t.took, took)
	t.cpu = append(t.cpu, cpu)
	t.found = append(t.found, found)
}

// lower keeps, for the i-th query, the least of its times so far and of
// took, and of its CPU times and of cpu.
func (t *timings) lower(i int, took, cpu time.Duration) {
	t.took[i] = min(t.took[i], took)
	t.cpu[i] = min(t.cpu[i], cpu)
}

// report prints the percentiles of the times, of the CPU times if
// withCPU, the times by kind of query, and the slowest queries.
func (t *timings) report(label string, withCPU bool, cpuLabel string) {
	some, entries := 0, 0
	byKind := map[string][]time.Duration{}
	var kinds []string
	for i, q := range t.queries {
		if t.found[i] > 0 {
			some++
		}
		entries += t.found[i]
		if _, ok := byKind[q.Kind]; !ok {
			kinds = append(kinds, q.Kind)
		}
		byKind[q.Kind] = append(byKind[q.Kind], t.took[i])
	}
	fmt.Printf("search           %-28s %s  (%d of them found something, %.1f results on average)\n",
		label, spread(t.took), some, float64(entries)/float64(len(t.queries)))
	if withCPU {
		fmt.Printf("  %-43s %s\n", cpuLabel, spread(t.cpu))
	}
	for _, k := range kinds {
		fmt.Printf("  by kind %-35s %s\n", k, spread(byKind[k]))
	}
	order := make([]int, len(t.queries))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(t.took[b], t.took[a]) })
	fmt.Printf("  slowest:")
	for _, i := range order[:min(5, len(order))] {
		fmt.Printf("  %q %.1f ms", t.queries[i].Q, ms(t.took[i]))
	}
	fmt.Println()
}

// spread says n, p50, p90, p99 and the maximum of ts.
func spread(ts []time.Duration) string {
	return fmt.Sprintf("n=%-3d  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms",
		len(ts), ms(pct(ts, 50)), ms(pct(ts, 90)), ms(pct(ts, 99)), ms(slices.Max(ts)))
}

// pct returns the p-th percentile of ts by the nearest-rank method.
func pct(ts []time.Duration, p float64) time.Duration {
	s := slices.Clone(ts)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
