package tag

import (
	"bytes"
	"slices"
	"strings"

	"github.com/tagfeed/tagfeed"
)

// Where a hit was found, which decides what it is worth.
type place uint8

const (
	placeHeadline place = iota // the title
	placeLead                  // the summary, or else the content's first paragraph
	placeBody                  // the rest of the content, and the author
)

// maxLeadWords bounds the lead: a first paragraph that runs on, such as
// an article with no paragraph breaks, is lead only for its first words.
const maxLeadWords = 60

// fields are the matchable fields in the order of tagfeed.AllFields.
var fields = [...]tagfeed.Field{tagfeed.FieldTitle, tagfeed.FieldSummary, tagfeed.FieldContent, tagfeed.FieldAuthor}

// The fields of an item, by their bit in a rule's field mask.
const (
	fieldTitle uint8 = iota
	fieldSummary
	fieldContent
	fieldAuthor
)

// scanItem finds every hit in the item, each with its place, and counts
// the words of its body. The lead is the summary, unless the content
// starts by repeating it; then, or when there is no summary, it is the
// content's first paragraph. A lead repeated in the content counts once.
func (e *Engine) scanItem(sc *scratch, item *tagfeed.Item) {
	sc.hits, sc.parts, sc.bodyWords = sc.hits[:0], sc.parts[:0], 0
	sc.agendaFound = slices.Grow(sc.agendaFound[:0], len(e.entries))[:len(e.entries)]
	clear(sc.agendaFound)
	e.scanPart(sc, item.Title, fieldTitle)
	e.placeHits(sc, 0, placeHeadline, -1)

	first, rest := splitLead(item.Content)
	from := len(sc.hits)
	firstPart := e.scanPart(sc, first, fieldContent)
	sc.lead = append(sc.lead[:0], sc.fm.f...)
	to := len(sc.hits)
	useFirst := true // the content's first paragraph is the lead
	if item.Summary != "" {
		sumFrom := len(sc.hits)
		summary := e.scanPart(sc, item.Summary, fieldSummary)
		s := trimEnding(sc.fm.f)
		if len(sc.lead) > 0 && bytes.HasPrefix(sc.lead, s) {
			sc.hits = sc.hits[:sumFrom] // the content starts by saying it
		} else {
			if len(sc.lead) > 0 && bytes.HasPrefix(s, sc.lead) {
				// The summary starts with the content's first paragraph.
				sc.hits = append(sc.hits[:from], sc.hits[to:]...)
				sumFrom -= to - from
				to, firstPart = from, partInfo{}
			}
			sc.bodyWords += summary.words - summary.leadWords
			e.placeRange(sc, sumFrom, len(sc.hits), placeLead, summary.cut)
			useFirst = false
		}
	}
	if useFirst {
		sc.bodyWords += firstPart.words - firstPart.leadWords
		e.placeRange(sc, from, to, placeLead, firstPart.cut)
	} else {
		sc.bodyWords += firstPart.words
		e.placeRange(sc, from, to, placeBody, -1)
	}
	mark := len(sc.hits)
	sc.bodyWords += e.scanPart(sc, rest, fieldContent).words
	e.scanPart(sc, item.Author, fieldAuthor)
	e.placeHits(sc, mark, placeBody, -1)
}

// partInfo is what scanning one part of an item tells about its words.
type partInfo struct {
	words     int
	leadWords int // of words, those within the first maxLeadWords
	cut       int // where word maxLeadWords+1 starts in the scanned form, or -1
}

// scanPart scans one part of an item, if the engine's rules look at its
// field, appending the hits; their place is set after.
func (e *Engine) scanPart(sc *scratch, text string, field uint8) partInfo {
	sc.fm.c, sc.fm.f = sc.fm.c[:0], sc.fm.f[:0]
	if e.fields&(1<<field) == 0 || text == "" {
		return partInfo{cut: -1}
	}
	text = text[:min(len(text), maxFieldBytes)]
	sc.fm.build(text, true, e.bare != nil)
	part := int32(len(sc.parts))
	sc.parts = append(sc.parts, field)
	if e.plain != nil {
		sc.raw, sc.later = e.plain.scan(sc.fm.f, sc.raw[:0], sc.later)
		e.collect(sc, e.plain, part, field, sc.fm.f, sc.fm.c)
	}
	if e.bare != nil {
		sc.raw, sc.later = e.bare.scan(sc.fm.d, sc.raw[:0], sc.later)
		e.collect(sc, e.bare, part, field, sc.fm.d, sc.fm.cd)
	}
	e.collectRegexes(sc, part, field)
	return countWords(sc.fm.f)
}

// countWords counts the words of a scanned form, as the spaces between
// them, and finds where the lead's words end.
func countWords(f []byte) partInfo {
	if len(f) == 0 {
		return partInfo{cut: -1}
	}
	info := partInfo{words: bytes.Count(f, []byte{' '}) + 1, cut: -1}
	info.leadWords = min(info.words, maxLeadWords)
	if info.words > maxLeadWords {
		at := 0
		for range maxLeadWords {
			at += bytes.IndexByte(f[at:], ' ') + 1
		}
		info.cut = at
	}
	return info
}

// placeHits sets the place of the hits from index from on.
func (e *Engine) placeHits(sc *scratch, from int, p place, cut int) {
	e.placeRange(sc, from, len(sc.hits), p, cut)
}

// placeRange sets the place of sc.hits[from:to]. In a lead, hits at or
// after cut (unless it is -1) are in the body.
func (e *Engine) placeRange(sc *scratch, from, to int, p place, cut int) {
	for i := from; i < to; i++ {
		h := &sc.hits[i]
		h.place = p
		if p == placeLead && cut >= 0 && int(h.start) >= cut {
			h.place = placeBody
		}
	}
}

// trimEnding returns a scanned summary without what ends it when it was
// cut short: an ellipsis, full stops and spaces.
func trimEnding(f []byte) []byte {
	return bytes.TrimRight(f, ". \x1f")
}

// splitLead splits an item's content, HTML or plain text, after its first
// paragraph: at the first tag that sets text apart (</p>, <br>, <div>, …)
// that follows some text, or, in text without markup, at the first line
// break that follows some.
func splitLead(content string) (first, rest string) {
	if strings.IndexByte(content, '<') < 0 {
		for i := 0; ; {
			j := strings.IndexByte(content[i:], '\n')
			if j < 0 {
				return content, ""
			}
			if strings.TrimSpace(content[:i+j]) != "" {
				return content[:i+j], content[i+j+1:]
			}
			i += j + 1
		}
	}
	seen := false // some text has come before
	for i := 0; i < len(content); i++ {
		switch b := content[i]; b {
		case ' ', '\t', '\r', '\n':
		case '<':
			end := strings.IndexByte(content[i:], '>')
			if end < 0 {
				return content, ""
			}
			name := tagName(content[i+1 : i+end])
			if seen && name != "" && !inlineTags[name] {
				return content[:i], content[i:]
			}
			i += end
		default:
			seen = true
			if k := strings.IndexByte(content[i:], '<'); k > 0 {
				i += k - 1 // text runs to the next tag
			} else if k < 0 {
				return content, ""
			}
		}
	}
	return content, ""
}
