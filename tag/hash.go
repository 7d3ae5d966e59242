package tag

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tagfeed/tagfeed"
)

// Version names the matching semantics: normalization, word boundaries,
// overlap, places, agenda lists and the relevance score. Change it whenever
// any of them changes, so that RulesHash changes and stored items are
// tagged again.
const Version = "tag/3"

// rulesHash digests everything that decides which tags an item gets: the
// engine's version, the score's constants, the Unicode tables it
// normalizes with, the agenda cues, and each rule but its title,
// description and examples. names are the rules' names, sorted.
func rulesHash(version string, names []string, rules map[string]tagfeed.TagRule) string {
	h := sha256.New()
	put := func(s string) {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	putList := func(name string, list []string) {
		put(name)
		fmt.Fprintf(h, "[%d]", len(list))
		for _, s := range list {
			put(s)
		}
	}
	put(version)
	put(unicode.Version)
	put(norm.Version)
	for r := roleStrong; r <= roleAgainst; r++ {
		hl, ld, bd := placePoints(r)
		fmt.Fprintf(h, "p%v,%v,%v;", hl, ld, bd)
	}
	fmt.Fprintf(h, "%d,%d,%d,%d,%d", MaxBodyHits, ReferenceWords, WeakCap, AgendaPoints, maxLeadWords)
	putList("cues", AgendaCues())
	putList("openers", listOpeners())
	for _, name := range names {
		r := rules[name]
		put("tag")
		put(name)
		for _, list := range r.TermLists() {
			terms := make([]string, len(list.Terms))
			for i, t := range list.Terms {
				terms[i] = t.Text
				if t.CaseSensitive {
					terms[i] += "\x00exact"
				}
			}
			putList(list.Name, terms)
		}
		putList("regex", r.Regex)
		fields := make([]string, len(r.Fields))
		for i, f := range r.Fields {
			fields[i] = string(f)
		}
		putList("fields", fields)
		put("threshold=" + strconv.FormatFloat(r.TagThreshold(), 'g', -1, 64))
		put("fold_diacritics=" + strconv.FormatBool(r.FoldDiacritics))
	}
	return hex.EncodeToString(h.Sum(nil))
}
