// Package dates reads the dates that feeds and articles write in ways
// the standard layouts do not cover: month and weekday names in other
// languages, day/month/year, Unix times. It imports nothing of tagfeed's:
// the feed fetcher and the seed reader share it.
package dates

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Parse reads a date as feeds and articles write it: month and weekday
// names in Portuguese, Spanish, French, German or Vietnamese
// ("Seg, 24 Set 2018 10:00:00 -0300", "Thứ hai, 24/09/2018 - 08:30"), a
// numeric day/month/year, or a Unix time in seconds. A date without a zone
// is taken as UTC. RFC 3339 and RFC 1123 dates, which extensions such as
// dcterms:modified carry unparsed, are read too. It returns false when it
// finds no date.
func Parse(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if unixPattern.MatchString(s) {
		n, _ := strconv.ParseInt(s, 10, 64)
		if len(s) == 13 {
			return time.UnixMilli(n).UTC(), true
		}
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	s = englishDate(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() > 1900 {
			return t, true
		}
	}
	if t, ok := numericDate(s); ok {
		return t, true
	}
	return time.Time{}, false
}

// unixPattern is a Unix time in seconds (9 or 10 digits) or milliseconds.
var unixPattern = regexp.MustCompile(`^(?:\d{9,10}|\d{13})$`)

var (
	// leadingWeekday is a weekday before the date, ended by a comma:
	// "seg,", "thứ hai,", "montag,". Vietnamese "Thứ hai" also comes
	// without one.
	leadingWeekday = regexp.MustCompile(`^(?:[^\d,]+,|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)\s*`)
	// dateWords splits the words of a date from its digits and signs.
	dateWords = regexp.MustCompile(`\pL+\.?`)
	// zoneOffset is a zone given as an offset from GMT or UTC: "gmt+7",
	// "(utc+07:00)".
	zoneOffset = regexp.MustCompile(`\(?(?:gmt|utc)\s*([+-])(\d{1,2})(?::?(\d{2}))?\)?`)
	spaces     = regexp.MustCompile(`\s+`)
)

// englishDate rewrites a date's month names as English abbreviations,
// drops its weekday and filler words, and writes a GMT offset as +hhmm.
func englishDate(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	s = leadingWeekday.ReplaceAllString(s, "")
	s = zoneOffset.ReplaceAllStringFunc(s, func(z string) string {
		m := zoneOffset.FindStringSubmatch(z)
		hours, _ := strconv.Atoi(m[2])
		return " " + m[1] + twoDigits(hours) + twoDigits(atoiOr0(m[3])) + " "
	})
	s = dateWords.ReplaceAllStringFunc(s, func(w string) string {
		word := strings.TrimSuffix(w, ".")
		if month, ok := monthNames[word]; ok {
			return " " + month + " "
		}
		if zone, ok := zoneNames[word]; ok {
			return " " + zone + " "
		}
		if fillerWords[word] {
			return " "
		}
		return w
	})
	s = strings.NewReplacer(" - ", " ", ",", " ", "(", " ", ")", " ").Replace(s)
	s = strings.TrimSuffix(strings.TrimSpace(spaces.ReplaceAllString(s, " ")), ".")
	s = strings.ReplaceAll(s, ". ", " ") // German "24. sep"
	return s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// dateLayouts are the shapes englishDate's output takes.
var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 Jan 2006",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 2006 15:04:05",
	"Jan 2 2006 15:04",
	"Jan 2 2006",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// numericDatePattern is day/month/year, with a time and an offset if any:
// "24/09/2018 08:30", "24.09.2018 08:30:15 +0700".
var numericDatePattern = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: (\d{1,2})[:h](\d{2})(?::(\d{2}))?)?(?: ([+-]\d{4}))?$`)

// numericDate reads day/month/year, as the world outside the United
// States writes it; month/day/year only when the day cannot be a month.
func numericDate(s string) (time.Time, bool) {
	m := numericDatePattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	day, month, year := atoiOr0(m[1]), atoiOr0(m[2]), atoiOr0(m[3])
	if month > 12 && day <= 12 {
		day, month = month, day
	}
	zone := time.UTC
	if m[7] != "" {
		z, err := time.Parse("-0700", m[7])
		if err != nil {
			return time.Time{}, false
		}
		zone = z.Location()
	}
	t := time.Date(year, time.Month(month), day, atoiOr0(m[4]), atoiOr0(m[5]), atoiOr0(m[6]), 0, zone)
	if t.Day() != day || int(t.Month()) != month || atoiOr0(m[4]) > 23 {
		return time.Time{}, false // 31/02 or 25:00
	}
	return t, true
}

// monthNames maps the month names and abbreviations of English,
// Portuguese, Spanish, French, German and Vietnamese (lower case, without
// a final dot) to English abbreviations.
var monthNames = func() map[string]string {
	names := map[string][]string{
		"jan": {"jan", "january", "janeiro", "ene", "enero", "janv", "janvier", "januar", "jän", "jänner"},
		"feb": {"feb", "february", "fev", "fevereiro", "febrero", "févr", "fevr", "février", "februar"},
		"mar": {"mar", "march", "março", "marco", "marzo", "mars", "mär", "märz", "mrz"},
		"apr": {"apr", "april", "abr", "abril", "avr", "avril"},
		"may": {"may", "mai", "maio", "mayo"},
		"jun": {"jun", "june", "junho", "junio", "juin", "juni"},
		"jul": {"jul", "july", "julho", "julio", "juil", "juillet", "juli"},
		"aug": {"aug", "august", "ago", "agosto", "août", "aout"},
		"sep": {"sep", "sept", "september", "set", "setembro", "septiembre", "septembre"},
		"oct": {"oct", "october", "out", "outubro", "octubre", "octobre", "okt", "oktober"},
		"nov": {"nov", "november", "novembro", "noviembre", "novembre"},
		"dec": {"dec", "december", "dez", "dezembro", "dic", "diciembre", "déc", "décembre", "dezember"},
	}
	m := make(map[string]string)
	for en, words := range names {
		for _, w := range words {
			m[w] = en
		}
	}
	return m
}()

// zoneNames are zone abbreviations feeds use, as offsets.
var zoneNames = map[string]string{
	"gmt": "+0000", "utc": "+0000", "ut": "+0000", "z": "+0000",
	"est": "-0500", "edt": "-0400", "cst": "-0600", "cdt": "-0500",
	"mst": "-0700", "mdt": "-0600", "pst": "-0800", "pdt": "-0700",
	"cet": "+0100", "cest": "+0200", "mez": "+0100", "mesz": "+0200",
	"bst": "+0100", "brt": "-0300", "ict": "+0700", "jst": "+0900",
}

// fillerWords join the parts of a date in other languages: "24 de
// setembro de 2018 às 10:00", "10:00 Uhr", "lúc 08:30".
var fillerWords = map[string]bool{
	"de": true, "del": true, "às": true, "as": true, "a": true, "à": true, "las": true, "um": true,
	"uhr": true, "lúc": true, "ngày": true, "at": true, "le": true,
}
