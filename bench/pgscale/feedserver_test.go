package main

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestFeedServer checks what the benchmark's feeds are: each at a URL of
// its own on a loopback address, items items with distinct GUIDs, the
// same bytes on every request, a 304 for its ETag, and counted.
func TestFeedServer(t *testing.T) {
	s, err := startFeedServer(3, 20, 2, 0)
	if err != nil {
		t.Skipf("no loopback addresses 127.20.0.x here: %v", err)
	}
	defer s.close()
	client := &http.Client{Timeout: 5 * time.Second}
	get := func(url, etag string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}

	if len(s.urls) != 3 || s.urls[0] == s.urls[1] || !strings.HasPrefix(s.urls[2], "http://127.20.0.1:") {
		t.Fatalf("urls %q: want 3, distinct, feed 2 on the first host", s.urls)
	}
	resp, body := get(s.urls[1], "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var doc struct {
		Items []struct {
			GUID string `xml:"guid"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("feed 1 is not XML: %v", err)
	}
	guids := map[string]bool{}
	for _, it := range doc.Items {
		guids[it.GUID] = true
	}
	if len(doc.Items) != 20 || len(guids) != 20 {
		t.Errorf("%d items, %d distinct GUIDs; want 20", len(doc.Items), len(guids))
	}
	if _, again := get(s.urls[1], ""); string(again) != string(body) {
		t.Error("the second answer differs from the first")
	}
	if resp, _ := get(s.urls[1], resp.Header.Get("ETag")); resp.StatusCode != http.StatusNotModified {
		t.Errorf("with its ETag: status %d, want 304", resp.StatusCode)
	}
	if resp, _ := get(strings.Replace(s.urls[1], "/1.xml", "/3.xml", 1), ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("feed 3 of 3: status %d, want 404", resp.StatusCode)
	}
	want := serverCounts{requests: 3, fetched: 1, refetched: 1}
	if got := s.counts(); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	s.reset()
	if got := s.counts(); got != (serverCounts{}) {
		t.Errorf("after reset: %+v", got)
	}
}

// TestFeedFetches checks the reading of tagfeed_fetches_total.
func TestFeedFetches(t *testing.T) {
	metrics := `# HELP tagfeed_fetches_total Reads of sources.
tagfeed_fetches_total{kind="feed",outcome="new",status="200"} 4998
tagfeed_fetches_total{kind="feed",outcome="error",status="0"} 2
tagfeed_fetches_total{kind="seed",outcome="new",status="0"} 1
tagfeed_items_stored_total{change="new"} 99960
`
	all, failed, err := feedFetches(strings.NewReader(metrics))
	if err != nil || all != 5000 || failed != 2 {
		t.Errorf("got %d, %d, %v; want 5000, 2, nil", all, failed, err)
	}
}
