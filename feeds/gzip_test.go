package feeds_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestGzip wants compressed answers for clients that ask, with their own
// ETag, and the same content once decompressed.
func TestGzip(t *testing.T) {
	ts, _ := newTestServer(t)
	plain, want := get(t, "GET", ts.URL+"/feeds/all.atom", nil)
	if plain.Header.Get("Content-Encoding") != "" || plain.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("plain answer: Content-Encoding %q, Vary %q; want none and Accept-Encoding",
			plain.Header.Get("Content-Encoding"), plain.Header.Get("Vary"))
	}
	tests := []struct {
		accept string
		gzip   bool
	}{
		{"gzip", true},
		{"br, gzip;q=0.8, deflate", true},
		{"GZIP", true},
		{"x-gzip", true},
		{"gzip;q=0", false},
		{"br, deflate", false},
		{"identity", false},
	}
	for _, tt := range tests {
		resp, body := get(t, "GET", ts.URL+"/feeds/all.atom", http.Header{"Accept-Encoding": {tt.accept}})
		gotGzip := resp.Header.Get("Content-Encoding") == "gzip"
		if gotGzip != tt.gzip {
			t.Errorf("Accept-Encoding %q: gzip = %v, want %v", tt.accept, gotGzip, tt.gzip)
			continue
		}
		if !tt.gzip {
			continue
		}
		etag := resp.Header.Get("ETag")
		if etag == plain.Header.Get("ETag") || !strings.HasSuffix(etag, `-gzip"`) {
			t.Errorf("Accept-Encoding %q: ETag %q, want one of its own", tt.accept, etag)
		}
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || string(got) != want {
			t.Errorf("Accept-Encoding %q: decompressed body differs (%v)", tt.accept, err)
		}
		again, _ := get(t, "GET", ts.URL+"/feeds/all.atom", http.Header{"Accept-Encoding": {tt.accept}, "If-None-Match": {etag}})
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("Accept-Encoding %q: conditional GET with the gzip ETag gave %d, want 304", tt.accept, again.StatusCode)
		}
	}
	small, _ := get(t, "GET", ts.URL+"/healthz", http.Header{"Accept-Encoding": {"gzip"}})
	if small.Header.Get("Content-Encoding") != "" {
		t.Error("a 3-byte answer was compressed")
	}
}
