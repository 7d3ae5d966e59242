package tag

import (
	"slices"
	"unicode/utf8"
)

// automaton finds every occurrence of a set of byte strings in one pass
// over a text (Aho–Corasick). It is a full DFA over byte classes: each
// input byte costs one table lookup, whatever the number of patterns.
//
// Patterns that start with a word byte are anchored at word starts. The
// automaton reads a virtual boundary symbol before the text and after
// every byte that is not part of a word, and such a pattern begins with
// that symbol (and has it after each of its own non-word bytes). The
// symbol is folded into the table, so it costs nothing while scanning, and
// the automaton no longer follows every suffix of every word: it stays
// near its start state inside words that begin no term. The text must be
// a form in which every byte of a non-ASCII rune is a word byte (see
// forms).
//
// States are numbered so that every state that ends a pattern comes after
// every state that does not; state ids are premultiplied by the number of
// classes, so a transition is trans[state+class[b]].
type automaton struct {
	class     [256]uint8 // byte → class
	trans     []int32    // premultiplied state + class → premultiplied state
	start     int32      // the state after the boundary before the text
	matchFrom int32      // premultiplied states from here on end a pattern
	stride    int32      // number of classes
	firstOut  int32      // the id, not premultiplied, of the first match state
	shift     uint8      // stride = odd << shift
	inverse   uint32     // odd × inverse = 1 (mod 2³²): state ids come back without dividing
	outStart  []int32    // by match state id - firstOut: range into outs
	outs      []int32    // the values of the patterns each state ends
	longest   int        // the length of the longest pattern, in bytes
}

// pattern is one string to find and the value reported for it.
type pattern struct {
	text  []byte
	value int32
}

// rawMatch is where a pattern-ending state was reached: the state, and the
// end of the match in the text.
type rawMatch struct {
	end   int
	state int32
}

// The classes that are not the class of one byte.
const (
	classWord     = 0 // bytes of words that are in no pattern
	classBoundary = 1 // the virtual symbol at word starts; no byte has it
	classOther    = 2 // non-word bytes that are in no pattern
)

// trieNode is a state while the automaton is built.
type trieNode struct {
	next []edge // its children; few, so a slice beats a map in time and memory
	fail int32
	out  []int32
}

// edge is a trie node's child and the class that leads to it.
type edge struct {
	class uint8
	to    int32
}

// child returns the node's child by class, if it has one.
func (n *trieNode) child(cl uint8) (int32, bool) {
	for _, e := range n.next {
		if e.class == cl {
			return e.to, true
		}
	}
	return 0, false
}

// wordByte reports whether b belongs to a word in the scanned forms: an
// ASCII letter or digit, or any byte of a non-ASCII rune.
func wordByte(b byte) bool {
	return b >= utf8.RuneSelf || asciiFlags[b]&flagWord != 0
}

// newAutomaton builds the automaton for patterns; none may be empty.
func newAutomaton(patterns []pattern) *automaton {
	a := &automaton{stride: 3}
	for b := range 256 {
		if !wordByte(byte(b)) {
			a.class[b] = classOther
		}
	}
	for _, p := range patterns {
		for _, b := range p.text {
			if a.class[b] == classWord || a.class[b] == classOther {
				a.class[b] = uint8(a.stride)
				a.stride++
			}
		}
	}
	// Room for the largest trie the patterns can make, one node a step,
	// so that growing the slice does not copy it over and over.
	steps := 1
	for _, p := range patterns {
		steps += 1 + len(p.text)
		for _, b := range p.text {
			if !wordByte(b) {
				steps++
			}
		}
	}
	nodes := make([]trieNode, 1, steps)
	for _, p := range patterns {
		a.longest = max(a.longest, len(p.text))
		s := int32(0)
		step := func(cl uint8) {
			n, ok := nodes[s].child(cl)
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, trieNode{})
				nodes[s].next = append(nodes[s].next, edge{class: cl, to: n})
			}
			s = n
		}
		if wordByte(p.text[0]) {
			step(classBoundary)
		}
		for _, b := range p.text {
			step(a.class[b])
			if !wordByte(b) {
				step(classBoundary)
			}
		}
		nodes[s].out = append(nodes[s].out, p.value)
	}
	order := breadthFirst(nodes)
	delta := a.buildTransitions(nodes, order)
	a.renumber(nodes, order, a.composeBoundary(delta))
	a.setInverse()
	return a
}

