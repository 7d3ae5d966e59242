package fetch

import (
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 11, 5, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 30 ", 30 * time.Second},
		{"0", 0},
		{"-5", 0},
		{"Wed, 05 Nov 2025 09:30:00 GMT", 90 * time.Minute},
		{"Wed, 05 Nov 2025 07:00:00 GMT", 0}, // in the past
		{"Sun, 06 Nov 2044 08:49:37 GMT", maxRetryAfter},
		{"99999999999", maxRetryAfter},
		{"tomorrow", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.header, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestMaxAge(t *testing.T) {
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"max-age=3600", time.Hour},
		{"public, max-age=600, must-revalidate", 10 * time.Minute},
		{`Max-Age="60"`, time.Minute},
		{"no-cache", 0},
		{"max-age=abc", 0},
		{"max-age=31536000", maxMinInterval},
	}
	for _, tt := range tests {
		if got := maxAge(tt.header); got != tt.want {
			t.Errorf("maxAge(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		interval time.Duration
		failures int
		want     time.Duration
	}{
		{30 * time.Minute, 1, 30 * time.Minute},
		{30 * time.Minute, 2, time.Hour},
		{30 * time.Minute, 5, 8 * time.Hour},
		{30 * time.Minute, 7, 24 * time.Hour},
		{30 * time.Minute, 1000, 24 * time.Hour},
		{48 * time.Hour, 1, 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := backoff(tt.interval, tt.failures); got != tt.want {
			t.Errorf("backoff(%v, %d) = %v, want %v", tt.interval, tt.failures, got, tt.want)
		}
	}
}
