package tagfeed

import (
	"net/url"
	"strings"
)

// IsPostgresURL reports whether a database setting (the config's
// database, or --db) names a PostgreSQL database, as a postgres:// or
// postgresql:// URL, rather than a SQLite file.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// validateDatabase checks the database setting: a file, or a PostgreSQL
// URL that parses. The message never repeats the URL, which may hold a
// password.
func (c *Config) validateDatabase(errs *configErrors) {
	switch {
	case c.Database == "":
		errs.add(c.Errorf("database", "must name a file or a postgres:// URL"))
	case IsPostgresURL(c.Database):
		if _, err := url.Parse(c.Database); err != nil {
			errs.add(c.Errorf("database", "not a valid PostgreSQL URL (want postgres://user:password@host:port/dbname)"))
		}
	}
}
