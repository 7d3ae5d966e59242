package tagfeed

import (
	"strings"
	"testing"
)

// TestDatabaseSetting accepts a file or a PostgreSQL URL, and says what is
// wrong with a bad URL without repeating it: it may hold a password.
func TestDatabaseSetting(t *testing.T) {
	tests := []struct {
		database string
		postgres bool
		err      string
	}{
		{"tagfeed.db", false, ""},
		{"/var/lib/tagfeed/tagfeed.db", false, ""},
		{"postgres://tagfeed:s3cret@db.example.org:5432/tagfeed?sslmode=require", true, ""},
		{"postgresql://db.example.org/tagfeed", true, ""},
		{"postgres://tagfeed:s3cret@%zz/tagfeed", true, "not a valid PostgreSQL URL"},
		{"", false, "must name a file or a postgres:// URL"},
	}
	for _, tt := range tests {
		if got := IsPostgresURL(tt.database); got != tt.postgres {
			t.Errorf("IsPostgresURL(%q) = %v, want %v", tt.database, got, tt.postgres)
		}
		cfg := Default()
		cfg.Database = tt.database
		cfg.Tags = map[string]TagRule{"ai": {Keywords: []Term{{Text: "AI"}}}}
		err := cfg.Validate()
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("database %q: %v", tt.database, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), "database: "+tt.err)):
			t.Errorf("database %q: error %v, want one saying %q", tt.database, err, tt.err)
		case err != nil && strings.Contains(err.Error(), "s3cret"):
			t.Errorf("database %q: the error %q repeats the password", tt.database, err)
		}
	}
}
