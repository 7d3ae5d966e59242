package tag

import "math/bits"

// scan appends to ms every place in text where a pattern ends, in order;
// later is scratch space, returned for reuse.
//
// A long text is scanned as two halves at once, which keeps two table
// lookups in flight instead of one. The second half starts early by the
// length of the longest pattern, from the start state: by the split every
// state it is in is right, since no partial match longer than that can
// be pending, and the matches it reports before the split (the first
// half's) are dropped.
func (a *automaton) scan(text []byte, ms, later []rawMatch) ([]rawMatch, []rawMatch) {
	trans, class, limit := a.trans, &a.class, a.matchFrom
	split := len(text) / 2
	warm := split - a.longest
	if warm < 64 {
		s := a.start
		for i, b := range text {
			s = trans[s+int32(class[b])]
			if s >= limit {
				ms = append(ms, rawMatch{end: i + 1, state: s})
			}
		}
		return ms, later
	}
	first, second := text[:split], text[warm:]
	s, t := a.start, a.start
	later = later[:0]
	for i, b := range first {
		s = trans[s+int32(class[b])]
		t = trans[t+int32(class[second[i]])]
		if s >= limit {
			ms = append(ms, rawMatch{end: i + 1, state: s})
		}
		if t >= limit && warm+i >= split {
			later = append(later, rawMatch{end: warm + i + 1, state: t})
		}
	}
	for i := len(first); i < len(second); i++ {
		t = trans[t+int32(class[second[i]])]
		if t >= limit && warm+i >= split {
			later = append(later, rawMatch{end: warm + i + 1, state: t})
		}
	}
	return append(ms, later...), later
}

// values returns the values of the patterns that end at a match state.
func (a *automaton) values(state int32) []int32 {
	i := int32(uint32(state)>>a.shift*a.inverse) - a.firstOut // state / stride, exactly
	return a.outs[a.outStart[i]:a.outStart[i+1]]
}

// setInverse prepares values to divide premultiplied states by the stride
// with a shift and a multiplication.
func (a *automaton) setInverse() {
	odd := uint32(a.stride)
	a.shift = uint8(bits.TrailingZeros32(odd))
	odd >>= a.shift
	inv := odd // Newton's iteration: each step doubles the correct low bits
	for range 5 {
		inv *= 2 - odd*inv
	}
	a.inverse = inv
}
