package ingest

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"

	"github.com/tagfeed/tagfeed"
)

// passGrouper stands for the story grouper: each pass records which
// changes had been handed to the grouping when it began, and the first
// pass waits until release is closed.
type passGrouper struct {
	mu      sync.Mutex
	passes  [][]int64 // per pass, the sources whose changes were recorded
	started chan struct{}
	release chan struct{}
	added   func() []int64
}

func (g *passGrouper) Group(context.Context) (int, error) {
	g.mu.Lock()
	first := len(g.passes) == 0
	g.passes = append(g.passes, g.added())
	g.mu.Unlock()
	if first {
		close(g.started)
		<-g.release
	}
	return 0, nil
}

// TestGroupingCoalesces stores items from four reads while a grouping
// pass runs: those reads return at once, one more pass groups all their
// items, and every change is announced after the pass that grouped its
// items, by the read that ran the passes.
func TestGroupingCoalesces(t *testing.T) {
	var mu sync.Mutex
	var added, announced []int64
	g := &passGrouper{started: make(chan struct{}), release: make(chan struct{}),
		added: func() []int64 { mu.Lock(); defer mu.Unlock(); return slices.Clone(added) }}
	gr := &grouping{grouper: g, log: slog.New(slog.DiscardHandler), announce: func(c Change) {
		mu.Lock()
		defer mu.Unlock()
		announced = append(announced, c.Source.ID)
	}}
	read := func(id int64) {
		mu.Lock()
		added = append(added, id)
		mu.Unlock()
		gr.add(context.Background(), Change{Source: tagfeed.Source{ID: id}, Counts: tagfeed.SaveCounts{New: 1}})
	}

	first := make(chan struct{})
	go func() { read(1); close(first) }()
	<-g.started
	for id := int64(2); id <= 5; id++ {
		read(id) // returns while the first read's pass runs
	}
	mu.Lock()
	if len(announced) != 0 {
		t.Errorf("announced %v before any pass ended", announced)
	}
	mu.Unlock()
	close(g.release)
	<-first

	if want := [][]int64{{1}, {1, 2, 3, 4, 5}}; !slices.EqualFunc(g.passes, want, slices.Equal) {
		t.Errorf("passes saw %v, want %v", g.passes, want)
	}
	if want := []int64{1, 2, 3, 4, 5}; !slices.Equal(announced, want) {
		t.Errorf("announced %v, want %v", announced, want)
	}
	// With no pass running, a read groups and announces before it returns.
	read(6)
	if len(g.passes) != 3 || !slices.Equal(announced, []int64{1, 2, 3, 4, 5, 6}) {
		t.Errorf("after a lone read: %d passes, announced %v", len(g.passes), announced)
	}
}
