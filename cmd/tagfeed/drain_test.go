package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestDrainAnswersWhatWasSent stops a server while one request is under
// way and a client, whose keep-alive connection is idle, sends another:
// that request is answered, with Connection: close, instead of its
// connection being closed unanswered, and the request under way finishes.
func TestDrainAnswersWhatWasSent(t *testing.T) {
	release := make(chan struct{})
	var d drainer
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { <-release; fmt.Fprint(w, "slow") })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "quick") })
	ts := httptest.NewUnstartedServer(d.handler(mux))
	ts.Config.ConnState = d.connState
	ts.Start()
	defer ts.Close()

	// A client with an idle keep-alive connection.
	idle, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	idleReader := bufio.NewReader(idle)
	ask := func() (*http.Response, error) {
		if _, err := fmt.Fprintf(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
			return nil, err
		}
		resp, err := http.ReadResponse(idleReader, nil)
		if err == nil {
			resp.Body.Close()
		}
		return resp, err
	}
	if resp, err := ask(); err != nil || resp.Close {
		t.Fatalf("first request: %v, close %v", err, resp != nil && resp.Close)
	}

	// A request under way, then the stop.
	slow := make(chan error, 1)
	go func() {
		resp, err := http.Get(ts.URL + "/slow")
		if err == nil {
			resp.Body.Close()
		}
		slow <- err
	}()
	for d.busyConns() == 0 {
		time.Sleep(time.Millisecond)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- d.shutdown(context.Background(), ts.Config, 5*time.Second) }()
	for !d.draining.Load() {
		time.Sleep(time.Millisecond)
	}

	resp, err := ask()
	close(release)
	if err != nil {
		t.Errorf("request sent on an idle connection at the stop: %v, want an answer", err)
	} else if resp.StatusCode != 200 || !resp.Close {
		t.Errorf("answer %d, close %v; want 200 and the connection closed", resp.StatusCode, resp.Close)
	}
	if err := <-slow; err != nil {
		t.Errorf("request under way at the stop: %v", err)
	}
	if err := <-stopped; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}
