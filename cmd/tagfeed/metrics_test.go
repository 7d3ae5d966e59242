package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMetricsAfterARound scrapes /metrics after the seeds and the fixture
// feeds were read and a feed was asked for twice, and checks what the
// counters say against what happened.
func TestMetricsAfterARound(t *testing.T) {
	feedSrv := newFixtureServer(t)
	var urls []string
	for _, f := range fixtureFeeds {
		urls = append(urls, feedSrv.URL+"/"+f)
	}
	m := startMain(t, testConfig(t, urls...))
	waitForFeeds(t, m)
	// A read is counted once it is over, which is after its state is
	// stored and its items grouped: scrape until the last one is. Only
	// then is the feed asked for twice: a read that ends between the two
	// requests would change the data and send the second to a render.
	feedReads := `tagfeed_fetches_total{kind="feed",outcome="new",status="200"} ` + strconv.Itoa(len(fixtureFeeds))
	scrape := func() string {
		status, hdr, body := get(t, m.URL()+"/metrics")
		if status != 200 || hdr.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("GET /metrics: %d, headers %v", status, hdr)
		}
		return string(body)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if strings.Contains(scrape(), feedReads) || time.Now().After(deadline) {
			break
		}
	}
	for range 2 {
		if status, _, _ := get(t, m.URL()+"/feeds/nic.atom"); status != 200 {
			t.Fatalf("GET /feeds/nic.atom: %d", status)
		}
	}
	text := scrape()
	value := func(series string) float64 {
		t.Helper()
		re := regexp.MustCompile("(?m)^" + regexp.QuoteMeta(series) + ` (\S+)$`)
		mm := re.FindStringSubmatch(text)
		if mm == nil {
			t.Errorf("/metrics has no %s", series)
			return 0
		}
		v, _ := strconv.ParseFloat(mm[1], 64)
		return v
	}
	if v := value(`tagfeed_fetches_total{kind="seed",outcome="new",status="0"}`); v < 1 {
		t.Errorf("seed reads counted %v, want at least the first", v)
	}
	if v := value(`tagfeed_fetches_total{kind="feed",outcome="new",status="200"}`); v != float64(len(fixtureFeeds)) {
		t.Errorf("new feed reads counted %v, want %d", v, len(fixtureFeeds))
	}
	if v := value(`tagfeed_items_stored_total{change="new"}`); v < 5 {
		t.Errorf("items stored %v, want at least the five seeds", v)
	}
	stored, stories := value(`tagfeed_items_stored`), value(`tagfeed_stories`)
	if stored < 5 || stories > stored-2 || stories < 3 {
		t.Errorf("%v items in %v stories, want at least the five seeds in at most %v (000, 001 and 002 are one)", stored, stories, stored-2)
	}
	if v := value(`tagfeed_items{tag="nic"}`); v < 3 {
		t.Errorf("nic items %v, want at least the three seeds", v)
	}
	if v := value(`tagfeed_answers_total{source="cache"}`); v < 1 {
		t.Errorf("answers from the cache %v, want the second request's", v)
	}
	if v := value(`tagfeed_http_request_duration_seconds_count{code="200",route="GET /feeds/{file}"}`); v != 2 {
		t.Errorf("feed requests timed %v, want 2", v)
	}
	if !strings.Contains(text, "tagfeed_fetch_duration_seconds_bucket") {
		t.Error("/metrics has no fetch durations")
	}
	if _, _, health := get(t, m.URL()+"/healthz"); !strings.HasPrefix(string(health), "ok\nlast fetch: ") {
		t.Errorf("/healthz = %q, want ok and when the last fetch ran", health)
	}
}
