package seed

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// parsePlainArticle understands a plain-text article: a headline, a lead or
// a photo caption on the first line, or a scraped page with a byline, site
// furniture and related stories; or word-segmented text.
func parsePlainArticle(name, text string) article {
	text = norm.NFC.String(text)
	if isSegmented(text) {
		return parseSegmented(text)
	}
	return parseLines(textLines(text), seedHints{})
}

// seedHints are what a file's markup already said about the article.
type seedHints struct {
	title, author string
	date          time.Time
}

// parseLines finds the parts of an article in its non-empty lines.
func parseLines(lines []string, h seedHints) article {
	lines = cutBoilerplate(lines)
	a := article{Title: h.title, Author: h.author, Published: h.date}
	if i, by, ok := findByline(lines); ok {
		if a.Author == "" {
			a.Author = by.author
		}
		if a.Published.IsZero() {
			a.Published = by.date
		}
		header, body := lines[:i], lines[i+1:]
		if a.Title == "" {
			a.Title = headlineOf(header)
		}
		lines = append(unrepeatedLead(header, body, a.Title), body...)
	} else if a.Title == "" && len(lines) > 0 {
		a.Title, lines = leadingTitle(lines)
	}
	lines = splitGluedSentences(dropImageNames(lines))
	if len(lines) > 0 {
		a.Outlet, lines[0] = outletMarker(lines[0])
	}
	if author, rest, ok := trailingAuthor(lines); ok {
		lines = rest
		if a.Author == "" {
			a.Author = author
		}
	}
	a.Paragraphs = nonEmpty(lines)
	if len(a.Paragraphs) == 0 && a.Title != "" {
		// Only a headline (and a byline): it is its own body, as the line
		// of a one-line file is.
		a.Paragraphs = []string{a.Title}
	}
	return a
}

// textLines splits text into its non-empty lines, each with runs of
// whitespace collapsed to one space.
func textLines(text string) []string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = collapseSpaces(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// collapseSpaces trims s and turns each run of whitespace into one space.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func nonEmpty(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// gluedSentence finds a full stop with no space after it, between a
// lowercase word and a capitalized one: "bán dẫn.Ngày 25/6". Initials and
// abbreviations such as "D.C" or "TP.HCM" have a capital before the stop.
var gluedSentence = regexp.MustCompile(`([\p{Ll}\d)"”])\.(\p{Lu}\p{Ll})`)

// splitGluedSentences puts a paragraph break where a scraper ran two
// paragraphs together.
func splitGluedSentences(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(gluedSentence.ReplaceAllString(l, "$1.\n$2"), "\n")...)
	}
	return out
}

// imageFileName matches a line that is only an image's file name.
var imageFileName = regexp.MustCompile(`(?i)^[\w.-]+\.(png|jpe?g|gif|webp|svg|bmp|avif)$`)

func dropImageNames(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !imageFileName.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// outletMarkerPattern is the dateline that opens many Vietnamese articles:
// "(Dân trí) - ", "TTO - ", "VOV.VN - ".
var outletMarkerPattern = regexp.MustCompile(`^(?:\(([^()]{2,40})\)|(\p{Lu}[\p{Lu}\d.]{1,11}))\s*[-–—]\s*`)

// outletMarker returns the outlet the paragraph opens with, if any, and the
// paragraph without it.
func outletMarker(p string) (outlet, rest string) {
	m := outletMarkerPattern.FindStringSubmatch(p)
	if m == nil || len(m[0]) == len(p) {
		return "", p
	}
	return strings.TrimSpace(m[1] + m[2]), p[len(m[0]):]
}

// authorPattern is a short run of capitalized words: a name.
var authorPattern = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,3}$`)

// trailingAuthor finds an author's name after the last sentence of the
// article ("… song phương. Phương Dung", or "KIM DUNG" on a line of its own)
// and returns it with the lines that remain.
func trailingAuthor(lines []string) (author string, rest []string, ok bool) {
	if len(lines) < 2 {
		return "", lines, false
	}
	last := lines[len(lines)-1]
	end := strings.LastIndexAny(last, `.!?…"”)`)
	tail := strings.TrimSpace(last[end+1:])
	if !authorPattern.MatchString(tail) {
		return "", lines, false
	}
	rest = append([]string(nil), lines[:len(lines)-1]...)
	if head := strings.TrimSpace(last[:end+1]); head != "" {
		rest = append(rest, head)
	}
	return properName(tail), rest, true
}

// properName turns a name written in capitals into "Kim Dung" style.
func properName(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		words[i] = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return strings.Join(words, " ")
}
