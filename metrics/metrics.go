// Package metrics exposes tagfeed's workings in the Prometheus format,
// with github.com/prometheus/client_golang: fetches by outcome and HTTP
// status with their durations, items stored, items per tag, answers
// rendered or served from the cache, and request latency by route. It
// adapts: the ingest pipeline and the feeds server report to it through
// the hooks they offer, and it keeps its own registry, so that nothing
// global is shared.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/tagfeed/tagfeed"
)

// Metrics are one tagfeed process's metrics.
type Metrics struct {
	reg          *prometheus.Registry
	fetches      *prometheus.CounterVec
	fetchSeconds *prometheus.HistogramVec
	itemsStored  *prometheus.CounterVec
	lastFetch    prometheus.Gauge
	answers      *prometheus.CounterVec
	requests     *prometheus.HistogramVec
}

// New returns the metrics of a process that stores in store, which is
// asked for the items per tag when the metrics are scraped.
func New(store tagfeed.Store) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tagfeed_fetches_total",
			Help: "Reads of sources, by kind (feed, seed), outcome (new, updated, unchanged, error) and HTTP status (0 for none).",
		}, []string{"kind", "outcome", "status"}),
		fetchSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tagfeed_fetch_duration_seconds",
			Help:    "How long a read of a source took, storing included.",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"kind"}),
		itemsStored: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tagfeed_items_stored_total",
			Help: "Items stored, by change: new, or updated (content or tags changed).",
		}, []string{"change"}),
		lastFetch: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tagfeed_last_fetch_timestamp_seconds",
			Help: "When a source was last read, as a Unix time.",
		}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tagfeed_answers_total",
			Help: "Feeds and pages answered, by whether they were rendered or served from the cache.",
		}, []string{"source"}),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tagfeed_http_request_duration_seconds",
			Help:    "HTTP request latency, by route and status code.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"route", "code"}),
	}
	m.reg.MustRegister(m.fetches, m.fetchSeconds, m.itemsStored, m.lastFetch, m.answers, m.requests,
		&storeCollector{store: store},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Fetched counts one read of a source.
func (m *Metrics) Fetched(kind tagfeed.SourceKind, outcome string, httpStatus int, took time.Duration, counts tagfeed.SaveCounts) {
	m.fetches.WithLabelValues(string(kind), outcome, strconv.Itoa(httpStatus)).Inc()
	m.fetchSeconds.WithLabelValues(string(kind)).Observe(took.Seconds())
	m.itemsStored.WithLabelValues("new").Add(float64(counts.New))
	m.itemsStored.WithLabelValues("updated").Add(float64(counts.Updated))
	m.lastFetch.SetToCurrentTime()
}

// Answered counts a feed or page answered, from the cache or rendered.
func (m *Metrics) Answered(cached bool) {
	if cached {
		m.answers.WithLabelValues("cache").Inc()
	} else {
		m.answers.WithLabelValues("rendered").Inc()
	}
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Instrument times each request next answers, by the route pattern that
// matched it (a ServeMux inside next sets it) and the status code.
func (m *Metrics) Instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Observe(time.Since(start).Seconds())
	})
}

// statusWriter remembers the status code of an answer.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the writer underneath.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// storeCollector reports what the store holds when the metrics are
// scraped: the items, the items per tag, and the stories.
type storeCollector struct {
	store tagfeed.Store
}

var (
	itemsByTag  = prometheus.NewDesc("tagfeed_items", "Items stored, by tag.", []string{"tag"}, nil)
	itemsStored = prometheus.NewDesc("tagfeed_items_stored", "Items stored, whatever their tags.", nil, nil)
	stories     = prometheus.NewDesc("tagfeed_stories", "Stories the stored items form; an item not yet grouped counts as one.", nil, nil)
)

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- itemsByTag
	ch <- itemsStored
	ch <- stories
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for desc, sel := range map[*prometheus.Desc]tagfeed.Selection{
		itemsStored: {}, stories: {Stories: tagfeed.PickEarliest},
	} {
		if n, err := c.store.Count(ctx, sel); err != nil {
			ch <- prometheus.NewInvalidMetric(desc, err)
		} else {
			ch <- prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, float64(n))
		}
	}
	counts, err := c.store.TagCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(itemsByTag, err)
		return
	}
	for tag, n := range counts {
		ch <- prometheus.MustNewConstMetric(itemsByTag, prometheus.GaugeValue, float64(n), tag)
	}
}
