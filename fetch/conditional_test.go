package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
)

func TestConditionalGETRoundTrip(t *testing.T) {
	srv := newFeedServer(t)
	srv.serveDocument("/feed", fixture(t, "rss2.xml"), "application/rss+xml")
	url := srv.URL + "/feed"
	clk := newClock()
	store := openStore(t, clk)
	f := newFetcher(testConfig(), store, clk)
	ctx := context.Background()

	first := f.Round(ctx, ensureFeeds(t, store, url))[0]
	if first.Err != nil || first.Counts != (tagfeed.SaveCounts{New: 3}) {
		t.Fatalf("first round: %v %+v, want 3 new", first.Err, first.Counts)
	}
	_, before := stored(t, store, url)
	if !before[0].HasTag("ai") && !before[1].HasTag("ai") {
		t.Errorf("no stored item carries the tag the tagger gave")
	}

	clk.Set(t0.Add(time.Hour))
	srcs, _ := store.Sources(ctx)
	second := f.Round(ctx, srcs)[0]
	if second.Err != nil || !second.NotModified || second.Counts != (tagfeed.SaveCounts{}) || second.Outcome() != "unchanged" {
		t.Fatalf("second round: err %v, not modified %v, counts %+v, outcome %s; want a 304 that writes no item",
			second.Err, second.NotModified, second.Counts, second.Outcome())
	}
	req := srv.LastRequest("/feed")
	if req.Header.Get("If-None-Match") == "" || req.Header.Get("If-Modified-Since") != "Tue, 04 Nov 2025 10:00:00 GMT" {
		t.Errorf("second request sent If-None-Match %q, If-Modified-Since %q", req.Header.Get("If-None-Match"), req.Header.Get("If-Modified-Since"))
	}
	if ua := req.Header.Get("User-Agent"); ua != tagfeed.UserAgent || !strings.Contains(ua, tagfeed.ProjectURL) {
		t.Errorf("User-Agent %q, want %q", ua, tagfeed.UserAgent)
	}
	src, after := stored(t, store, url)
	if len(after) != len(before) {
		t.Errorf("%d items after the 304, %d before", len(after), len(before))
	}
	for i := range after {
		if !after[i].Updated.Equal(before[i].Updated) {
			t.Errorf("item %s was rewritten by a 304", after[i].Key)
		}
	}
	st := src.Status
	if st.HTTPStatus != 304 || !st.LastSuccess.Equal(t0.Add(time.Hour)) || st.Failing() {
		t.Errorf("status after 304: HTTP %d, last success %v, error %q", st.HTTPStatus, st.LastSuccess, st.Error)
	}
	if want := t0.Add(time.Hour + 90*time.Minute); !st.NextFetch.Equal(want) {
		t.Errorf("next fetch %v, want %v (the feed's ttl of 90m beats the 30m interval)", st.NextFetch, want)
	}
}

func TestETagChangeUpdatesWithoutDuplicates(t *testing.T) {
	srv := newFeedServer(t)
	original := fixture(t, "rss2.xml")
	doc := srv.serveDocument("/feed", original, "application/rss+xml")
	url := srv.URL + "/feed"
	clk := newClock()
	store := openStore(t, clk)
	f := newFetcher(testConfig(), store, clk)
	ctx := context.Background()
	f.Round(ctx, ensureFeeds(t, store, url))
	oldETag := srv.LastRequest("/feed")

	changed := bytes.Replace(original, []byte("Energy grid gets a boost"), []byte("Energy grid gets a bigger boost"), 1)
	changed = bytes.Replace(changed, []byte("<item>"), []byte(`<item><title>Brand new</title><guid isPermaLink="false">news-1004</guid></item><item>`), 1)
	doc.Set(changed)
	clk.Set(t0.Add(time.Hour))
	srcs, _ := store.Sources(ctx)
	res := f.Round(ctx, srcs)[0]
	if res.Err != nil || res.NotModified || res.Counts != (tagfeed.SaveCounts{New: 1, Updated: 1, Unchanged: 2}) || res.Outcome() != "new" {
		t.Fatalf("after the change: err %v, not modified %v, counts %+v; want 1 new, 1 updated, 2 unchanged", res.Err, res.NotModified, res.Counts)
	}
	if oldETag == nil || srv.LastRequest("/feed").Header.Get("If-None-Match") == "" {
		t.Errorf("the second request was not conditional")
	}
	_, items := stored(t, store, url)
	titles := map[string]string{}
	for _, it := range items {
		titles[it.Key] = it.Title
	}
	if len(items) != 4 || titles["news-1003"] != "Energy grid gets a bigger boost" || titles["news-1004"] != "Brand new" {
		t.Errorf("stored %d items %v; want 4 with the changed title", len(items), titles)
	}
}

func TestItemsWithoutGUIDOrDateKeepIdentityAndFirstSeenDate(t *testing.T) {
	srv := newFeedServer(t)
	original := fixture(t, "nodate.xml")
	doc := srv.serveDocument("/feed", original, "application/rss+xml")
	url := srv.URL + "/feed"
	clk := newClock()
	store := openStore(t, clk)
	f := newFetcher(testConfig(), store, clk)
	ctx := context.Background()

	first := f.Round(ctx, ensureFeeds(t, store, url))[0]
	_, items1 := stored(t, store, url)
	// A new ETag forces a full fetch of the same items a day later.
	doc.Set(append(original, []byte("\n<!-- touched -->\n")...))
	clk.Set(t0.Add(24 * time.Hour))
	srcs, _ := store.Sources(ctx)
	second := f.Round(ctx, srcs)[0]
	_, items2 := stored(t, store, url)

	if first.Counts.New != 2 || second.NotModified || second.Counts != (tagfeed.SaveCounts{Unchanged: 2}) {
		t.Fatalf("rounds gave %+v then %+v (not modified %v); want 2 new, then 2 unchanged", first.Counts, second.Counts, second.NotModified)
	}
	if len(items2) != 2 {
		t.Fatalf("%d items after two rounds, want 2", len(items2))
	}
	keys := map[string]bool{}
	for i, it := range items2 {
		keys[it.Key] = true
		if !it.Published.IsZero() || !it.FirstSeen.Equal(t0) || !items1[i].FirstSeen.Equal(t0) {
			t.Errorf("%s published %v, first seen %v then %v; want no date, first seen %v both times",
				it.Key, it.Published, items1[i].FirstSeen, it.FirstSeen, t0)
		}
	}
	if !keys["https://undated.example/a"] {
		t.Errorf("keys %v: the linked item is not keyed by its link", keys)
	}
}

func TestGzipBodiesAreReadWithDeclaredOrSniffedEncoding(t *testing.T) {
	var packed bytes.Buffer
	zw := gzip.NewWriter(&packed)
	zw.Write(fixture(t, "rss2.xml"))
	zw.Close()
	srv := newFeedServer(t)
	srv.mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("request does not accept gzip: %q", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(packed.Bytes())
	})
	srv.mux.HandleFunc("/raw.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(packed.Bytes())
	})
	store := openStore(t, nil)
	results := newFetcher(testConfig(), store, nil).Round(context.Background(),
		ensureFeeds(t, store, srv.URL+"/declared", srv.URL+"/raw.xml.gz"))
	for _, res := range results {
		if res.Err != nil || res.Counts.New != 3 {
			t.Errorf("%s: %v, %+v; want 3 new items", res.Source.URL, res.Err, res.Counts)
		}
	}
}
