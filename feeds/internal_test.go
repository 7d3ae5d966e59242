package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		msg    string
	}{
		{"not found", fmt.Errorf("feeds: no topic %q: %w", "x", tagfeed.ErrNotFound), 404, `no topic "x": not found`},
		{"wrapped not found", fmt.Errorf("db: items: %w", tagfeed.ErrNotFound), 404, "db: items: not found"},
		{"unknown format", func() error { _, err := ParseFormat("xml"); return err }(), 404, `unknown feed format "xml" (want rss, atom or json): not found`},
		{"not found with text", notFound("no feed %q", "x"), 404, `no feed "x"`},
		{"bad request", badRequest("bad limit %q", "x"), 400, `bad limit "x"`},
		{"unavailable", &httpError{status: 503, msg: "store unavailable", err: errors.New("disk on fire")}, 503, "store unavailable"},
		{"canceled", fmt.Errorf("db: %w", context.Canceled), 503, "request canceled or timed out"},
		{"deadline", context.DeadlineExceeded, 503, "request canceled or timed out"},
		{"anything else", errors.New("sql: database is closed"), http.StatusInternalServerError, "internal server error"},
	}
	for _, tt := range tests {
		status, msg := statusOf(tt.err)
		if status != tt.status || msg != tt.msg {
			t.Errorf("%s: statusOf = %d %q, want %d %q", tt.name, status, msg, tt.status, tt.msg)
		}
	}
}

func TestXMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain Việt Nam", "plain Việt Nam"},
		{"tab\tnewline\ncr\r", "tab\tnewline\ncr\r"},
		{"nul\x00 bell\x07 vt\x0b ff\x0c esc\x1b", "nul bell vt ff esc"},
		{"bad utf-8 \xff\xfe here", "bad utf-8 \uFFFD here"},
		{"non-characters \uFFFE\uFFFF", "non-characters "},
		{"del \x7f and C1 \u0085 stay", "del \x7f and C1 \u0085 stay"}, // allowed by XML 1.0
	}
	for _, tt := range tests {
		if got := xmlText(tt.in); got != tt.want {
			t.Errorf("xmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAbsoluteURI(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"https://vnexpress.net/a-123.html", true},
		{"http://example.org/?p=1&q=2", true},
		{"urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8", true},
		{"tag:example.org,2024:post-1", true},
		{"", false},
		{"12345", false},
		{"post-42", false},
		{"/relative/path", false},
		{"https://", false},
		{"https://example.org/a b", false},
		{"javascript:alert(1)", false},
		{"mailto:a@example.org", false},
		{"urn:", false},
		{"https://example.org/{x}", false},
	}
	for _, tt := range tests {
		if got := absoluteURI(tt.id); got != tt.want {
			t.Errorf("absoluteURI(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"<p>Hello <b>world</b></p>", 80, "Hello world"},
		{"<p>a &amp; b</p><p>c</p>", 80, "a & b c"},
		{"one two three four", 9, "one two…"},
		{"", 10, ""},
	}
	for _, tt := range tests {
		if got := plainText(tt.in, tt.max); got != tt.want {
			t.Errorf("plainText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestShowSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 999: "999 B", 1000: "1.0 kB", 640_000: "640.0 kB", 3_000_000_000: "3.0 GB", 5e15: "5000.0 TB",
	} {
		if got := showSize(n); got != want {
			t.Errorf("showSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestOnceGivesWaitersTheError fails an answer while a second request
// waits for it: the waiter gets the same error rather than finding no
// answer, so that each of a burst of requests for a feed that does not
// exist gets its 404, not a 500.
func TestOnceGivesWaitersTheError(t *testing.T) {
	c := newResponseCache(8, 1<<20)
	failure := errors.New("no such feed")
	started, release := make(chan struct{}), make(chan struct{})
	first, second := make(chan error, 1), make(chan error, 1)
	go func() {
		_, err := c.once("k", func() (*response, error) { close(started); <-release; return nil, failure })
		first <- err
	}()
	<-started
	go func() {
		_, err := c.once("k", func() (*response, error) {
			return nil, errors.New("a second render ran while the first was under way")
		})
		second <- err
	}()
	time.Sleep(200 * time.Millisecond) // time for the second to wait for the first
	close(release)
	if err := <-first; err != failure {
		t.Errorf("the render's own request got %v, want %v", err, failure)
	}
	if err := <-second; err != failure {
		t.Errorf("the waiting request got %v, want %v", err, failure)
	}
}
