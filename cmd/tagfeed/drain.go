package main

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// drainTimeout bounds how long a stopping server keeps answering the
// requests sent on its open connections before it shuts down.
const drainTimeout = time.Second

// drainer lets a stopping server answer what clients have already sent.
// http.Server.Shutdown closes every idle keep-alive connection at once,
// and a request a busy client has just sent on one, which the server has
// not read yet, is lost with it: the client sees its connection closed
// unanswered. While draining, every answer closes its connection
// instead (Connection: close), so that each client's request is read and
// answered and the client sends no more on that connection; the drain
// ends once no connection has a request under way for 20 ms, or after
// drainTimeout.
type drainer struct {
	draining atomic.Bool
	mu       sync.Mutex
	busy     map[net.Conn]bool // connections reading or answering a request
}

// connState follows the connections, as http.Server.ConnState.
func (d *drainer) connState(c net.Conn, s http.ConnState) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.busy == nil {
		d.busy = map[net.Conn]bool{}
	}
	if s == http.StateNew || s == http.StateActive {
		d.busy[c] = true
	} else {
		delete(d.busy, c)
	}
}

// handler closes each connection after its answer once draining begins.
func (d *drainer) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.draining.Load() {
			w.Header().Set("Connection", "close")
		}
		h.ServeHTTP(w, r)
	})
}

// busyConns is how many connections have a request under way.
func (d *drainer) busyConns() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.busy)
}

// shutdown drains srv for up to limit, then shuts it down, letting the
// requests under way finish until ctx ends.
func (d *drainer) shutdown(ctx context.Context, srv *http.Server, limit time.Duration) error {
	d.draining.Store(true)
	deadline := time.Now().Add(limit)
	for quiet := 0; quiet < 2 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if d.busyConns() == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
	return srv.Shutdown(ctx)
}
