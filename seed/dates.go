package seed

import (
	"regexp"
	"strconv"
	"time"
)

// A seed article is dated only by what its text states: a byline, a
// weekday date, or a day and month whose year the same or the next
// sentence gives. Where no year can be found it has no date; the file's
// modification time, which a checkout resets, is never used.

var (
	// weekdayDate is a Vietnamese weekday with a full date: "Thứ hai,
	// 15/11/2023", "Chủ nhật 3/12/2023 - 08:30".
	weekdayDate = regexp.MustCompile(`(?i)(?:thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật),? (\d{1,2})/(\d{1,2})/(\d{4})(?:,? -? ?(\d{1,2})[:h](\d{2}))?`)
	// dayMonth is "ngày 15/11" or "ngày 25.6", with the year if it follows.
	dayMonth = regexp.MustCompile(`(?i)\bngày (\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?\b`)
	// lonelyYear is a year on its own: not the end of a month/year such
	// as "tháng 7/1995", nor part of a longer number.
	lonelyYear = regexp.MustCompile(`(?:^|[^\d/.,])((?:19|20)\d{2})(?:$|[^\d/.,]|[.,](?:\D|$))`)
)

// textDate finds the date an article's paragraphs state, in its first few
// sentences that name a day.
func textDate(paragraphs []string) (time.Time, bool) {
	for _, p := range paragraphs[:min(len(paragraphs), 3)] {
		if m := weekdayDate.FindStringSubmatch(p); m != nil {
			return vietnamDate(m[3], m[2], m[1], m[4], m[5])
		}
	}
	for i, p := range paragraphs {
		sentences := splitSentences(p)
		if i+1 < len(paragraphs) {
			sentences = append(sentences, firstSentence(paragraphs[i+1]))
		}
		for j, s := range sentences {
			for _, m := range dayMonth.FindAllStringSubmatch(s, -1) {
				if m[3] != "" {
					return vietnamDate(m[3], m[2], m[1], "", "")
				}
				if year, ok := yearNear(sentences, j); ok {
					return vietnamDate(year, m[2], m[1], "", "")
				}
			}
		}
	}
	return time.Time{}, false
}

// yearNear returns the year that sentence i, or else the one after it,
// states on its own.
func yearNear(sentences []string, i int) (string, bool) {
	for _, s := range sentences[i:min(i+2, len(sentences))] {
		if m := lonelyYear.FindStringSubmatch(s); m != nil {
			return m[1], true
		}
	}
	return "", false
}

// vietnamDate makes a date from its parts. With a time it is Vietnam's
// time; a day alone is midnight UTC, the same day there and here.
func vietnamDate(year, month, day, hour, minute string) (time.Time, bool) {
	y, _ := strconv.Atoi(year)
	mo, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	zone, h, mi := time.UTC, 0, 0
	if hour != "" {
		zone = vietnamTime
		h, _ = strconv.Atoi(hour)
		mi, _ = strconv.Atoi(minute)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, zone)
	if t.Day() != d || int(t.Month()) != mo || h > 23 || mi > 59 || y < 1900 {
		return time.Time{}, false // 31/02, 25:00
	}
	return t, true
}

// splitSentences cuts a paragraph into its sentences.
func splitSentences(p string) []string {
	var out []string
	for p != "" {
		s := firstSentence(p)
		out = append(out, s)
		if len(s) >= len(p) {
			break
		}
		p = p[len(s):]
		for len(p) > 0 && (p[0] == ' ' || p[0] == '.') {
			p = p[1:]
		}
	}
	return out
}
