package db

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tagfeed/tagfeed"
)

// maxGroup is the most saves one transaction commits.
const maxGroup = 64

// stateLinger is how long a group of saves that only record their
// sources' fetch states waits for more before it commits. Such saves
// are too quick to keep the writer busy, so, without the wait, an
// unchanged round (every feed a 304) committed about every other one on
// its own: 581 transactions for 1,000 feeds in BenchmarkRound's second
// round; with it, 113, and the round takes as long (701-712 ms against
// 708-721 in three runs each). A group with items to store begins at
// once; one that comes during a wait joins that group.
const stateLinger = 2 * time.Millisecond

// A group commits the saves of several sources in one transaction: a
// round of many feeds then pays for few commits, which are most of a
// small save's cost. Each save runs in a savepoint of its own, so it
// stays atomic: one that fails is rolled back alone, and the others
// commit. A kill loses the whole transaction, which is no worse than
// losing one save: none of its sources' states moved on, so each source
// is read again.
//
// There is no goroutine of its own. The first save to arrive while none
// runs leads: it runs the saves queued (its own first) in one
// transaction, and again until its own has run; then it hands the lead to
// the next save queued, if any. A save that arrives while another runs
// waits in the queue, and is committed with the others that queued up
// meanwhile: the busier the writer, the larger the groups. Saves of fetch
// states alone keep it idle, so a leader of those waits stateLinger for
// more before it begins.
type group struct {
	mu      sync.Mutex
	queue   []*saveJob
	busy    bool          // a leader is running saves
	linger  time.Duration // stateLinger, unless a test sets it
	commits atomic.Int64  // transactions committed, for tests
}

// saveJob is one save waiting to be committed.
type saveJob struct {
	ctx    context.Context
	state  bool // it only records its source's fetch state
	run    func(w *writer) (tagfeed.SaveCounts, error)
	counts tagfeed.SaveCounts
	err    error
	search []searchEntry // the items it saved, to index once all have run
	done   chan struct{} // closed once the save is committed or has failed
	lead   chan struct{} // closed when the save is to lead the next group
}

// commit runs a save in a group transaction, and returns what it did once
// that transaction has committed. state says the save only records its
// source's fetch state.
func (d *DB) commit(ctx context.Context, state bool, run func(w *writer) (tagfeed.SaveCounts, error)) (tagfeed.SaveCounts, error) {
	g := &d.group
	job := &saveJob{ctx: ctx, state: state, run: run, done: make(chan struct{}), lead: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, job)
	leading := !g.busy
	g.busy = true
	g.mu.Unlock()
	if !leading {
		select {
		case <-job.done:
			return job.counts, job.err
		case <-job.lead:
		}
	}
	for {
		g.mu.Lock()
		if g.onlyStates() {
			g.mu.Unlock()
			time.Sleep(cmp.Or(g.linger, stateLinger)) // the saves that come meanwhile join the group
			g.mu.Lock()
		}
		batch := g.queue[:min(len(g.queue), maxGroup)]
		g.queue = g.queue[len(batch):]
		g.mu.Unlock()
		d.commitGroup(batch)
		select {
		case <-job.done:
		default:
			continue // its save was not in this group
		}
		break
	}
	g.mu.Lock()
	if len(g.queue) > 0 {
		close(g.queue[0].lead)
	} else {
		g.busy = false
	}
	g.mu.Unlock()
	return job.counts, job.err
}

// onlyStates reports whether every save queued only records a fetch
// state, and there is room in the group for more. g.mu must be held.
func (g *group) onlyStates() bool {
	if len(g.queue) >= maxGroup {
		return false
	}
	for _, job := range g.queue {
		if !job.state {
			return false
		}
	}
	return true
}

// commitGroup runs the saves of batch in one transaction, each in a
// savepoint, then indexes for search the items of those that succeeded,
// and commits. Should the indexing fail, every save of the group fails
// with it: their sources are read again.
func (d *DB) commitGroup(batch []*saveJob) {
	defer func() {
		for _, job := range batch {
			close(job.done)
		}
	}()
	tx, err := d.begin(context.Background())
	if err != nil {
		for _, job := range batch {
			job.err = err
		}
		return
	}
	defer tx.Rollback()
	bound := map[string]*sql.Stmt{}
	var saved []*saveJob
	for _, job := range batch {
		if job.err = job.ctx.Err(); job.err != nil {
			continue
		}
		job.counts, job.err = d.runSavepoint(tx, bound, job)
		// Let the requests waiting for a core run between saves, as the
		// ingest pipeline's other item loops do (see package ingest).
		runtime.Gosched()
		if job.err == nil {
			saved = append(saved, job)
		}
	}
	err = d.indexSaved(tx, bound, saved)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		for _, job := range saved {
			job.counts, job.err = tagfeed.SaveCounts{}, fmt.Errorf("commit: %w", err)
		}
		return
	}
	d.group.commits.Add(1)
}

// The savepoint that holds one save of a group.
const (
	sqlSavepoint = `SAVEPOINT save`
	sqlRelease   = `RELEASE save`
)

// runSavepoint runs one save inside tx, rolled back alone if it fails.
func (d *DB) runSavepoint(tx *sql.Tx, bound map[string]*sql.Stmt, job *saveJob) (tagfeed.SaveCounts, error) {
	w := &writer{ctx: job.ctx, tx: tx, stmts: d.stmts, bound: bound}
	if _, err := w.exec(sqlSavepoint); err != nil {
		return tagfeed.SaveCounts{}, err
	}
	counts, err := job.run(w)
	if err != nil {
		// The rollback must run even when the save's context has ended.
		if _, rbErr := tx.ExecContext(context.Background(), `ROLLBACK TO save; RELEASE save`); rbErr != nil {
			return tagfeed.SaveCounts{}, fmt.Errorf("%w; and rolling it back: %v", err, rbErr)
		}
		return tagfeed.SaveCounts{}, err
	}
	if _, err = w.exec(sqlRelease); err != nil {
		return tagfeed.SaveCounts{}, err
	}
	job.search = w.search
	return counts, nil
}

// indexSaved indexes for search the items that the saves stored, in tx.
// It runs whatever the saves' contexts say: their items are in the
// transaction, and the search index must not go without them.
func (d *DB) indexSaved(tx *sql.Tx, bound map[string]*sql.Stmt, saved []*saveJob) error {
	w := &writer{ctx: context.Background(), tx: tx, stmts: d.stmts, bound: bound}
	for _, job := range saved {
		w.search = job.search
		if err := w.writeSearch(d); err != nil {
			return err
		}
	}
	return nil
}
