package tagfeed

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// AppendFeeds adds feeds to the config file at path, editing its text so
// that its comments and layout stay as they were: each feed becomes a new
// entry at the end of the feeds list. Feeds already listed are skipped.
// The edited file must still load, or nothing is written. It returns the
// feeds it added.
func AppendFeeds(path string, feeds []FeedConfig) ([]FeedConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg, err := ParseConfig(path, data)
	if err != nil {
		return nil, err
	}
	listed := make(map[string]bool)
	for _, f := range cfg.Feeds {
		listed[f.URL] = true
	}
	var added []FeedConfig
	for _, f := range feeds {
		if !listed[f.URL] {
			listed[f.URL] = true
			added = append(added, f)
		}
	}
	if len(added) == 0 {
		return nil, nil
	}
	text := insertFeedEntries(string(data), added)
	if _, err := ParseConfig(path, []byte(text)); err != nil {
		return nil, fmt.Errorf("config: adding the feeds would break %s: %w", path, err)
	}
	return added, writeFileAtomic(path, []byte(text))
}

// feedEntries renders feeds as YAML list entries with the given indent.
func feedEntries(feeds []FeedConfig, indent string) string {
	var b strings.Builder
	for _, f := range feeds {
		b.WriteString(indent + "- url: " + yamlString(f.URL) + "\n")
		if f.Title != "" {
			b.WriteString(indent + "  title: " + yamlString(f.Title) + "\n")
		}
		if f.Interval > 0 {
			b.WriteString(indent + "  interval: " + f.Interval.String() + "\n")
		}
	}
	return b.String()
}

// yamlWords are plain scalars YAML reads as something other than a string.
var yamlWords = map[string]bool{"null": true, "~": true, "true": true, "false": true}

// yamlString quotes s when YAML would read it as something else, or
// could not read it at all: a character that is not printable (a line
// or paragraph separator, a control character) is written as an escape,
// which strconv.Quote writes as YAML's double-quoted style reads it. A
// byte that is not UTF-8, which a YAML file cannot hold, becomes U+FFFD.
func yamlString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s == "" || yamlWords[strings.ToLower(s)] || strings.TrimSpace(s) != s || strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") ||
		strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(s)
	}
	return s
}

var (
	feedsKey    = regexp.MustCompile(`(?m)^feeds:[ \t]*(?:#.*)?$`)
	emptyFeeds  = regexp.MustCompile(`(?m)^feeds:[ \t]*(?:\[\s*\]|~|null)?[ \t]*(?:#.*)?$`)
	topLevelKey = regexp.MustCompile(`^[^\s#-]`)
	listItem    = regexp.MustCompile(`^([ \t]*)- `)
)

// insertFeedEntries puts the feeds at the end of the top-level feeds list,
// indented like the entries already there and before any blank lines or
// comments that close the list, creating the list if the file has none.
func insertFeedEntries(text string, feeds []FeedConfig) string {
	const indent = "  "
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	loc := feedsKey.FindStringIndex(text)
	if loc == nil {
		if loc = emptyFeeds.FindStringIndex(text); loc != nil {
			return text[:loc[0]] + "feeds:\n" + feedEntries(feeds, indent) + text[loc[1]+1:]
		}
		return text + "\nfeeds:\n" + feedEntries(feeds, indent)
	}
	lines := strings.SplitAfter(text[loc[1]+1:], "\n")
	end, found := 0, "" // lines[:end] belong to the list
	for i, l := range lines {
		if topLevelKey.MatchString(l) {
			break
		}
		if m := listItem.FindStringSubmatch(l); m != nil && found == "" {
			found = m[1] + " " // a marker, so that a zero indent is found too
		}
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			end = i + 1
		}
	}
	itemIndent := indent
	if found != "" {
		itemIndent = found[:len(found)-1]
	}
	head := text[:loc[1]+1] + strings.Join(lines[:end], "")
	return head + feedEntries(feeds, itemIndent) + strings.Join(lines[end:], "")
}

// writeFileAtomic replaces the file at path with data, so that a crash
// leaves either the old file or the new one.
func writeFileAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("config: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("config: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("config: replace %s: %w", path, err)
	}
	return nil
}
