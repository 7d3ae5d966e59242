package feeds

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// response is a rendered answer, kept until the data behind it changes:
// its bytes, gzipped when that pays, and the headers that go with each
// form, validators included, all worked out once, so that serving it
// again costs a map lookup and a write.
type response struct {
	body         []byte
	gz           []byte      // nil when the body is sent as it is
	header       http.Header // sent with body
	gzHeader     http.Header // sent with gz
	etag         string      // of body, quoted
	lastModified time.Time
	version      dataVersion // of the data it was made from
	made         time.Time   // when it was rendered, by the wall clock
}

// newResponse prepares body for serving, and dates it by when its bytes
// last changed: prev's date when prev (the answer it replaces) had the
// same bytes; now, and at least a second after prev's date, when they
// differ; and with no prev, changed, the time the data last changed, which
// no earlier version of the answer can be dated after.
func newResponse(contentType, cacheControl string, body []byte, version dataVersion, prev *response, changed, now time.Time) *response {
	sum := sha256.Sum256(body)
	r := &response{body: body, version: version, made: time.Now(), etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
	switch {
	case prev == nil:
		r.lastModified = changed
	case prev.etag == r.etag:
		r.lastModified = prev.lastModified
	default:
		r.lastModified = latest(now, prev.lastModified.Add(time.Second))
	}
	r.lastModified = r.lastModified.UTC().Truncate(time.Second)
	lastModified := r.lastModified.Format(http1Date)
	// Each value is a slice of its own, made here: net/http copies the
	// values as it writes them, and nothing changes one in place, so every
	// answer of this response shares them.
	r.header = http.Header{
		"Content-Type":   {contentType},
		"Cache-Control":  {cacheControl},
		"Vary":           {"Accept-Encoding"},
		"Etag":           {r.etag},
		"Last-Modified":  {lastModified},
		"Content-Length": {strconv.Itoa(len(body))},
	}
	if len(body) >= gzipMinLen {
		if gz, err := gzipped(body); err == nil {
			r.gz = gz
			r.gzHeader = r.header.Clone()
			r.gzHeader["Content-Encoding"] = []string{"gzip"}
			r.gzHeader["Etag"] = []string{`"` + hex.EncodeToString(sum[:16]) + `-gzip"`}
			r.gzHeader["Content-Length"] = []string{strconv.Itoa(len(gz))}
		}
	}
	return r
}

// http1Date is the layout of HTTP dates (http.TimeFormat).
const http1Date = "Mon, 02 Jan 2006 15:04:05 GMT"

// responseCache keeps the answers most recently asked for, up to a number
// of them and of bytes, so that endless distinct searches cannot fill the
// memory.
type responseCache struct {
	mu       sync.Mutex
	max      int   // answers kept
	maxBytes int64 // their bytes, gzipped forms included
	bytes    int64
	lru      *list.List               // of *cacheEntry, most recent first
	byKey    map[string]*list.Element // into lru
	building map[string]*making       // the answers being made, by key
}

// making is an answer being made, which other requests for it wait for.
type making struct {
	done sync.WaitGroup
	resp *response // or err; set before done is
	err  error
}

type cacheEntry struct {
	key string
	r   *response
}

func newResponseCache(max int, maxBytes int64) *responseCache {
	return &responseCache{max: max, maxBytes: maxBytes, lru: list.New(),
		byKey: map[string]*list.Element{}, building: map[string]*making{}}
}

// get returns the answer kept for key, or nil.
func (c *responseCache) get(key string) *response {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry).r
}

// put keeps r for key, dropping the least recently used answers over the
// limits.
func (c *responseCache) put(key string, r *response) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		old := el.Value.(*cacheEntry)
		c.bytes -= old.r.size()
		old.r = r
		c.lru.MoveToFront(el)
	} else {
		c.byKey[key] = c.lru.PushFront(&cacheEntry{key: key, r: r})
	}
	c.bytes += r.size()
	for c.lru.Len() > c.max || c.bytes > c.maxBytes && c.lru.Len() > 1 {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.byKey, e.key)
		c.bytes -= e.r.size()
	}
}

// once runs makeAnswer for key unless another request is making that
// answer already, in which case it waits for that one; either way it
// returns what the one that ran made, or its error. It keeps a burst of
// requests for a stale answer from rendering it many times over, and
// gives each request of a burst for what cannot be made (a feed that does
// not exist) the same error.
func (c *responseCache) once(key string, makeAnswer func() (*response, error)) (*response, error) {
	c.mu.Lock()
	if b, ok := c.building[key]; ok {
		c.mu.Unlock()
		b.done.Wait()
		return b.resp, b.err
	}
	b := &making{}
	b.done.Add(1)
	c.building[key] = b
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.building, key)
		c.mu.Unlock()
		b.done.Done()
	}()
	b.resp, b.err = makeAnswer()
	return b.resp, b.err
}

// isBuilding reports whether a request is building the answer for key.
func (c *responseCache) isBuilding(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.building[key]
	return ok
}

func (r *response) size() int64 {
	return int64(len(r.body) + len(r.gz) + 256)
}
