package tagfeed

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Term is one word or phrase of a tag rule, such as "bán dẫn" or "chip*".
// In YAML it is a string, matched ignoring case, or a mapping that says
// how to match it: {term: ARM, case_sensitive: true}.
type Term struct {
	Text          string
	CaseSensitive bool // match exactly as written, not ignoring case
}

// Terms returns terms matched ignoring case, one for each text.
func Terms(texts ...string) []Term {
	out := make([]Term, len(texts))
	for i, s := range texts {
		out[i] = Term{Text: s}
	}
	return out
}

// String returns the term as configured.
func (t Term) String() string { return t.Text }

// UnmarshalYAML reads a term from a string or a mapping with the keys term
// and case_sensitive.
func (t *Term) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = Term{Text: n.Value}
		return nil
	case yaml.MappingNode:
		*t = Term{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var err error
			switch k.Value {
			case "term":
				err = v.Decode(&t.Text)
			case "case_sensitive":
				err = v.Decode(&t.CaseSensitive)
			default:
				return lineError(k.Line, "field %s not found in type tagfeed.Term", k.Value)
			}
			if err != nil {
				return lineError(v.Line, "cannot unmarshal %s `%s` into %s", v.Tag, v.Value, map[string]string{"term": "string", "case_sensitive": "bool"}[k.Value])
			}
		}
		if t.Text == "" {
			return lineError(n.Line, "a term written as a mapping needs its term: {term: ARM, case_sensitive: true}")
		}
		return nil
	}
	return lineError(n.Line, "want a term: a string, or a mapping such as {term: ARM, case_sensitive: true}")
}

// MarshalYAML writes a term the short way, as a string, unless it is
// case-sensitive.
func (t Term) MarshalYAML() (any, error) {
	if !t.CaseSensitive {
		return t.Text, nil
	}
	return struct {
		Term          string `yaml:"term"`
		CaseSensitive bool   `yaml:"case_sensitive"`
	}{t.Text, true}, nil
}

// lineError is a decoding error on one line, which ParseConfig turns into
// a ConfigError naming the key on that line.
func lineError(line int, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", line, fmt.Sprintf(format, args...))}}
}
