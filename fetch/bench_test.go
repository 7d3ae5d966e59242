package fetch_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tagfeed "github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
	"github.com/tagfeed/tagfeed/story"
	"github.com/tagfeed/tagfeed/tag"
)

const (
	benchItems   = 20
	benchLatency = 20 * time.Millisecond
)

// benchFeeds is how many feeds BenchmarkRound serves: 1,000, or
// $TAGFEED_BENCH_FEEDS; benchConcurrency is fetch.concurrency: 32, or
// $TAGFEED_BENCH_CONCURRENCY.
var benchFeeds, benchConcurrency = envInt("TAGFEED_BENCH_FEEDS", 1000), envInt("TAGFEED_BENCH_CONCURRENCY", 32)

// envInt reads a whole number from the environment, or gives def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// benchFeed writes feed n: benchItems items that the shipped rules tag now
// and then.
func benchFeed(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed %d</title><link>https://feed%d.bench.test/</link><description>Scale test</description>`, n, n)
	topics := []string{"chip bán dẫn", "trí tuệ nhân tạo", "điện gió ngoài khơi", "National Innovation Center", "thị trường chứng khoán"}
	for i := range benchItems {
		topic := topics[(n+i)%len(topics)]
		fmt.Fprintf(&b, `<item><title>Tin %d.%d về %s</title><link>https://feed%d.bench.test/posts/%d</link><guid isPermaLink="false">feed%d-item%d</guid>`+
			`<pubDate>%s</pubDate><description><![CDATA[<p>Bài viết số %d của nguồn %d bàn về %s, với các số liệu mới và ý kiến của chuyên gia trong ngành.</p><p>Đoạn thứ hai kể thêm chi tiết về dự án, tiến độ và vốn đầu tư.</p>]]></description></item>`,
			n, i, topic, n, i, n, i, t0.Add(-time.Duration(n*benchItems+i)*time.Minute).Format(time.RFC1123Z), i, n, topic)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// benchServer serves the bench feeds at http://feedN.bench.test/feed.xml,
// each answer after benchLatency, with ETags and 304s. It writes each
// document as it is asked for rather than holding them all: at 5,000
// feeds they would be 43 MB of the process's live heap, and the peak RSS
// the benchmark reports would be the server's as much as tagfeed's.
func benchServer(b *testing.B) (*feedServer, []string) {
	urls := make([]string, benchFeeds)
	srv := newFeedServer(b)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for n := range urls {
		urls[n] = fmt.Sprintf("http://feed%d.bench.test:%s/feed.xml", n, port)
	}
	srv.mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(benchLatency)
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.Host, "feed"), ".bench.test:"+port))
		if err != nil || n < 0 || n >= benchFeeds {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"feed-%d-v1"`, n)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(benchFeed(n))
	})
	return srv, urls
}

// BenchmarkRound runs two rounds over 1,000 feeds of 20 items behind 20 ms
// of latency, at concurrency 32 (see benchFeeds): the first stores every
// item and groups them into stories, as tagfeed does, the second gets
// 1,000 × 304 and writes none. Each feed has a host name of its own
// (all dialled to the one loopback server), so the per-host limit of 2
// does not serialize them, as it would not for 1,000 real sites.
func BenchmarkRound(b *testing.B) {
	cfg, err := tagfeed.LoadConfig("../config.yaml")
	if err != nil {
		b.Fatal(err)
	}
	cfg.Fetch.Concurrency = benchConcurrency
	engine, err := tag.New(cfg.Tags)
	if err != nil {
		b.Fatal(err)
	}
	srv, urls := benchServer(b)
	ideal := time.Duration(benchFeeds) * benchLatency / time.Duration(cfg.Fetch.Concurrency)
	var first, second, firstCPU time.Duration
	var peak float64
	for b.Loop() {
		store := openStore(b, nil)
		f := newPipeline(cfg, store, engine, nil)
		f.setClock(nil)
		f.GroupStories(story.NewGrouper(store, cfg.Stories, tag.Normalize)) // as tagfeed runs it
		dialAllTo(f.Fetcher, srv.Listener.Addr().String())
		srcs := ensureFeeds(b, store, urls...)
		ctx := context.Background()

		start, cpuStart := time.Now(), cpuTime(b)
		checkRound(b, f.Round(ctx, srcs), benchItems, false)
		first, firstCPU = time.Since(start), cpuTime(b)-cpuStart
		srcs, _ = store.Sources(ctx)
		start = time.Now()
		checkRound(b, f.Round(ctx, srcs), 0, true)
		second = time.Since(start)
		peak = peakRSSMiB(b) // before the items are read back to be checked

		items, err := store.Items(ctx, tagfeed.Selection{})
		if err != nil {
			b.Fatal(err)
		}
		seen := make(map[string]bool, len(items))
		for _, it := range items {
			seen[fmt.Sprint(it.SourceID, it.Key)] = true
		}
		if len(items) != benchFeeds*benchItems || len(seen) != len(items) {
			b.Fatalf("%d items stored, %d distinct; want %d", len(items), len(seen), benchFeeds*benchItems)
		}
	}
	b.ReportMetric(float64(first.Milliseconds()), "round1-ms")
	// The CPU the first round used, the feed server's included: steadier
	// than its time on a shared machine, and, beside it, how busy the
	// cores were.
	b.ReportMetric(float64(firstCPU.Milliseconds()), "round1-cpu-ms")
	b.ReportMetric(float64(second.Milliseconds()), "round2-ms")
	b.ReportMetric(float64(ideal.Milliseconds()), "ideal-ms")
	b.ReportMetric(peak, "peak-RSS-MiB")
}

// checkRound fails the benchmark unless every feed gave newItems new items,
// or, for notModified, a 304 that wrote nothing.
func checkRound(b *testing.B, results []ingest.Result, newItems int, notModified bool) {
	b.Helper()
	for _, res := range results {
		if res.Err != nil || res.NotModified != notModified || res.Counts.New != newItems || res.Counts.Updated != 0 {
			b.Fatalf("%s: err %v, not modified %v, counts %+v", res.Source.URL, res.Err, res.NotModified, res.Counts)
		}
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSMiB reads the process's peak resident set size (VmHWM).
func peakRSSMiB(b *testing.B) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Logf("no peak RSS: %v", err)
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
