package tagfeed

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// DataVersion counts the changes to the stored data, for caches of what is
// made from it. Each number only grows; another process's changes count
// too.
type DataVersion struct {
	// Items counts the changes to items, their tags and their sources'
	// names: what feeds are made of.
	Items int64
	// Sources counts the fetches recorded: what the sources' health shows.
	Sources int64
	// Changed is when Items last grew.
	Changed time.Time
}

// SaveCounts tells what saving a batch of items did.
type SaveCounts struct {
	New       int // items not stored before
	Updated   int // items whose content or tags changed
	Unchanged int // items stored before and still the same
}

// Add returns the sum of two counts.
func (c SaveCounts) Add(d SaveCounts) SaveCounts {
	return SaveCounts{New: c.New + d.New, Updated: c.Updated + d.Updated, Unchanged: c.Unchanged + d.Unchanged}
}

// Outcome summarises the counts in one word: "new", "updated" or "unchanged".
func (c SaveCounts) Outcome() string {
	switch {
	case c.New > 0:
		return "new"
	case c.Updated > 0:
		return "updated"
	default:
		return "unchanged"
	}
}

// TagFunc computes the tags of an item.
type TagFunc func(*Item) []ItemTag

// Tagger assigns topic tags to items. tag.Engine implements it.
type Tagger interface {
	// Tag returns the item's tags, sorted by name, with what matched.
	Tag(item *Item) []ItemTag
	// RulesHash identifies the rules (and the matching semantics); when it
	// changes, stored items must be tagged again.
	RulesHash() string
}

// RetagChunk is a run of stored items as a retag reads them, in id
// order, and when the store read them, by its clock.
type RetagChunk struct {
	Items []RetagItem
	Read  time.Time
}

// RetagItem is a stored item as a retag reads it: the item, with ID,
// SourceID, Key, Title, Summary, Content and Author filled and no tags,
// its dates, its content hash and its stored tags.
type RetagItem struct {
	Item                 Item
	Published, FirstSeen time.Time
	Hash                 string
	Tags                 []TagRecord
}

// RetagChange is an item's new tags, and how a retag stores them.
type RetagChange struct {
	Item     *Item
	Hash     string      // the content hash the tags were computed from
	Old      []TagRecord // the tags stored
	Tags     []TagRecord // the new tags
	Decision SaveDecision
}

// RetagOptions controls a retag of every stored item.
type RetagOptions struct {
	DryRun   bool                  // compute the changes but write nothing
	Examples int                   // examples to keep per tag gained or lost
	Progress func(done, total int) // called now and then, if set
	// Explain, if set, explains an item's tags under the new rules, applied
	// or not; the report's examples carry the explanation of their tag.
	Explain func(*Item) []ItemTag
}

// RetagReport tells what a retag pass changed, or would change.
type RetagReport struct {
	Items   int // items looked at
	Changed int // items that gained or lost a tag; they count as updated
	// Rescored is the items that kept their tags but whose scores or
	// matched terms changed: their explanations are rewritten, and
	// readers see no change.
	Rescored int
	Tags     map[string]*TagChange // by tag name
}

// TagChange is what a retag did to one tag.
type TagChange struct {
	Gained, Lost                 int
	GainedExamples, LostExamples []RetagExample
}

// RetagExample is an item that gained or lost a tag in a retag.
type RetagExample struct {
	Title string // the item's title, or its key if it has none
	// Why is the tag's explanation under the new rules, if
	// RetagOptions.Explain was set: why the item has the tag now, or why it
	// has not. It is the zero ItemTag when no term of the tag was found.
	Why ItemTag
}

// Store keeps sources, items and their tags. db.DB implements it.
type Store interface {
	// EnsureSource returns the source of that kind and URL, creating it
	// with the given title if it is new.
	EnsureSource(ctx context.Context, kind SourceKind, url, title string) (Source, error)
	// EnsureSources is EnsureSource for many sources, in one transaction.
	EnsureSources(ctx context.Context, specs []SourceSpec) ([]Source, error)
	// MoveSource gives a source a new URL, keeping its items: a seed folder
	// written another way in the config, or moved.
	MoveSource(ctx context.Context, id int64, url string) error
	// Source returns one source by id, or ErrNotFound.
	Source(ctx context.Context, id int64) (Source, error)
	// Sources returns every source with its item count, in id order.
	Sources(ctx context.Context) ([]Source, error)
	// SaveFetch records one read of src in a single transaction: its
	// title, site URL, fetch URL and status, and the items, matched to
	// stored ones by key and stored as policy decides. It never deletes
	// items.
	SaveFetch(ctx context.Context, src Source, items []Item, policy SavePolicy) (SaveCounts, error)
	// SaveItems stores items of a source as policy decides, in a single
	// transaction, leaving the source's state as it is: a batch of a read
	// that has more to come.
	SaveItems(ctx context.Context, sourceID int64, items []Item, policy SavePolicy) (SaveCounts, error)
	// Fingerprints returns the fingerprints of a source's stored items,
	// by key, for those that have one (Item.Fingerprint).
	Fingerprints(ctx context.Context, sourceID int64) (map[string]string, error)

	// Items returns the stored items sel selects, with their tags: newest
	// first, or for a search the best matches first. A search that cannot
	// be read is an error wrapping ErrBadSearch.
	Items(ctx context.Context, sel Selection) ([]Item, error)
	// DataVersion tells when the stored data last changed, cheaply enough to
	// ask before every answer served from a cache.
	DataVersion(ctx context.Context) (DataVersion, error)
	// Count returns how many stored items sel selects, whatever its
	// limit; with sel.Stories, how many stories.
	Count(ctx context.Context, sel Selection) (int, error)
	// DailyCounts returns how many of the items sel selects were published
	// on each of the days UTC days up to and including end's, oldest first.
	DailyCounts(ctx context.Context, sel Selection, days int, end time.Time) ([]int, error)
	// TagCounts returns how many items carry each tag.
	TagCounts(ctx context.Context) (map[string]int, error)

	// ReadRetag reads up to n stored items with ids above after, in id
	// order, with their tags, in one snapshot; none once it has read them
	// all. Fetches go on meanwhile.
	ReadRetag(ctx context.Context, after int64, n int) (RetagChunk, error)
	// WriteRetag stores the new tags of changes in one transaction, each
	// as its decision says, and skips every item whose content changed
	// since its tags were computed (its hash is not Hash any more). It
	// returns the changes it wrote, reusing the slice.
	WriteRetag(ctx context.Context, changes []RetagChange) ([]RetagChange, error)
	// RulesHash returns the hash of the rules the stored tags were made
	// with, or "" if none is recorded.
	RulesHash(ctx context.Context) (string, error)
	// SetRulesHash records the hash of the rules the stored tags were made with.
	SetRulesHash(ctx context.Context, hash string) error

	Close() error
}