// breadthFirst returns the states in breadth-first order, children in
// class order (it sorts each node's children), so that the automaton does
// not depend on the order the patterns came in.
func breadthFirst(nodes []trieNode) []int32 {
	order := make([]int32, 1, len(nodes))
	for i := 0; i < len(order); i++ {
		n := &nodes[order[i]]
		slices.SortFunc(n.next, func(a, b edge) int { return int(a.class) - int(b.class) })
		for _, e := range n.next {
			order = append(order, e.to)
		}
	}
	return order
}

// buildTransitions sets the failure links and outputs and returns the full
// transition table by trie state and class.
func (a *automaton) buildTransitions(nodes []trieNode, order []int32) []int32 {
	stride := int(a.stride)
	delta := make([]int32, len(nodes)*stride)
	for _, s := range order {
		n := &nodes[s]
		row := delta[int(s)*stride : int(s+1)*stride]
		if s != 0 {
			// A state reads what its failure state reads, but for its
			// own children; the failure state, shallower, is done.
			n.out = append(n.out, nodes[n.fail].out...)
			failRow := delta[int(n.fail)*stride : int(n.fail+1)*stride]
			copy(row, failRow)
			for _, e := range n.next {
				nodes[e.to].fail = failRow[e.class]
			}
		}
		for _, e := range n.next {
			row[e.class] = e.to
		}
	}
	return delta
}

// composeBoundary makes reading a non-word byte also read the boundary
// symbol after it, and sets the start state.
func (a *automaton) composeBoundary(delta []int32) []int32 {
	stride := a.stride
	nonWord := []int32{classOther}
	for b := range 256 {
		if cl := int32(a.class[b]); !wordByte(byte(b)) && !slices.Contains(nonWord, cl) {
			nonWord = append(nonWord, cl)
		}
	}
	// In place: the boundary's column, which this reads, is not one of
	// the columns it writes, and each entry it writes is read first.
	for s := int32(0); s < int32(len(delta))/stride; s++ {
		for _, cl := range nonWord {
			delta[s*stride+cl] = delta[delta[s*stride+cl]*stride+classBoundary]
		}
	}
	a.start = delta[classBoundary]
	return delta
}

// renumber puts the states that end a pattern last and premultiplies ids.
func (a *automaton) renumber(nodes []trieNode, order []int32, delta []int32) {
	stride := a.stride
	id := make([]int32, len(nodes))
	next := int32(0)
	for _, pass := range []bool{false, true} {
		for _, s := range order {
			if (len(nodes[s].out) > 0) == pass {
				id[s] = next
				next++
			}
		}
	}
	first := next
	for _, n := range nodes {
		if len(n.out) > 0 {
			first--
		}
	}
	a.matchFrom, a.firstOut = first*stride, first
	a.start = id[a.start] * stride
	a.trans = make([]int32, len(delta))
	a.outStart = make([]int32, next-first+1)
	byID := make([]int32, len(nodes))
	for s, i := range id {
		byID[i] = int32(s)
	}
	for i := range next {
		s := byID[i]
		for cl := range stride {
			a.trans[i*stride+cl] = id[delta[s*stride+cl]] * stride
		}
		if i >= first {
			a.outStart[i-first] = int32(len(a.outs))
			out := slices.Clone(nodes[s].out)
			slices.Sort(out)
			a.outs = append(a.outs, slices.Compact(out)...)
		}
	}
	a.outStart[next-first] = int32(len(a.outs))
}
