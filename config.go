package tagfeed

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Config is tagfeed's configuration, usually read from config.yaml by
// LoadConfig. Start from Default and validate with Validate.
type Config struct {
	Database string       `yaml:"database"` // SQLite file
	Listen   string       `yaml:"listen"`   // HOST:PORT that serve answers on
	BaseURL  string       `yaml:"base_url"` // absolute URL the served feeds link to
	Title    string       `yaml:"title"`    // the site's name on the index page and in feeds
	Language string       `yaml:"language"` // BCP 47 language of the items, given in the feeds
	Seeds    []string     `yaml:"seeds"`    // folders of local article files
	Fetch    FetchConfig  `yaml:"fetch"`
	Feeds    []FeedConfig `yaml:"feeds"`
	// Tags are the topic rules, by tag name. The name appears in feed URLs.
	Tags map[string]TagRule `yaml:"tags"`

	// Dir is the folder relative paths are resolved against: the config
	// file's folder when loaded from a file.
	Dir string `yaml:"-"`

	file  string         // the file it was loaded from, for error messages
	lines map[string]int // key path → line in that file
}

// FetchConfig controls how live feeds are fetched.
type FetchConfig struct {
	Interval     time.Duration `yaml:"interval"`       // time between fetches of a feed
	Timeout      time.Duration `yaml:"timeout"`        // limit on one whole request
	Concurrency  int           `yaml:"concurrency"`    // feeds fetched at once, in all
	PerHost      int           `yaml:"per_host"`       // feeds fetched at once from one host
	MaxBodyBytes int64         `yaml:"max_body_bytes"` // limit on a decompressed response body
	MaxRedirects int           `yaml:"max_redirects"`  // redirects followed per request
}

// FeedConfig is one live feed to follow.
type FeedConfig struct {
	URL      string        `yaml:"url"`
	Title    string        `yaml:"title"`    // optional; overrides the feed's own title
	Interval time.Duration `yaml:"interval"` // optional; overrides fetch.interval
}

// TagRule says which items get a tag. An item gets the tag when its terms
// and patterns score at least MinScore and no exclude term is present.
type TagRule struct {
	Title       string `yaml:"title"`       // human name of the topic
	Description string `yaml:"description"` // optional; shown on the index page and in the feed

	// Keywords are whole-word phrases matched ignoring case. A trailing *
	// matches any word ending.
	Keywords []string `yaml:"keywords"`
	// CaseSensitive are whole-word terms matched exactly, such as acronyms.
	CaseSensitive []string `yaml:"case_sensitive"`
	// Exclude terms, matched like keywords, veto the tag.
	Exclude []string `yaml:"exclude"`
	// Regex are RE2 patterns, for what plain terms cannot say.
	Regex []string `yaml:"regex"`
	// Fields limits matching to these fields of an item; all by default.
	Fields []Field `yaml:"fields"`
	// MinScore is the least weighted score that applies the tag; a hit in
	// the title weighs more than one in the body. 0 means 1.
	MinScore int `yaml:"min_score"`
	// FoldDiacritics makes the terms match unaccented text too.
	FoldDiacritics bool `yaml:"fold_diacritics"`
}

// Default returns the configuration used where config.yaml is silent.
func Default() Config {
	return Config{
		Database: "tagfeed.db",
		Listen:   "127.0.0.1:8080",
		BaseURL:  "http://localhost:8080",
		Title:    "tagfeed",
		Language: "vi",
		Fetch: FetchConfig{
			Interval:     30 * time.Minute,
			Timeout:      20 * time.Second,
			Concurrency:  8,
			PerHost:      2,
			MaxBodyBytes: 10 << 20,
			MaxRedirects: 5,
		},
	}
}

// Path resolves a path from the config against the config's folder.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// TagNames returns the configured tag names, sorted.
func (c *Config) TagNames() []string {
	return sortedKeys(c.Tags)
}

// FeedInterval returns how often the feed is fetched by configuration.
func (c *Config) FeedInterval(f FeedConfig) time.Duration {
	if f.Interval > 0 {
		return f.Interval
	}
	return c.Fetch.Interval
}

// languagePattern is the shape of a BCP 47 language tag, or empty.
var languagePattern = regexp.MustCompile(`^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)?$`)

