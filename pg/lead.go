package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/tagfeed/tagfeed"
)

var _ tagfeed.StoryLeader = (*Store)(nil)

// storyLock is the first key of the session advisory lock that the
// process leading story grouping holds ("tfst" in ASCII); the second is
// the hash of the store's schema, since advisory locks are the whole
// database's and each schema may hold a tagfeed store of its own.
const storyLock int32 = 0x74667374

// LeadStories reports whether this process leads story grouping. The
// lead is a session advisory lock, held on a connection the store keeps
// out of its pool: it ends when the store closes or the connection dies
// (with the process, even a SIGKILLed one), and another process then
// takes it at its next call. A leader checks its connection at each call,
// so that it does not go on believing it leads after the lock has gone.
func (s *Store) LeadStories(ctx context.Context) (bool, error) {
	s.leadMu.Lock()
	defer s.leadMu.Unlock()
	if s.leadConn != nil {
		if _, err := s.leadConn.Exec(ctx, `SELECT 1`); err == nil {
			return true, nil
		}
		s.dropLead()
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("pg: lead story grouping: %w", err)
	}
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, hashtext(current_schema()))`, storyLock).Scan(&got); err != nil {
		conn.Release()
		return false, fmt.Errorf("pg: lead story grouping: %w", err)
	}
	if !got {
		conn.Release()
		return false, nil
	}
	s.leadConn = conn.Hijack() // kept out of the pool, and of its Close
	return true, nil
}

// dropLead gives up the lead: it unlocks, then closes the leader's
// connection. Closing alone would end the lock too, but only once the
// server has noticed the connection is gone, a moment after Close
// returns; the unlock makes the lead free the moment dropLead returns,
// for whichever process asks next. The caller holds leadMu.
func (s *Store) dropLead() {
	if s.leadConn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// A connection already broken has no lock to unlock or end.
		s.leadConn.Exec(ctx, `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, storyLock)
		s.leadConn.Close(ctx)
		s.leadConn = nil
	}
}
