package tagfeed

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Config is tagfeed's configuration, usually read from config.yaml by
// LoadConfig. Start from Default and validate with Validate.
type Config struct {
	Database string       `yaml:"database"` // SQLite file, or a postgres:// URL
	Listen   string       `yaml:"listen"`   // HOST:PORT that serve answers on
	BaseURL  string       `yaml:"base_url"` // absolute URL the served feeds link to; "" for where serve listens
	Title    string       `yaml:"title"`    // the site's name on the index page and in feeds
	Language string       `yaml:"language"` // BCP 47 language of the items, given in the feeds
	Seeds    []string     `yaml:"seeds"`    // folders of local article files
	Fetch    FetchConfig  `yaml:"fetch"`
	Feeds    []FeedConfig `yaml:"feeds"`
	Stories  StoryConfig  `yaml:"stories"`
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
	MaxItems     int           `yaml:"max_items"`      // items taken from one feed, the newest
	// AllowPrivate lets redirects and discovered links reach loopback and
	// private addresses; feeds the config names may be private anyway.
	AllowPrivate bool `yaml:"allow_private"`
}

// FeedConfig is one live feed to follow.
type FeedConfig struct {
	URL      string        `yaml:"url"`
	Title    string        `yaml:"title"`    // optional; overrides the feed's own title
	Interval time.Duration `yaml:"interval"` // optional; overrides fetch.interval
	// FullText makes each item's content the main text of its page,
	// fetched from its link, for feeds that give only a summary.
	FullText bool `yaml:"fulltext"`
}

// Default returns the configuration used where config.yaml is silent.
func Default() Config {
	return Config{
		Database: "tagfeed.db",
		Listen:   "127.0.0.1:8080",
		Title:    "tagfeed",
		Language: "vi",
		Fetch: FetchConfig{
			Interval:     30 * time.Minute,
			Timeout:      20 * time.Second,
			Concurrency:  8,
			PerHost:      2,
			MaxBodyBytes: 10 << 20,
			MaxRedirects: 5,
			MaxItems:     1000,
		},
		Stories: StoryConfig{Window: 7 * 24 * time.Hour, Threshold: 0.35, Pick: PickEarliest},
	}
}

// SiteURL returns the absolute URL the feeds link to: base_url, or where
// listen says the server answers.
func (c *Config) SiteURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	return "http://" + c.Listen
}

// SeedFolder returns how a seed folder is known: its path as configured,
// cleaned, and relative to the config's folder when it lies within it, so
// that "seeds", "./seeds/" and the absolute path of the same folder are one
// source.
func (c *Config) SeedFolder(dir string) string {
	p := filepath.Clean(dir)
	if filepath.IsAbs(p) && c.Dir != "" {
		if base, err := filepath.Abs(c.Dir); err == nil {
			if rel, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(p)
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

// IntervalOf returns how often a source is read when all goes well: its
// configured interval (per feed, else fetch.interval), or the least
// interval the source asked for (Status.MinInterval) if that is longer.
func (c *Config) IntervalOf(src Source) time.Duration {
	d := c.Fetch.Interval
	for _, f := range c.Feeds {
		if f.URL == src.URL {
			d = c.FeedInterval(f)
			break
		}
	}
	return max(d, src.Status.MinInterval)
}

// languagePattern is the shape of a BCP 47 language tag, or empty.
var languagePattern = regexp.MustCompile(`^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)?$`)

// tagNamePattern is what a tag name may look like: it is part of feed URLs.
var tagNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Validate checks the configuration and returns every problem it finds,
// each naming the key (and, for a loaded file, the file and line).
func (c *Config) Validate() error {
	var errs configErrors
	c.validateDatabase(&errs)
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		errs.add(c.Errorf("listen", "want HOST:PORT, got %q", c.Listen))
	}
	if !languagePattern.MatchString(c.Language) {
		errs.add(c.Errorf("language", "want a language tag such as vi or en-US, got %q", c.Language))
	}
	if c.BaseURL != "" {
		if err := checkHTTPURL(c.BaseURL); err != nil {
			errs.add(c.Errorf("base_url", "%v", err))
		}
	}
	names := map[string]int{}
	for i, s := range c.Seeds {
		key := fmt.Sprintf("seeds[%d]", i)
		if strings.TrimSpace(s) == "" {
			errs.add(c.Errorf(key, "empty folder name"))
			continue
		}
		name := filepath.Base(c.SeedFolder(s))
		if j, dup := names[name]; dup {
			errs.add(c.Errorf(key, "%s: another seed folder is called %q too (seeds[%d]); seed folders are known by their names, so give them different ones", s, name, j))
		}
		names[name] = i
	}
	c.validateFetch(&errs)
	c.validateStories(&errs)
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
	if f.MaxItems < 1 {
		errs.add(c.Errorf("fetch.max_items", "must be at least 1, got %d", f.MaxItems))
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
