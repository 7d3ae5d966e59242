package tagfeed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadConfig reads a YAML config file over Default and validates it. Every
// error names the file, the line and the key.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig is LoadConfig on data already read from the named file.
func ParseConfig(path string, data []byte) (*Config, error) {
	cfg := Default()
	cfg.file = path
	cfg.Dir = filepath.Dir(path)

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(path, data, err)
	}
	pos := indexNodes(&doc)
	cfg.lines = pos.lines

	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, pos.decodeError(path, err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

var yamlLinePattern = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// parserProblems are the errors of the YAML parser, as against its
// scanner's. The YAML library numbers a parser error's line from 0 (the
// line of the construct it was reading, such as a flow list's "[", or of
// the problem), and a scanner error's from 1: "b: [x, y" left open on
// line 2 reads "line 1: did not find expected ',' or ']'".
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxError places a YAML syntax error in the file and quotes the line.
func syntaxError(path string, data []byte, err error) error {
	m := yamlLinePattern.FindStringSubmatch(err.Error())
	if m == nil {
		return &ConfigError{File: path, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	if parserProblems[m[2]] {
		line++
	}
	// A problem found at the end of the text, such as a list left open,
	// is placed on the line after the last; it belongs to the last.
	lines := yamlLines(string(data))
	if n := len(lines); n > 1 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	line = min(line, len(lines))
	msg := "invalid YAML: " + m[2]
	if line >= 1 {
		msg += fmt.Sprintf(" (line reads %q)", lines[line-1])
	}
	return &ConfigError{File: path, Line: line, Msg: msg}
}

// yamlBreaks are the line breaks of YAML, as its library counts lines:
// CR LF first, so that it counts as one.
var yamlBreaks = []string{"\r\n", "\r", "\n", "\u0085", "\u2028", "\u2029"}

// yamlLines splits YAML text into its lines, without their breaks.
func yamlLines(text string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(text); {
		n := 0
		for _, br := range yamlBreaks {
			if strings.HasPrefix(text[i:], br) {
				n = len(br)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, text[start:i])
		i += n
		start = i
	}
	return append(lines, text[start:])
}

// nodePositions maps key paths to lines, and lines back to key paths.
type nodePositions struct {
	lines  map[string]int      // "tags.ai.keywords[2]" → line
	byLine map[int][]nodeAtKey // line → the keys on it
}

type nodeAtKey struct {
	key   string
	value string // the scalar value, if the node is a scalar
}

func indexNodes(doc *yaml.Node) nodePositions {
	p := nodePositions{lines: make(map[string]int), byLine: make(map[int][]nodeAtKey)}
	if len(doc.Content) > 0 {
		p.walk("", doc.Content[0])
	}
	return p
}

func (p nodePositions) walk(key string, n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			child := k.Value
			if key != "" {
				child = key + "." + k.Value
			}
			p.record(child, k.Line, v)
			p.walk(child, v)
		}
	case yaml.SequenceNode:
		for i, v := range n.Content {
			child := fmt.Sprintf("%s[%d]", key, i)
			p.record(child, v.Line, v)
			p.walk(child, v)
		}
	}
}

func (p nodePositions) record(key string, line int, v *yaml.Node) {
	p.lines[key] = line
	at := nodeAtKey{key: key}
	if v.Kind == yaml.ScalarNode {
		at.value = v.Value
		if v.Line != line {
			p.byLine[v.Line] = append(p.byLine[v.Line], at)
		}
	}
	p.byLine[line] = append(p.byLine[line], at)
}

// replacedKeys say what took the place of keys that older configs used.
var replacedKeys = map[string]string{
	"min_score": "replaced by threshold, on the relevance score's scale (see the README's rule reference)",
}

var (
	unknownFieldPattern  = regexp.MustCompile("^field (\\S+) not found in type")
	badValuePattern      = regexp.MustCompile("^cannot unmarshal !!\\w+ `(.*)` into (\\S+)")
	badCollectionPattern = regexp.MustCompile(`^cannot unmarshal !!(seq|map) into (\S+)`)
)

// decodeError turns the decoder's errors into ConfigErrors naming the key.
func (p nodePositions) decodeError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return &ConfigError{File: path, Msg: err.Error()}
	}
	var errs []error
	for _, s := range te.Errors {
		m := yamlLinePattern.FindStringSubmatch(s)
		if m == nil {
			errs = append(errs, &ConfigError{File: path, Msg: s})
			continue
		}
		line, _ := strconv.Atoi(m[1])
		e := &ConfigError{File: path, Line: line, Msg: m[2]}
		if f := unknownFieldPattern.FindStringSubmatch(m[2]); f != nil {
			e.Key = p.keyAt(line, func(n nodeAtKey) bool { return n.key == f[1] || strings.HasSuffix(n.key, "."+f[1]) })
			e.Msg = "unknown key"
			if hint, ok := replacedKeys[f[1]]; ok {
				e.Msg += ": " + hint
			}
		} else if v := badValuePattern.FindStringSubmatch(m[2]); v != nil {
			e.Key = p.keyAt(line, func(n nodeAtKey) bool { return n.value == v[1] })
			e.Msg = fmt.Sprintf("invalid value %q (want %s)", v[1], typeName(v[2]))
		} else if c := badCollectionPattern.FindStringSubmatch(m[2]); c != nil {
			e.Key = p.outermostKeyAt(line)
			e.Msg = fmt.Sprintf("got a %s, want %s", collectionName(c[1]), typeName(c[2]))
		} else {
			e.Key = p.keyAt(line, func(nodeAtKey) bool { return true })
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

// keyAt returns the deepest key on the line that satisfies ok.
func (p nodePositions) keyAt(line int, ok func(nodeAtKey) bool) string {
	best := ""
	for _, n := range p.byLine[line] {
		if ok(n) && len(n.key) > len(best) {
			best = n.key
		}
	}
	return best
}

// outermostKeyAt returns the shortest key on the line: the one a
// collection that starts there belongs to.
func (p nodePositions) outermostKeyAt(line int) string {
	best := ""
	for _, n := range p.byLine[line] {
		if best == "" || len(n.key) < len(best) {
			best = n.key
		}
	}
	return best
}

func collectionName(tag string) string {
	if tag == "seq" {
		return "list"
	}
	return "mapping"
}

// typeName says in words what a Go type in a decoder message expects.
func typeName(goType string) string {
	switch goType {
	case "time.Duration":
		return "a duration such as 30m or 1h30m"
	case "int", "int64":
		return "a whole number"
	case "bool":
		return "true or false"
	case "tagfeed.Field":
		return "title, summary, content or author"
	}
	if strings.HasPrefix(goType, "[]") {
		return "a list"
	}
	if strings.HasPrefix(goType, "map[") || strings.HasPrefix(goType, "tagfeed.") {
		return "a mapping of keys"
	}
	return goType
}
