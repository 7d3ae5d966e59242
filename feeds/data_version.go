package feeds

import (
	"context"
	"time"

	"github.com/tagfeed/tagfeed"
)

// dataVersion is the part of the store's tagfeed.DataVersion an answer
// depends on: its items always, its sources' health for pages that show it.
type dataVersion struct{ items, sources int64 }

// versionCheck is the store's data version as last read, and when.
type versionCheck struct {
	v       tagfeed.DataVersion
	checked time.Time
}

// dataVersion returns the store's data version, reading it at most once
// per VersionEvery: a warm answer costs no query more often than that. A
// failed read keeps the last version.
func (s *Server) dataVersion(ctx context.Context) tagfeed.DataVersion {
	last := s.version.Load()
	now := time.Now()
	if last != nil && now.Sub(last.checked) < s.versionEvery() {
		return last.v
	}
	if !s.checking.CompareAndSwap(false, true) {
		if last != nil {
			return last.v // another request is reading it
		}
	} else {
		defer s.checking.Store(false)
	}
	v, err := s.store.DataVersion(ctx)
	if err != nil {
		s.log.Warn("feeds: read the data version", "err", err)
		if last != nil {
			return last.v
		}
		return tagfeed.DataVersion{}
	}
	s.version.Store(&versionCheck{v: v, checked: now})
	return v
}

// DataChanged tells the server that the stored data changed, as the
// ingest pipeline announces: the next answer reads the data version
// again instead of waiting out VersionEvery. Answers made meanwhile, while
// that one reads it, go by the version last read.
func (s *Server) DataChanged() {
	if last := s.version.Load(); last != nil {
		s.version.Store(&versionCheck{v: last.v}) // checked long ago
	}
}

// versionEvery is VersionEvery, or a second when it is not set.
func (s *Server) versionEvery() time.Duration {
	if s.VersionEvery > 0 {
		return s.VersionEvery
	}
	return time.Second
}
