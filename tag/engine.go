package tag

import (
	"errors"
	"sort"
	"sync"

	"github.com/tagfeed/tagfeed"
)

// Engine applies a set of tag rules to items. It implements
// tagfeed.Tagger. It does not change after New and is safe for concurrent
// use by any number of goroutines.
type Engine struct {
	rules   []rule
	entries []entry
	texts   []entryText // by entry
	plain   *automaton  // terms of tags that keep diacritics, over f; nil if none
	bare    *automaton  // terms of fold_diacritics tags, over d; nil if none
	fields  uint8       // the fields some tag looks at
	hash    string
	pool    sync.Pool // of *scratch
}

var _ tagfeed.Tagger = (*Engine)(nil)

// New compiles rules, keyed by tag name. Every problem with them comes
// back, joined, as a *tagfeed.ConfigError whose Key names the tag and the
// term ("tags.ai.keywords[2]"); pass the error to Config.Locate to add the
// file and line.
func New(rules map[string]tagfeed.TagRule) (*Engine, error) {
	names := make([]string, 0, len(rules))
	for name := range rules {
		names = append(names, name)
	}
	sort.Strings(names)
	var cp compiler
	for _, name := range names {
		cp.addRule(name, rules[name])
	}
	if len(cp.errs) > 0 {
		return nil, errors.Join(cp.errs...)
	}
	e := &Engine{rules: cp.rules, entries: cp.entries, texts: cp.texts, hash: rulesHash(Version, names, rules)}
	if len(cp.plain) > 0 {
		e.plain = newAutomaton(cp.plain)
	}
	if len(cp.bare) > 0 {
		e.bare = newAutomaton(cp.bare)
	}
	for _, r := range e.rules {
		e.fields |= r.fields
	}
	e.pool.New = func() any { return new(scratch) }
	return e, nil
}

// RulesHash identifies the rules and the matching semantics (Version):
// when it changes, stored items must be tagged again. Titles and
// descriptions do not count; they change no tag.
func (e *Engine) RulesHash() string {
	return e.hash
}

// TagText tags a plain text that has a title and a body, as `tagfeed tag`
// does with a file. The body is matched as an item's content; either may be
// empty.
func (e *Engine) TagText(title, body string) []tagfeed.ItemTag {
	return e.Tag(&tagfeed.Item{Title: title, Content: body})
}

// Tag returns the item's tags, sorted by name, each with its score and the
// terms that matched, sorted by field (title, summary, content, author)
// then term. It returns nil when no tag applies.
func (e *Engine) Tag(item *tagfeed.Item) []tagfeed.ItemTag {
	sc := e.pool.Get().(*scratch)
	defer e.putScratch(sc)
	sc.hits = sc.hits[:0]
	for i, text := range [...]string{item.Title, item.Summary, item.Content, item.Author} {
		if e.fields&(1<<i) == 0 || text == "" {
			continue
		}
		text = text[:min(len(text), maxFieldBytes)]
		sc.fm.build(text, true, e.bare != nil)
		if e.plain != nil {
			sc.raw, sc.later = e.plain.scan(sc.fm.f, sc.raw[:0], sc.later)
			e.collect(sc, e.plain, uint8(i), sc.fm.f, sc.fm.c)
		}
		if e.bare != nil {
			sc.raw, sc.later = e.bare.scan(sc.fm.d, sc.raw[:0], sc.later)
			e.collect(sc, e.bare, uint8(i), sc.fm.d, sc.fm.cd)
		}
		e.collectRegexes(sc, uint8(i))
	}
	return e.score(sc)
}

// maxFieldBytes is how much of a field is matched; the rest is ignored.
// It keeps offsets in the normalized text, up to three times as long,
// within int32.
const maxFieldBytes = 256 << 20

// scratch is the working memory of one Tag call, reused through a pool.
type scratch struct {
	fm      forms
	raw     []rawMatch
	later   []rawMatch // scratch for automaton.scan
	hits    []hit
	byTag   []hit   // hits, grouped by tag
	starts  []int   // where each tag's hits start in byTag
	counts  []int32 // hits by field and term of the tag being scored
	touched []int32 // field<<24 | rank of each count in use
	matches []tagfeed.Match
	tags    []tagResult
}

// maxKept is the most buffer capacity, in bytes or elements, a scratch
// keeps for the next call; one huge item should not pin its memory.
const maxKept = 1 << 20

func (e *Engine) putScratch(sc *scratch) {
	if cap(sc.fm.src) > maxKept || cap(sc.fm.nfc) > maxKept || cap(sc.fm.c) > maxKept ||
		cap(sc.fm.cd) > maxKept || cap(sc.raw) > maxKept || cap(sc.later) > maxKept || cap(sc.hits) > maxKept || cap(sc.byTag) > maxKept {
		return
	}
	e.pool.Put(sc)
}
