package tagfeed

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// ConfigError is a problem with one key of the configuration.
type ConfigError struct {
	File string // the config file, when it was loaded from one
	Line int    // the key's line in File, when known
	Key  string // the key's path, such as "tags.ai.keywords[2]"
	Msg  string
}

// Error reads "file:line: key: message", leaving out what is unknown.
func (e *ConfigError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
		if e.Line > 0 {
			fmt.Fprintf(&b, "%d:", e.Line)
		}
		b.WriteString(" ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errorf returns a ConfigError for key, placed in the config file.
func (c *Config) Errorf(key, format string, args ...any) *ConfigError {
	return &ConfigError{File: c.file, Line: c.Line(key), Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Line returns the line of key in the loaded config file, or of its nearest
// parent key that is there, or 0.
func (c *Config) Line(key string) int {
	for key != "" {
		if n, ok := c.lines[key]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// Locate fills in the file and line of every ConfigError in err, such as
// those from compiling tag rules, and returns err.
func (c *Config) Locate(err error) error {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var ce *ConfigError
		if errors.As(e, &ce) && ce.File == "" {
			ce.File, ce.Line = c.file, c.Line(ce.Key)
		}
	}
	return err
}

// configErrors collects the problems Validate finds.
type configErrors []error

func (es *configErrors) add(err error) { *es = append(*es, err) }

// err joins the problems in the order of their lines in the file.
func (es configErrors) err() error {
	slices.SortStableFunc(es, func(a, b error) int {
		return lineOf(a) - lineOf(b)
	})
	return errors.Join(es...)
}

func lineOf(err error) int {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return ce.Line
	}
	return 0
}

// isWordRune reports whether r is part of a word: a letter, digit or
// combining mark of any script.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
