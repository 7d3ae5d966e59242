package tagfeed

import (
	"net/url"
	"strings"
	"time"
)

// SourceKind tells a live feed from a folder of seed articles.
type SourceKind string

// The kinds of source.
const (
	SourceFeed SourceKind = "feed" // a live RSS, Atom or JSON feed
	SourceSeed SourceKind = "seed" // a local folder of article files
)

// Source is somewhere items come from.
type Source struct {
	ID   int64
	Kind SourceKind
	// URL identifies the source: the feed URL as configured, or the seed
	// folder's path as configured.
	URL string
	// FetchURL is where a feed is fetched from now: URL, or where a
	// permanent redirect moved it.
	FetchURL string
	Title    string // the configured title, else the feed's own
	SiteURL  string // the feed's home page, if it names one
	Status   FetchStatus

	ItemCount int // filled when sources are listed
}

// SourceSpec names a source to ensure in a store: its kind, URL and, if
// the config gives one, its title.
type SourceSpec struct {
	Kind       SourceKind
	URL, Title string
}

// Location returns the URL a feed is fetched from now.
func (s *Source) Location() string {
	if s.FetchURL != "" {
		return s.FetchURL
	}
	return s.URL
}

// Name names the source for people (SourceName).
func (s *Source) Name() string {
	return SourceName(s.Kind, s.URL, s.Title)
}

// SourceName names a source for people: by its title; a feed without one
// by its host, which reads better than a long URL; a folder by its path.
func SourceName(kind SourceKind, rawURL, title string) string {
	if title != "" {
		return title
	}
	if kind != SourceSeed {
		if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
			return strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	return rawURL
}

// FetchStatus is what tagfeed remembers between fetches of a source.
type FetchStatus struct {
	ETag         string // validator for If-None-Match
	LastModified string // validator for If-Modified-Since

	LastAttempt time.Time
	LastSuccess time.Time
	HTTPStatus  int    // status of the last response; 0 if none came
	Error       string // why the last attempt failed; empty when it succeeded
	// Warning says what the last successful fetch could not read, when it
	// read the rest: a document that breaks off, items left out, an
	// encoding guessed. Empty when it read everything.
	Warning   string
	Failures  int // consecutive failures, for backoff; 0 after a success
	NextFetch time.Time
	// MinInterval is the least time between fetches the feed asked for
	// (its ttl, sy:updatePeriod or Cache-Control max-age).
	MinInterval time.Duration
	// Gone is set when the server answered 410: the feed is not fetched again.
	Gone bool
}

// Revive makes a feed the server had called gone (410) due again at now:
// the operator asked for it, and how says so in the status.
func (st *FetchStatus) Revive(how string, now time.Time) {
	st.Gone, st.Error, st.Failures = false, "", 0
	st.NextFetch = now
	st.Warning = how
}

// Failing reports whether the last attempt to fetch the source failed.
func (st *FetchStatus) Failing() bool {
	return st.Error != ""
}

// BackingOff reports whether the source is failing and its next fetch,
// put off by backoff or the server's Retry-After, is still ahead.
func (st *FetchStatus) BackingOff(now time.Time) bool {
	return st.Failing() && st.NextFetch.After(now)
}
