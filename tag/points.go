package tag

import (
	"math"

	"github.com/tagfeed/tagfeed"
)

// The relevance score. Each distinct term of a rule found in an item adds
// points by its role and where it was found:
//
//	role                                headline  lead  each body hit  at most
//	strong (keywords, case_sensitive,      9       6         3            –
//	        regex)
//	weak, context, against                 3       2         0.5          5
//
// The headline and the lead count once, however often the term is there;
// body hits count up to MaxBodyHits, each scaled by the length factor
// √(ReferenceWords / body words), at most 1, so that a mention in passing
// in a long article counts less than one in a short item. The cap keeps
// weak evidence alone from ever reaching the default threshold. A strong
// or weak term that is one of a few named agenda items (see agenda.go)
// adds AgendaPoints more. A context term adds nothing unless a strong or
// weak term was found too. Against terms take their points away, unless
// there was only one hit of them: one mention does not make a subject. The
// score is the sum, each term's points rounded to one decimal.
const (
	// MaxBodyHits is how many body hits of one term count.
	MaxBodyHits = 3
	// ReferenceWords is the longest body whose hits count in full.
	ReferenceWords = 300
	// WeakCap is the most one weak, context or against term adds.
	WeakCap = 5
	// AgendaPoints is what being one of a few agenda items adds.
	AgendaPoints = tagfeed.DefaultThreshold
)

// placePoints returns what a term of the role adds for being in the
// headline, in the lead, and for each body hit.
func placePoints(role entryRole) (headline, lead, body float64) {
	if role == roleStrong {
		return 9, 6, 3
	}
	return 3, 2, 0.5
}

// lengthFactor scales what each body hit adds, by the body's length.
func lengthFactor(bodyWords int) float64 {
	if bodyWords <= ReferenceWords {
		return 1
	}
	return math.Sqrt(float64(ReferenceWords) / float64(bodyWords))
}

// termPoints works out what a term of the role adds, as the comment on the
// score says, rounded to one decimal, and why it adds less than its hits
// would if it does. supported says the tag has a strong or weak hit;
// contested that against terms were hit more than once in all.
func termPoints(role entryRole, c termCount, lf float64, supported, contested bool) (float64, tagfeed.Note) {
	headline, lead, body := placePoints(role)
	p := float64(min(c.body, MaxBodyHits)) * lf * body
	if c.headline > 0 {
		p += headline
	}
	if c.lead > 0 {
		p += lead
	}
	note := tagfeed.NoteNone
	if role != roleStrong && p > WeakCap {
		p, note = WeakCap, tagfeed.NoteCapped
	}
	if c.agenda && (role == roleStrong || role == roleWeak) {
		p += AgendaPoints
	}
	switch {
	case role == roleContext && !supported:
		p, note = 0, tagfeed.NoteUnsupported
	case role == roleAgainst && !contested:
		p, note = 0, tagfeed.NoteAlone
	case role == roleAgainst:
		p = -p
	}
	return round1(p), note
}

// round1 rounds to one decimal.
func round1(x float64) float64 {
	return math.Round(x*10) / 10
}