// tagNamePattern is what a tag name may look like: it is part of feed URLs.
var tagNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Validate checks the configuration and returns every problem it finds,
// each naming the key (and, for a loaded file, the file and line).
func (c *Config) Validate() error {
	var errs configErrors
	if c.Database == "" {
		errs.add(c.Errorf("database", "must name a file"))
	}
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		errs.add(c.Errorf("listen", "want HOST:PORT, got %q", c.Listen))
	}
	if !languagePattern.MatchString(c.Language) {
		errs.add(c.Errorf("language", "want a language tag such as vi or en-US, got %q", c.Language))
	}
	if err := checkHTTPURL(c.BaseURL); err != nil {
		errs.add(c.Errorf("base_url", "%v", err))
	}
	for i, s := range c.Seeds {
		if strings.TrimSpace(s) == "" {
			errs.add(c.Errorf(fmt.Sprintf("seeds[%d]", i), "empty folder name"))
		}
	}
	c.validateFetch(&errs)
	seen := make(map[string]int)
	for i, f := range c.Feeds {
		key := fmt.Sprintf("feeds[%d]", i)
		if err := checkHTTPURL(f.URL); err != nil {
			errs.add(c.Errorf(key+".url", "%v", err))
		} else if j, dup := seen[f.URL]; dup {
			errs.add(c.Errorf(key+".url", "%s is listed twice (also feeds[%d])", f.URL, j))
		}
		seen[f.URL] = i
		if f.Interval < 0 || (f.Interval > 0 && f.Interval < time.Minute) {
			errs.add(c.Errorf(key+".interval", "must be at least 1m, got %v", f.Interval))
		}
	}
	if len(c.Tags) == 0 {
		errs.add(c.Errorf("tags", "no tags are configured"))
	}
	for _, name := range c.TagNames() {
		c.validateTag(name, c.Tags[name], &errs)
	}
	return errs.err()
}

func (c *Config) validateFetch(errs *configErrors) {
	f := c.Fetch
	if f.Interval < time.Minute {
		errs.add(c.Errorf("fetch.interval", "must be at least 1m, got %v", f.Interval))
	}
	if f.Timeout <= 0 {
		errs.add(c.Errorf("fetch.timeout", "must be positive, got %v", f.Timeout))
	}
	if f.Concurrency < 1 || f.Concurrency > 1000 {
		errs.add(c.Errorf("fetch.concurrency", "must be between 1 and 1000, got %d", f.Concurrency))
	}
	if f.PerHost < 1 {
		errs.add(c.Errorf("fetch.per_host", "must be at least 1, got %d", f.PerHost))
	}
	if f.MaxBodyBytes < 1024 {
		errs.add(c.Errorf("fetch.max_body_bytes", "must be at least 1024, got %d", f.MaxBodyBytes))
	}
	if f.MaxRedirects < 0 {
		errs.add(c.Errorf("fetch.max_redirects", "must not be negative, got %d", f.MaxRedirects))
	}
}

func (c *Config) validateTag(name string, r TagRule, errs *configErrors) {
	key := "tags." + name
	if !tagNamePattern.MatchString(name) {
		errs.add(c.Errorf(key, "tag name %q must be lowercase letters, digits, - or _", name))
	}
	if name == "all" {
		errs.add(c.Errorf(key, `"all" is reserved for the feed of every item`))
	}
	for _, err := range r.Check(name) {
		errs.add(c.Locate(err))
	}
}

// Check reports what is wrong with the rule of the tag called name: no
// terms at all, an empty term or a misplaced *, a regex that is empty or
// does not compile (in NFC, as it is matched), an unknown field, a negative
// min_score. Each problem is a *ConfigError keyed like tags.ai.keywords[2],
// without file or line: Config.Locate adds them.
func (r TagRule) Check(name string) []error {
	key := "tags." + name
	var errs []error
	add := func(key, format string, args ...any) {
		errs = append(errs, &ConfigError{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if len(r.Keywords)+len(r.CaseSensitive)+len(r.Regex) == 0 {
		add(key, "has no keywords, case_sensitive terms or regex")
	}
	lists := []struct {
		name  string
		terms []string
	}{{"keywords", r.Keywords}, {"case_sensitive", r.CaseSensitive}, {"exclude", r.Exclude}}
	for _, list := range lists {
		for i, term := range list.terms {
			if err := CheckTerm(term); err != nil {
				add(fmt.Sprintf("%s.%s[%d]", key, list.name, i), "%v", err)
			}
		}
	}
	for i, expr := range r.Regex {
		if strings.TrimSpace(expr) == "" {
			add(fmt.Sprintf("%s.regex[%d]", key, i), "empty regex")
		} else if _, err := regexp.Compile(norm.NFC.String(expr)); err != nil {
			add(fmt.Sprintf("%s.regex[%d]", key, i), "bad regex: %v", err)
		}
	}
	for i, f := range r.Fields {
		if !f.Valid() {
			add(fmt.Sprintf("%s.fields[%d]", key, i), "unknown field %q (want title, summary, content or author)", f)
		}
	}
	if r.MinScore < 0 {
		add(key+".min_score", "must not be negative, got %d", r.MinScore)
	}
	return errs
}

// CheckTerm reports what is wrong with a keyword term, if anything: it must
// have a letter or digit, and * may only end it.
func CheckTerm(term string) error {
	t := strings.TrimSpace(term)
	if t == "" {
		return fmt.Errorf("empty term")
	}
	if i := strings.IndexByte(t, '*'); i >= 0 && i != len(t)-1 {
		return fmt.Errorf("term %q: * may only end a term", term)
	}
	if !strings.ContainsFunc(t, isWordRune) {
		return fmt.Errorf("term %q has no letter or digit", term)
	}
	return nil
}

func checkHTTPURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("bad URL %q: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("want an absolute http or https URL, got %q", s)
	}
	return nil
}
