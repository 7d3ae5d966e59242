package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
)

// hostLimiter bounds how many fetches run at once against one host.
type hostLimiter struct {
	perHost int
	mu      sync.Mutex
	hosts   map[string]*hostSlots
}

// hostSlots are one host's slots and how many callers hold or await one.
type hostSlots struct {
	slots chan struct{}
	users int
}

func newHostLimiter(perHost int) *hostLimiter {
	return &hostLimiter{perHost: perHost, hosts: make(map[string]*hostSlots)}
}

// acquire waits for a slot for host; release gives it back. A host's
// entry is dropped when nobody uses it, so the map stays small.
func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	l.mu.Lock()
	h := l.hosts[host]
	if h == nil {
		h = &hostSlots{slots: make(chan struct{}, l.perHost)}
		l.hosts[host] = h
	}
	h.users++
	l.mu.Unlock()

	done := func() {
		l.mu.Lock()
		if h.users--; h.users == 0 {
			delete(l.hosts, host)
		}
		l.mu.Unlock()
	}
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots; done() }, nil
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
}

// acquire takes a slot for the host of rawURL, then one of the global
// slots, in that order, so that feeds waiting for a busy host do not hold
// global slots that other hosts could use. It returns the two releases.
func (f *Fetcher) acquire(ctx context.Context, rawURL string) (releaseHost, releaseGlobal func(), err error) {
	releaseHost, err = f.hosts.acquire(ctx, hostOf(rawURL))
	if err != nil {
		return nil, nil, err
	}
	select {
	case f.slots <- struct{}{}:
		return releaseHost, func() { <-f.slots }, nil
	case <-ctx.Done():
		releaseHost()
		return nil, nil, ctx.Err()
	}
}

// hostOf returns the lower-case host name of a URL, without the port.
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return strings.ToLower(u.Hostname())
}
