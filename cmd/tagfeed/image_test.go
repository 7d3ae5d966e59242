package main

import (
	"context"
	"debug/elf"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// imageBuild is the Dockerfile's build of the binary its image runs.
const imageBuild = `RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/tagfeed ./cmd/tagfeed`

// nonroot is the user distroless's nonroot image runs as.
const nonroot = 65532

// TestImageBinary builds the binary as the Dockerfile does, checks that it
// is static, and runs it as the image would, with the image's layout: the
// shipped config and seeds read from one folder, the database written in
// another, as the image's non-root user when the test runs as root. It
// serves the seeds. (There is no Docker daemon to build the image itself
// where this runs.)
func TestImageBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary: skipped with -short")
	}
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil || !strings.Contains(string(dockerfile), imageBuild) {
		t.Fatalf("the Dockerfile no longer builds with %q (%v): change this test with it", imageBuild, err)
	}
	root := t.TempDir()
	bin := filepath.Join(root, "tagfeed")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("the binary asks for a dynamic loader: it would not run on distroless/static")
		}
	}
	f.Close()

	// /etc/tagfeed: config.yaml and seeds; /var/lib/tagfeed: the database.
	etc, data := filepath.Join(root, "etc"), filepath.Join(root, "data")
	for _, dir := range []string{filepath.Join(etc, "seeds"), data} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	config, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(etc, "seeds", filepath.Base(s)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(etc, "config.yaml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serve := exec.CommandContext(ctx, bin, "--config", filepath.Join(etc, "config.yaml"),
		"--db", filepath.Join(data, "tagfeed.db"), "serve", "--addr", addr)
	if os.Geteuid() == 0 {
		// As the image's user, who may write the data folder only.
		if err := os.Chown(data, nonroot, nonroot); err != nil {
			t.Fatal(err)
		}
		for _, dir := range []string{filepath.Dir(root), root} { // test folders are private
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		serve.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nonroot, Gid: nonroot}}
	}
	var log strings.Builder
	serve.Stdout, serve.Stderr = &log, &log
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		serve.Process.Signal(syscall.SIGTERM)
		serve.Wait()
	}()
	url := "http://" + addr
	var body string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(url + "/feeds/all.atom"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if body = string(b); resp.StatusCode == 200 && strings.Count(body, "<entry") >= 3 {
				return
			}
		}
	}
	t.Fatalf("the image's binary did not serve the seeds at %s/feeds/all.atom within 30 s (%d entries)\nits log:\n%s",
		url, strings.Count(body, "<entry"), log.String())
}
