package db

import (
	"bufio"
	"context"
	"fmt"
	"github.com/tagfeed/tagfeed/ingest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tagfeed/tagfeed"
)

// The helper process's settings, passed in its environment.
const (
	helperDBEnv      = "TAGFEED_DB_HELPER_PATH"
	helperRoundsEnv  = "TAGFEED_DB_HELPER_ROUNDS"
	helperMaxRunTime = time.Minute
)

// TestHelperProcess is not a test on its own: the tests below run the test
// binary again with it selected, as a second process writing to a database.
// It saves one batch of 20 items for each of sources 0, 1, 2…, printing
// "committed N" after each commit, for the given number of rounds or, if 0,
// until it is killed.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(helperDBEnv)
	if path == "" {
		t.Skip("only runs as a helper process for the kill and two-process tests")
	}
	rounds, _ := strconv.Atoi(os.Getenv(helperRoundsEnv))
	ctx, cancel := context.WithTimeout(context.Background(), helperMaxRunTime)
	defer cancel()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for i := 0; rounds == 0 || i < rounds; i++ {
		src, err := d.EnsureSource(ctx, tagfeed.SourceFeed, fmt.Sprintf("https://s%d.example/rss", i), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.SaveFetch(ctx, src, benchBatch(0), ingest.Decide); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", i+1)
	}
}

// startHelper starts TestHelperProcess on the database at path.
func startHelper(t *testing.T, path string, rounds int) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperDBEnv+"="+path, helperRoundsEnv+"="+strconv.Itoa(rounds))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

// TestKillMidRound kills a process in the middle of saving batches and
// checks that the database is sound and holds every batch it reported
// committed, and no half batch.
func TestKillMidRound(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	path := filepath.Join(t.TempDir(), "kill.db")
	cmd, lines := startHelper(t, path, 0)
	committed := 0
	for committed < 40 && lines.Scan() {
		if n, ok := strings.CutPrefix(lines.Text(), "committed "); ok {
			committed, _ = strconv.Atoi(n)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if committed < 40 {
		t.Fatalf("the helper reported %d commits before it ended, want 40", committed)
	}

	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer d.Close()
	var check string
	if err := d.w.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	srcs, err := d.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	withItems := 0
	for _, s := range srcs {
		switch s.ItemCount {
		case 20:
			withItems++
		case 0: // created, then killed before its batch committed
		default:
			t.Errorf("source %d has %d items: a half-saved batch", s.ID, s.ItemCount)
		}
	}
	if withItems < committed {
		t.Errorf("%d sources have their items, but %d batches were reported committed", withItems, committed)
	}
}

// TestTwoProcesses has two processes save the same sources' items at once,
// as "tagfeed fetch" from cron may beside "tagfeed serve": neither fails on
// a locked database and nothing is stored twice.
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two more processes")
	}
	path := filepath.Join(t.TempDir(), "two.db")
	const rounds = 100
	var cmds []*exec.Cmd
	var outputs []chan string
	for range 2 {
		cmd, lines := startHelper(t, path, rounds)
		output := make(chan string, 1)
		go func() {
			var other []string // what is not a progress line: the failure
			for lines.Scan() {
				if !strings.HasPrefix(lines.Text(), "committed ") {
					other = append(other, lines.Text())
				}
			}
			output <- strings.Join(other, "\n")
		}()
		cmds = append(cmds, cmd)
		outputs = append(outputs, output)
	}
	for i, cmd := range cmds {
		out := <-outputs[i] // read it all before Wait closes the pipe
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, out)
		}
	}
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c, err := d.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := (RowCounts{Sources: rounds, Items: 20 * rounds, ItemTags: 20 * rounds}); c != want {
		t.Errorf("counts = %+v, want %+v", c, want)
	}
	checkInvariants(t, d)
}
