package tag

import "slices"

// automaton finds every occurrence of a set of byte strings in one pass
// over a text (Aho–Corasick). It is a full DFA over byte classes: each
// input byte costs one table lookup, whatever the number of patterns.
//
// States are numbered so that every state that ends a pattern comes after
// every state that does not; state ids are premultiplied by the number of
// byte classes, so a transition is trans[state+class[b]].
type automaton struct {
	class     [256]uint8 // byte → class; bytes in no pattern share class 0
	trans     []int32    // premultiplied state + class → premultiplied state
	matchFrom int32      // premultiplied states from here on end a pattern
	stride    int32      // number of classes
	firstOut  int32      // the id, not premultiplied, of the first match state
	outStart  []int32    // by match state id - firstOut: range into outs
	outs      []int32    // the values of the patterns each state ends
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

// trieNode is a state while the automaton is built.
type trieNode struct {
	next map[byte]int32
	fail int32
	out  []int32
}

// newAutomaton builds the automaton for patterns; none may be empty.
func newAutomaton(patterns []pattern) *automaton {
	nodes := []trieNode{{next: map[byte]int32{}}}
	var used [256]bool
	for _, p := range patterns {
		s := int32(0)
		for _, b := range p.text {
			used[b] = true
			n, ok := nodes[s].next[b]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, trieNode{next: map[byte]int32{}})
				nodes[s].next[b] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, p.value)
	}

	a := &automaton{stride: 1}
	for b := range 256 {
		if used[b] {
			a.class[b] = uint8(a.stride)
			a.stride++
		}
	}
	order := breadthFirst(nodes)
	delta := a.buildTransitions(nodes, order)
	a.renumber(nodes, order, delta)
	return a
}

// breadthFirst returns the states in breadth-first order, children in byte
// order, so that the automaton does not depend on map iteration.
func breadthFirst(nodes []trieNode) []int32 {
	order := []int32{0}
	for i := 0; i < len(order); i++ {
		n := &nodes[order[i]]
		keys := make([]int, 0, len(n.next))
		for b := range n.next {
			keys = append(keys, int(b))
		}
		slices.Sort(keys)
		for _, b := range keys {
			order = append(order, n.next[byte(b)])
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
		if s != 0 {
			n.out = append(n.out, nodes[n.fail].out...)
		}
		for b := range 256 {
			cl := int(a.class[b])
			if cl == 0 {
				continue // a byte in no pattern always leads back to the root
			}
			child, ok := n.next[byte(b)]
			if !ok {
				if s != 0 {
					delta[int(s)*stride+cl] = delta[int(n.fail)*stride+cl]
				}
				continue
			}
			delta[int(s)*stride+cl] = child
			if s != 0 {
				nodes[child].fail = delta[int(n.fail)*stride+cl]
			}
		}
	}
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
	matching := int32(0)
	for _, n := range nodes {
		if len(n.out) > 0 {
			matching++
		}
	}
	first := next - matching
	a.matchFrom, a.firstOut = first*stride, first
	a.trans = make([]int32, len(delta))
	a.outStart = make([]int32, matching+1)
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
	a.outStart[matching] = int32(len(a.outs))
}

// scan appends to ms every place in text where a pattern ends.
func (a *automaton) scan(text []byte, ms []rawMatch) []rawMatch {
	trans, class, limit := a.trans, &a.class, a.matchFrom
	s := int32(0)
	for i, b := range text {
		s = trans[s+int32(class[b])]
		if s >= limit {
			ms = append(ms, rawMatch{end: i + 1, state: s})
		}
	}
	return ms
}

// values returns the values of the patterns that end at a match state.
func (a *automaton) values(state int32) []int32 {
	i := state/a.stride - a.firstOut
	return a.outs[a.outStart[i]:a.outStart[i+1]]
}
