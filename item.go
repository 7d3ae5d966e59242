package tagfeed

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
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
	// Language is the item's BCP 47 language, when its source says it:
	// the feed's language, the entry's xml:lang.
	Language string
	// Enclosures are the media the item carries: a podcast's audio, a
	// JSON Feed's attachments.
	Enclosures []Enclosure

	// Published is the date the source gave, following it if the source
	// changes it; zero when the source gave none: the date is unknown, and
	// FirstSeen says when tagfeed first saw the item. A date in the future
	// is clamped to the time the item was fetched.
	Published time.Time
	// Updated dates the item's current version: Published (or FirstSeen)
	// for the version first stored, then the time tagfeed saw its content
	// or tags change. Readers see a retagged item as updated.
	Updated time.Time
	// FirstSeen is when tagfeed first stored the item; filled when items
	// are read back.
	FirstSeen time.Time
	// Fingerprint identifies the file an item was read from as it was
	// (its size, modification time and hash), so that an unchanged file
	// need not be read again; empty for items of feeds.
	Fingerprint string
	// Modified is when the source says it last changed the item (Atom's
	// updated, dcterms:modified, JSON Feed's date_modified); zero when it
	// does not say. It is read from sources and not stored: a new version
	// of the item is stored as Updated at this time, not the fetch time.
	Modified time.Time

	Tags []ItemTag // sorted by tag name

	// Story places the item among the items that report the same event;
	// its ID is 0 until the item is grouped.
	Story StoryRef
	// Others are, in a listing that shows each story once, the other
	// items of this one's story that the listing selects, earliest first,
	// with their ids, titles, links and sources filled: the other outlets'
	// reports.
	Others []Item

	// SourceTitle, SourceKind and SourceURL describe the item's source;
	// they are filled when items are read back, for display and for
	// entry ids.
	SourceTitle string
	SourceKind  SourceKind
	SourceURL   string
}

// Enclosure is a medium an item carries.
type Enclosure struct {
	URL    string `json:"url"`
	Type   string `json:"type,omitempty"`   // its media type, such as audio/mpeg
	Length int64  `json:"length,omitempty"` // in bytes; 0 when unknown
}

