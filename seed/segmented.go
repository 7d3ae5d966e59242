package seed

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word-segmented text joins the syllables of a word with "_" (bán_dẫn,
// Việt_Nam) and sets punctuation off with spaces ("chip , chất"), as
// Vietnamese NLP tools print it. tagfeed shows it as ordinary text.

var (
	joinedSyllables = regexp.MustCompile(`\p{L}_\p{L}`)
	spacedPunct     = regexp.MustCompile(`\p{L} [,.;:] `)
	spaceBefore     = regexp.MustCompile(` +([,.;:!?%)\]}…])`)
	spaceAfter      = regexp.MustCompile(`([(\[{]) +`)
	// photoCredit is the credit closing an inline photo caption ("Ảnh: MOIT"),
	// after which the article goes on.
	photoCredit = regexp.MustCompile(`(Ảnh: [\p{Lu}\d./]+(?: [\p{Lu}\d./]+)*) (\p{Lu})`)
)

// isSegmented reports whether text looks word-segmented: many joined
// syllables and punctuation set off by spaces.
func isSegmented(text string) bool {
	return len(joinedSyllables.FindAllStringIndex(text, 20)) >= 10 && spacedPunct.MatchString(text)
}

// parseSegmented reads a word-segmented article. The segmentation tells a
// headline from the lead that follows it on the same line: the lead opens
// with a capitalized common word (Chủ_tịch), while names capitalize every
// syllable (Việt_Nam, Võ_Văn_Thưởng).
func parseSegmented(text string) article {
	lines := textLines(text)
	first := strings.Fields(lines[0])
	h := seedHints{}
	if i := leadStart(first); i > 0 {
		h.title = desegment(strings.Join(first[:i], " "))
		lines[0] = strings.Join(first[i:], " ")
	}
	var paragraphs []string
	for _, l := range lines {
		for _, p := range strings.Split(photoCredit.ReplaceAllString(desegment(l), "$1\n$2"), "\n") {
			paragraphs = append(paragraphs, groupSentences(p, 3)...)
		}
	}
	return parseLines(paragraphs, h)
}

// maxHeadlineWords bounds the search for where a headline ends.
const maxHeadlineWords = 40

// leadStart returns the index of the word that opens the lead after a
// headline, or 0 if it cannot tell.
func leadStart(words []string) int {
	for i, w := range words {
		if i >= maxHeadlineWords || strings.ContainsAny(w, ".!?") {
			return 0
		}
		if i >= 3 && isCapitalizedCommonWord(w) {
			return i
		}
	}
	return 0
}

// isCapitalizedCommonWord reports whether a segmented word is capitalized
// only on its first syllable, like a common word opening a sentence.
func isCapitalizedCommonWord(w string) bool {
	syllables := strings.Split(w, "_")
	if len(syllables) < 2 || !startsUpper(syllables[0]) {
		return false
	}
	for _, s := range syllables[1:] {
		if startsUpper(s) {
			return false
		}
	}
	return true
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// desegment turns segmented text into ordinary text: "Việt_Nam" becomes
// "Việt Nam", "chip , chất" becomes "chip, chất", "( CFR )" becomes "(CFR)"
// and quotes hug what they quote.
func desegment(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	s = spaceBefore.ReplaceAllString(s, "$1")
	s = spaceAfter.ReplaceAllString(s, "$1")
	return collapseSpaces(hugQuotes(s))
}

// hugQuotes removes the space inside each pair of straight double quotes.
func hugQuotes(s string) string {
	parts := strings.Split(s, `"`)
	for i := 1; i < len(parts); i++ {
		if i%2 == 1 && i < len(parts)-1 { // parts[i] is quoted
			parts[i] = strings.TrimSpace(parts[i])
		}
	}
	return strings.Join(parts, `"`)
}

// groupSentences splits a long paragraph into paragraphs of n sentences.
// It goes through the paragraph's sentence ends once, so that a huge
// paragraph takes time in proportion to its length.
func groupSentences(p string, n int) []string {
	p = strings.TrimSpace(p)
	var out []string
	start, count := 0, 0
	for _, m := range sentenceEnd.FindAllStringIndex(p, -1) {
		if m[1] == len(p) || endsWithInitial(p[:m[0]]) {
			continue
		}
		if count++; count == n {
			end := sentenceStop(p, m)
			out = append(out, strings.TrimSpace(p[start:end]))
			start, count = end, 0
		}
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}
