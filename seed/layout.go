package seed

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// boilerplateLine matches the site furniture that follows an article on a
// scraped page: related stories, comment counters, "most read" lists,
// share buttons and the CMS credit. Everything from such a line on is
// dropped. Lines are matched whole, so article sentences that merely
// mention these words are kept.
var boilerplateLine = regexp.MustCompile(`(?i)^(?:` +
	`bài liên quan|tin liên quan|tin cùng chuyên mục|bài viết liên quan|có thể bạn quan tâm|` +
	`đọc thêm|xem thêm|xem tiếp|nổi bật|đừng bỏ lỡ|mới nhất|tin mới nhất|đọc nhiều|xem nhiều|` +
	`bình luận|\(\d+\) bình luận|\d+ bình luận|ý kiến bạn đọc|gửi bình luận|chia sẻ|` +
	`từ khóa:?|tags?:?|related( articles| stories)?|read more|most read|advertisement|quảng cáo|` +
	`powered by .*|bản quyền .*|copyright .*|© .*)$`)

// cutBoilerplate returns the lines before the first line of site furniture.
func cutBoilerplate(lines []string) []string {
	for i, l := range lines {
		if i > 0 && boilerplateLine.MatchString(l) {
			return lines[:i]
		}
	}
	return lines
}

// byline is the author-and-date line of a scraped page.
type byline struct {
	author string
	date   time.Time
}

// bylinePattern matches "Tuyết Nhung 26/06/2024 12:30" and date lines such
// as "Thứ tư, 26/6/2024, 12:30 (GMT+7)".
var bylinePattern = regexp.MustCompile(`^(?:(\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,4}) |(?:[\p{L} ]+, ?))?` +
	`(\d{1,2})/(\d{1,2})/(\d{4})(?:,? -? ?(\d{1,2}):(\d{2}))?(?: ?\(?GMT ?\+ ?7\)?)?$`)

// vietnamTime is the zone Vietnamese outlets date their articles in.
var vietnamTime = time.FixedZone("ICT", 7*60*60)

// bylineSearchLines is how far into a page a byline is looked for.
const bylineSearchLines = 12

// findByline looks for the byline near the top of the article.
func findByline(lines []string) (int, byline, bool) {
	for i := 0; i < len(lines) && i < bylineSearchLines; i++ {
		m := bylinePattern.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		n := make([]int, 7)
		for j := 2; j <= 6; j++ {
			n[j], _ = strconv.Atoi(m[j])
		}
		t := time.Date(n[4], time.Month(n[3]), n[2], n[5], n[6], 0, 0, vietnamTime)
		if t.Day() != n[2] || t.Month() != time.Month(n[3]) || n[4] < 1900 {
			continue // not a real date, such as 31/02 or 01/01/0000
		}
		author := m[1]
		if strings.HasPrefix(strings.ToLower(author), "thứ") {
			author = ""
		}
		return i, byline{author: author, date: t}, true
	}
	return 0, byline{}, false
}

// headlineOf picks the headline among the lines above a byline: the last
// one that does not end like a sentence.
func headlineOf(header []string) string {
	for i := len(header) - 1; i >= 0; i-- {
		if !endsSentence(header[i]) && wordCount(header[i]) >= 3 {
			return header[i]
		}
	}
	if len(header) > 0 {
		return titleFromSentence(header[len(header)-1])
	}
	return ""
}

// unrepeatedLead returns the header lines that are article text (long
// sentences such as a lead) and do not appear again in the body. Section
// names and the headline are not article text.
func unrepeatedLead(header, body []string, headline string) []string {
	var keep []string
	for _, l := range header {
		if l == headline || !endsSentence(l) || wordCount(l) < 8 || slices.Contains(body, l) {
			continue
		}
		keep = append(keep, l)
	}
	return keep
}

// leadingTitle finds the title when the article starts without a byline: a
// short first line that does not end like a sentence is a headline; else
// the first line is a lead or a photo caption, and the title is made from
// its first sentence while the line stays in the body.
func leadingTitle(lines []string) (title string, body []string) {
	first := lines[0]
	if len(lines) > 1 && !endsSentence(first) && wordCount(first) <= 30 {
		return first, lines[1:]
	}
	return titleFromSentence(firstSentence(first)), lines
}

// maxTitleRunes is the longest title made from a sentence.
const maxTitleRunes = 110

// clauseBreak is where a long sentence can be cut into a headline: before
// a subordinate clause ("sau khi…", "nhằm…") or at a comma or dash.
var clauseBreak = regexp.MustCompile(`(?: (?:sau khi|trong khi|khi|nhằm|để|vì|do|nhưng|trong đó|after|while|as|because|but) |, | – | - |; )`)

// titleFromSentence makes a headline from a sentence: the whole of it when
// it is short, else up to a clause break, else cut between words.
func titleFromSentence(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	if utf8.RuneCountInString(s) <= maxTitleRunes {
		return s
	}
	cut := -1
	for _, m := range clauseBreak.FindAllStringIndex(s, -1) {
		if n := utf8.RuneCountInString(s[:m[0]]); n >= 40 && n <= maxTitleRunes {
			cut = m[0]
		}
	}
	if cut > 0 {
		return s[:cut]
	}
	return truncateWords(s, maxTitleRunes-10)
}

// sentenceEnd finds the end of a sentence: a stop followed by a space and
// a capital, an opening quote or the end of the text.
var sentenceEnd = regexp.MustCompile(`[.!?…]["”]?(?: +["“]?\p{Lu}|$)`)

// firstSentence returns the first sentence of a paragraph.
func firstSentence(p string) string {
	for _, m := range sentenceEnd.FindAllStringIndex(p, -1) {
		if !endsWithInitial(p[:m[0]]) {
			return strings.TrimSpace(p[:sentenceStop(p, m)])
		}
	}
	return p
}

// sentenceStop returns where the sentence matched by sentenceEnd at m ends:
// after its stop and any closing quote.
func sentenceStop(p string, m []int) int {
	if i := strings.IndexByte(p[m[0]:m[1]], ' '); i >= 0 {
		return m[0] + i
	}
	return m[1]
}

// endsWithInitial reports whether s ends with a one-letter capital word,
// such as the "W" of "Jose W. Fernandez", whose full stop ends no sentence.
func endsWithInitial(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	w := []rune(s[i+1:])
	return len(w) == 1 && strings.ToUpper(string(w)) == string(w)
}

func endsSentence(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, `"”')`), ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

func wordCount(s string) int { return len(strings.Fields(s)) }
