package feeds

import (
	"fmt"

	"github.com/tagfeed/tagfeed"
)

// Format is a feed format tagfeed publishes.
type Format int

// The published feed formats.
const (
	RSS  Format = iota // RSS 2.0
	Atom               // Atom 1.0 (RFC 4287)
	JSON               // JSON Feed 1.1
)

// Formats returns every published format, in the order they are offered.
func Formats() []Format {
	return []Format{RSS, Atom, JSON}
}

// ParseFormat returns the format named by a feed file extension: "rss",
// "atom" or "json". An unknown name is an error wrapping tagfeed.ErrNotFound.
func ParseFormat(name string) (Format, error) {
	for _, f := range Formats() {
		if f.Ext() == name {
			return f, nil
		}
	}
	return 0, fmt.Errorf("feeds: unknown feed format %q (want rss, atom or json): %w", name, tagfeed.ErrNotFound)
}

// Ext returns the format's file extension, without the dot.
func (f Format) Ext() string {
	switch f {
	case RSS:
		return "rss"
	case Atom:
		return "atom"
	case JSON:
		return "json"
	}
	return ""
}

// String returns the format's human name, such as "RSS".
func (f Format) String() string {
	switch f {
	case RSS:
		return "RSS"
	case Atom:
		return "Atom"
	case JSON:
		return "JSON Feed"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// MediaType returns the format's media type without parameters, as used in
// <link rel="alternate" type="…">.
func (f Format) MediaType() string {
	switch f {
	case RSS:
		return "application/rss+xml"
	case Atom:
		return "application/atom+xml"
	case JSON:
		return "application/feed+json"
	}
	return "application/octet-stream"
}

// ContentType returns the Content-Type header value the format is served with.
func (f Format) ContentType() string {
	return f.MediaType() + "; charset=utf-8"
}