// SortTime is when the item comes in a listing newest first: its date, or
// when tagfeed first saw it when its date is unknown.
func (it *Item) SortTime() time.Time {
	if it.Published.IsZero() {
		return it.FirstSeen
	}
	return it.Published
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

// ItemTag is a topic assigned to an item, with why it was assigned: its
// relevance score, the threshold it reached, and what each term of the
// rule added.
type ItemTag struct {
	Tag       string  // the tag's name in the config, such as "ai"
	Score     float64 // the relevance score: the sum of the terms' points
	Threshold float64 // the least score that applies the tag
	// Matches are the terms that counted, by field: where they were found.
	// They are sorted by field then term.
	Matches []Match
	// Terms are what each term found added to the score, the most first;
	// terms that took points away (against) and terms that added none
	// (context without support) are there too.
	Terms []TermScore
	// Cancelled are the hits that were inside another sense of a term
	// ("Ai Cập" for AI) and did not count.
	Cancelled []Cancel
	// BodyWords is the length of the item's body in words, which scales
	// what hits in the body add.
	BodyWords int
	// Excluded is the exclude term that vetoed the tag. It is only ever set
	// on the explanation of a tag that does not apply.
	Excluded string
}

// Applies reports whether the explained tag applies: its score reaches the
// threshold and no exclude term vetoed it.
func (t ItemTag) Applies() bool {
	return t.Excluded == "" && t.Score >= t.Threshold
}

// Match explains one term that matched in one field of an item.
type Match struct {
	Term  string // the rule's term as configured, such as "chip*" or a regex
	Field Field
	Count int
}

// Role is what a term of a tag's rule is: a strong or a weak sign of the
// topic, one that needs others beside it, or a sign of another subject. Its
// text form, in JSON too, is the name of the role.
type Role uint8

// The roles of a rule's terms.
const (
	RoleStrong  Role = iota // keywords, case_sensitive, regex
	RoleWeak                // weak
	RoleContext             // context
	RoleAgainst             // against
)

var roleNames = [...]string{RoleStrong: "strong", RoleWeak: "weak", RoleContext: "context", RoleAgainst: "against"}

// String returns the role's name: "strong", "weak", "context", "against".
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText writes the role's name.
func (r Role) MarshalText() ([]byte, error) { return enumText("role", roleNames[:], r) }

// UnmarshalText reads a role's name.
func (r *Role) UnmarshalText(text []byte) error { return parseEnum("role", roleNames[:], text, r) }

// Note says why a term adds less than its hits would. Its text form, in
// JSON too, says it in words.
type Note uint8

// The reasons a term adds less than its hits would.
const (
	NoteNone        Note = iota // it adds what its hits are worth
	NoteCapped                  // a weak, context or against term at its cap
	NoteUnsupported             // a context term with no other sign of the topic
	NoteAlone                   // an against term hit only once in all
)

var noteTexts = [...]string{NoteNone: "", NoteCapped: "capped", NoteUnsupported: "no other sign of the topic", NoteAlone: "the only sign against"}

// String says the note in words; NoteNone is "".
func (n Note) String() string {
	if int(n) < len(noteTexts) {
		return noteTexts[n]
	}
	return "note(" + strconv.Itoa(int(n)) + ")"
}

// MarshalText writes the note in words.
func (n Note) MarshalText() ([]byte, error) { return enumText("note", noteTexts[:], n) }

// UnmarshalText reads a note written in words.
func (n *Note) UnmarshalText(text []byte) error { return parseEnum("note", noteTexts[:], text, n) }

// enumText is the text of v, a value of an enumeration whose values are
// named by names.
func enumText[T ~uint8](kind string, names []string, v T) ([]byte, error) {
	if int(v) >= len(names) {
		return nil, fmt.Errorf("tagfeed: unknown %s %d", kind, v)
	}
	return []byte(names[v]), nil
}

// parseEnum sets *v to the value of an enumeration named text.
func parseEnum[T ~uint8](kind string, names []string, text []byte, v *T) error {
	i := slices.Index(names, string(text))
	if i < 0 {
		return fmt.Errorf("tagfeed: unknown %s %q", kind, text)
	}
	*v = T(i)
	return nil
}

// TermScore is what one term of a tag's rule added to an item's score:
// where it was found and how many times, and the points that came of it.
// Its JSON form is the one tagfeed prints and stores.
type TermScore struct {
	Term     string `json:"term"` // as configured
	Role     Role   `json:"role"`
	Agenda   bool   `json:"agenda,omitempty"`   // one hit was one of a few named agenda items
	Note     Note   `json:"note,omitzero"`      // why it adds less than its hits would, if it does
	Headline int32  `json:"headline,omitempty"` // hits in the headline (the title)
	Lead     int32  `json:"lead,omitempty"`     // hits in the lead: the summary, or the first paragraph
	Body     int32  `json:"body,omitempty"`     // hits in the rest
	// Points is what the term added to the score; negative for a term
	// against the topic.
	Points float64 `json:"points"`
}

// Where says where the term was found: "headline, lead, body ×3, agenda
// item", and why it counts less than its hits if it does.
func (s TermScore) Where() string {
	var parts []string
	for _, p := range []struct {
		name string
		n    int32
	}{{"headline", s.Headline}, {"lead", s.Lead}, {"body", s.Body}} {
		switch {
		case p.n == 1:
			parts = append(parts, p.name)
		case p.n > 1:
			parts = append(parts, p.name+" ×"+strconv.Itoa(int(p.n)))
		}
	}
	if s.Agenda {
		parts = append(parts, "agenda item")
	}
	out := strings.Join(parts, ", ")
	if s.Note != NoteNone {
		out += " (" + s.Note.String() + ")"
	}
	return out
}

// Cancel says that hits of a term were inside a phrase in which the term
// means something else, and did not count.
type Cancel struct {
	Term  string `json:"term"`  // the rule's term, as configured
	Sense string `json:"sense"` // the other sense, as configured
	Count int    `json:"count"`
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
	for _, s := range []string{it.GUID, it.Link, it.Title, it.Summary, it.Content, it.Author, it.Outlet, it.Language} {
		io.WriteString(h, strconv.Itoa(len(s)))
		io.WriteString(h, ":")
		io.WriteString(h, s)
	}
	for _, e := range it.Enclosures {
		fmt.Fprintf(h, "enclosure %d:%s %d:%s %d;", len(e.URL), e.URL, len(e.Type), e.Type, e.Length)
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
		return x.Tag == y.Tag && x.Score == y.Score && x.Threshold == y.Threshold &&
			x.BodyWords == y.BodyWords && x.Excluded == y.Excluded &&
			slices.Equal(x.Matches, y.Matches) && slices.Equal(x.Terms, y.Terms) &&
			slices.Equal(x.Cancelled, y.Cancelled)
	})
}
