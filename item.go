package tagfeed

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
	"strconv"
	"time"
)

// Item is one article, from a live feed or a seed file, normalized.
type Item struct {
	ID       int64
	SourceID int64

	// Key identifies the item within its source: the feed's GUID, else its
	// link, else a hash of its content; for a seed article, the file name.
	Key  string
	GUID string // the feed's own id, when it gave one
	Link string // absolute URL of the original article; empty for seeds

	Title   string
	Summary string // sanitized HTML
	Content string // sanitized HTML; for a seed, the cleaned text as paragraphs
	Author  string
	Outlet  string // the publication, when the text names it ("Dân trí")

	// Published is the date the source gave (following it if the source
	// changes it), or the time tagfeed first saw the item when it gave none,
	// which then stays.
	Published time.Time
	// Updated dates the item's current version: Published for the version
	// first stored, then the time tagfeed saw its content or tags change.
	// Readers see a retagged item as updated.
	Updated time.Time

	Tags []ItemTag // sorted by tag name

	// SourceTitle is filled when items are read back, for display.
	SourceTitle string
}

// Field names a part of an item that tag rules can look at.
type Field string

// The fields of an item that tag rules match against.
const (
	FieldTitle   Field = "title"
	FieldSummary Field = "summary"
	FieldContent Field = "content"
	FieldAuthor  Field = "author"
)

// AllFields returns every matchable field, in the order they are matched.
func AllFields() []Field {
	return []Field{FieldTitle, FieldSummary, FieldContent, FieldAuthor}
}

// Valid reports whether f names a matchable field.
func (f Field) Valid() bool {
	return slices.Contains(AllFields(), f)
}

// ItemTag is a topic assigned to an item, with why it was assigned.
type ItemTag struct {
	Tag     string  // the tag's name in the config, such as "ai"
	Score   int     // the weighted sum of the matches
	Matches []Match // what matched, sorted by field then term
}

// Match explains one term that matched in one field of an item.
type Match struct {
	Term  string // the rule's term as configured, such as "chip*" or a regex
	Field Field
	Count int
}

// TagNames returns the names of the item's tags, sorted.
func (it *Item) TagNames() []string {
	names := make([]string, 0, len(it.Tags))
	for _, t := range it.Tags {
		names = append(names, t.Tag)
	}
	slices.Sort(names)
	return names
}

// HasTag reports whether the item carries the named tag.
func (it *Item) HasTag(name string) bool {
	for _, t := range it.Tags {
		if t.Tag == name {
			return true
		}
	}
	return false
}

// Hash returns a digest of the item's content as the source gave it. Two
// fetches of an unchanged item give the same hash; any change in the title,
// link, text, author or date gives a different one.
func (it *Item) Hash() string {
	h := sha256.New()
	for _, s := range []string{it.GUID, it.Link, it.Title, it.Summary, it.Content, it.Author, it.Outlet} {
		io.WriteString(h, strconv.Itoa(len(s)))
		io.WriteString(h, ":")
		io.WriteString(h, s)
	}
	if !it.Published.IsZero() {
		io.WriteString(h, it.Published.UTC().Format(time.RFC3339))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SameTags reports whether two tag lists name the same tags with the same
// scores and explanations.
func SameTags(a, b []ItemTag) bool {
	return slices.EqualFunc(a, b, func(x, y ItemTag) bool {
		return x.Tag == y.Tag && x.Score == y.Score && slices.Equal(x.Matches, y.Matches)
	})
}
