package tag

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tagfeed/tagfeed"
)

// Version names the matching semantics: normalization, word boundaries,
// overlap and scoring rules, field weights. Change it whenever any of them
// changes, so that RulesHash changes and stored items are tagged again.
const Version = "tag/2"

// rulesHash digests everything that decides which tags an item gets: the
// engine's version, the Unicode tables it normalizes with, and each rule
// but its title and description. names are the rules' names, sorted.
func rulesHash(version string, names []string, rules map[string]tagfeed.TagRule) string {
	h := sha256.New()
	put := func(s string) {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	put(version)
	put(unicode.Version)
	put(norm.Version)
	fmt.Fprintf(h, "w%d,%d", TitleWeight, BodyWeight)
	for _, name := range names {
		r := rules[name]
		put("tag")
		put(name)
		putList(h, put, "keywords", r.Keywords)
		putList(h, put, "case_sensitive", r.CaseSensitive)
		putList(h, put, "exclude", r.Exclude)
		putList(h, put, "regex", r.Regex)
		fields := make([]string, len(r.Fields))
		for i, f := range r.Fields {
			fields[i] = string(f)
		}
		putList(h, put, "fields", fields)
		put("min_score=" + strconv.Itoa(max(r.MinScore, 1)))
		put("fold_diacritics=" + strconv.FormatBool(r.FoldDiacritics))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func putList(h hash.Hash, put func(string), name string, list []string) {
	put(name)
	fmt.Fprintf(h, "[%d]", len(list))
	for _, s := range list {
		put(s)
	}
}
