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
	plain   *automaton  // terms of tags that keep diacritics, and cues, over f
	bare    *automaton  // terms of fold_diacritics tags, and cues, over d; nil if none
	fields  uint8       // the fields some tag looks at
	// longestSense is the length of the longest other sense, in bytes.
	longestSense int32
	hash         string
	examples     map[string]tagfeed.Examples // by tag name
	pool         sync.Pool                   // of *scratch
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
	examples := make(map[string]tagfeed.Examples)
	for _, name := range names {
		cp.addRule(name, rules[name])
		examples[name] = rules[name].Examples
	}
	if len(cp.errs) > 0 {
		return nil, errors.Join(cp.errs...)
	}
	e := &Engine{rules: cp.rules, hash: rulesHash(Version, names, rules), examples: examples}
	for _, r := range e.rules {
		e.fields |= r.fields
	}
	if len(cp.rules) > 0 {
		cp.addCues(AgendaCues(), listOpeners())
	}
	e.entries, e.texts = cp.entries, cp.texts
	for _, en := range e.entries {
		if en.role == roleSense {
			e.longestSense = max(e.longestSense, en.size)
		}
	}
	if len(cp.plain) > 0 {
		e.plain = newAutomaton(cp.plain)
	}
	if len(cp.bare) > 0 && hasFold(e.rules) {
		e.bare = newAutomaton(cp.bare)
	}
	e.pool.New = func() any { return new(scratch) }
	return e, nil
}

// hasFold reports whether some rule matches without diacritics.
func hasFold(rules []rule) bool {
	for _, r := range rules {
		if r.fold {
			return true
		}
	}
	return false
}

// RulesHash identifies the rules and the matching semantics (Version):
// when it changes, stored items must be tagged again. Titles,
// descriptions and examples do not count; they change no tag.
func (e *Engine) RulesHash() string {
	return e.hash
}

// TagText tags a plain text that has a title and a body, as an item whose
// content is the body. Either may be empty.
func (e *Engine) TagText(title, body string) []tagfeed.ItemTag {
	return e.Tag(&tagfeed.Item{Title: title, Content: body})
}

// Tag returns the tags that apply to the item, sorted by name, each with
// its score and why. It returns nil when no tag applies.
func (e *Engine) Tag(item *tagfeed.Item) []tagfeed.ItemTag {
	return e.run(item, false)
}

// Explain returns, sorted by name, every tag of which some term was found
// in the item, whether it applies or not: with its score and threshold,
// what each term added, the hits cancelled as other senses, and the
// exclude term that vetoed it, if one did. It returns nil when no term of
// any tag was found.
func (e *Engine) Explain(item *tagfeed.Item) []tagfeed.ItemTag {
	return e.run(item, true)
}

// run scans the item and scores its tags: every tag something of which
// was found if all is set, else those that apply.
func (e *Engine) run(item *tagfeed.Item, all bool) []tagfeed.ItemTag {
	sc := e.pool.Get().(*scratch)
	defer e.putScratch(sc)
	sc.all = all
	sc.results, sc.termRes, sc.matchRes, sc.cancelled = sc.results[:0], sc.termRes[:0], sc.matchRes[:0], sc.cancelled[:0]
	e.scanItem(sc, item)
	e.assess(sc)
	return e.results(sc)
}

// maxFieldBytes is how much of a field is matched; the rest is ignored.
// It keeps offsets in the normalized text, up to three times as long,
// within int32.
const maxFieldBytes = 256 << 20

// scratch is the working memory of one Explain call, reused through a pool.
type scratch struct {
	fm        forms
	raw       []rawMatch
	later     []rawMatch // scratch for automaton.scan
	hits      []hit
	parts     []uint8       // the field of each part scanned
	cues      []cue         // agenda cues in the part being collected
	openers   []span        // list openers in the part being collected
	sentences partSentences // of the part being collected
	// agendaFound marks the entries already found as an agenda item in
	// the item, which need not be looked for again.
	agendaFound []bool
	lead        []byte // the scanned form of the content's first paragraph
	bodyWords   int
	// lengthFactor scales body hits, by bodyWords.
	lengthFactor float64
	byTag        []hit          // hits, grouped by tag
	starts       []int          // where each tag's hits start in byTag
	counts       []termCount    // by rank, for the tag being scored
	byField      []int32        // hits by field and rank, for the tag being scored
	cancels      [][2]int32     // rank and sense entry of each cancelled hit, for the tag being scored
	points       []float64      // by rank, for the tag being scored
	notes        []tagfeed.Note // by rank, for the tag being scored
	order        []int32        // ranks found, for the tag being scored
	touched      []int32        // field × terms + rank of each count in byField in use
	all          bool           // explain every tag found, not only those that apply
	results      []tagResult    // the tags explained
	termRes      []termResult   // their terms
	matchRes     []matchResult  // their matches
	cancelled    [][2]int32     // their cancelled hits, as in cancels
}

// maxKept is the most buffer capacity, in bytes or elements, a scratch
// keeps for the next call; one huge item should not pin its memory.
const maxKept = 1 << 20

func (e *Engine) putScratch(sc *scratch) {
	if cap(sc.fm.src) > maxKept || cap(sc.fm.nfc) > maxKept || cap(sc.fm.c) > maxKept ||
		cap(sc.fm.cd) > maxKept || cap(sc.raw) > maxKept || cap(sc.later) > maxKept ||
		cap(sc.hits) > maxKept || cap(sc.byTag) > maxKept || cap(sc.lead) > maxKept {
		return
	}
	e.pool.Put(sc)
}
