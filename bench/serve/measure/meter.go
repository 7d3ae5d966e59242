package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// meter sends GETs and times them to the last byte of the body.
type meter struct {
	base   string
	gzip   bool
	pid    int // the server's, to read its CPU time; 0 for none
	client *http.Client
}

type result struct {
	took    time.Duration
	cpu     time.Duration // the server's CPU time meanwhile, with -pid
	bytes   int
	entries int // Atom entries or RSS items in the body
}

func (m *meter) get(path string) (result, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, m.base+path, nil)
	if err != nil {
		return result{}, err
	}
	if m.gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	cpu0 := m.serverCPU()
	start := time.Now()
	resp, err := m.client.Do(req)
	if err != nil {
		return result{}, err
	}
	body, err := io.ReadAll(resp.Body)
	took := time.Since(start)
	cpu := m.serverCPU() - cpu0
	resp.Body.Close()
	if err != nil {
		return result{}, fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return result{}, fmt.Errorf("GET %s: %s: %.200s", path, resp.Status, body)
	}
	r := result{took: took, cpu: cpu, bytes: len(body)}
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return result{}, fmt.Errorf("GET %s: %w", path, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return result{}, fmt.Errorf("GET %s: %w", path, err)
		}
	}
	r.entries = bytes.Count(body, []byte("<entry")) + bytes.Count(body, []byte("<item>")) + bytes.Count(body, []byte("<item "))
	return r, nil
}

// serverCPU returns the CPU time the server's threads have run, or 0
// without -pid.
func (m *meter) serverCPU() time.Duration {
	if m.pid == 0 {
		return 0
	}
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", m.pid))
	if err != nil {
		return 0
	}
	var total time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", m.pid, t.Name()))
		if err != nil {
			continue // the thread ended
		}
		if f := strings.Fields(string(b)); len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			total += time.Duration(ns)
		}
	}
	return total
}

// cpuNote says how much CPU time the server spent, with -pid.
func (m *meter) cpuNote(cpu time.Duration) string {
	if m.pid == 0 {
		return ""
	}
	return fmt.Sprintf(" (server CPU %.1f ms)", ms(cpu))
}
