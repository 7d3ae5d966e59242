package ingest_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
	"github.com/tagfeed/tagfeed/ingest"
)

// countingReader reads nothing and counts the reads, setting the next
// one an hour on as the seed reader does.
type countingReader struct{ reads atomic.Int32 }

func (r *countingReader) Read(ctx context.Context, src tagfeed.Source, save func([]tagfeed.Item) error) tagfeed.Reading {
	r.reads.Add(1)
	src.Status.NextFetch = time.Now().Add(time.Hour)
	return tagfeed.Reading{Source: src}
}

func (r *countingReader) Failed(src tagfeed.Source, err error) tagfeed.Source { return src }

// TestRunReadsSeedFoldersWhenDue runs the schedule over a seed folder:
// one never read, or due, is read at once; one that a read has just
// scheduled for later (serve reads the folders before it listens) is not
// read again until then.
func TestRunReadsSeedFoldersWhenDue(t *testing.T) {
	tests := []struct {
		name string
		next time.Duration // from now; 0 for none
		want int32
	}{
		{"never read", 0, 1},
		{"due a minute ago", -time.Minute, 1},
		{"due in an hour", time.Hour, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			d := openDB(t)
			src, err := d.EnsureSource(ctx, tagfeed.SourceSeed, t.TempDir(), "")
			if err != nil {
				t.Fatal(err)
			}
			if tt.next != 0 {
				src.Status.NextFetch = time.Now().Add(tt.next)
			}
			cfg := tagfeed.Default()
			reader := &countingReader{}
			p := ingest.New(&cfg, d, nil, map[tagfeed.SourceKind]tagfeed.SourceReader{tagfeed.SourceSeed: reader}, nil)
			runCtx, stop := context.WithTimeout(ctx, 300*time.Millisecond)
			defer stop()
			if err := p.Run(runCtx, []tagfeed.Source{src}); err != nil {
				t.Fatal(err)
			}
			if got := reader.reads.Load(); got != tt.want {
				t.Errorf("read %d times in 300 ms, want %d", got, tt.want)
			}
		})
	}
}
