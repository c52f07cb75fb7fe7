package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// buildBinary builds the alumni command into bin. It runs in the working
// directory, which must be inside the module.
func buildBinary(ctx context.Context, bin string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/alumni-site/alumni/cmd/alumni")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s(run alumni-bench from the repository)", err, out)
	}
	return nil
}

// buildRun is one measured build.
type buildRun struct {
	wall, cpu time.Duration
	sys       time.Duration // the part of cpu spent in the kernel
	rss       int64         // peak resident set size, bytes
	pages     int
}

var builtPages = regexp.MustCompile(`(?m)^Built (\d+) pages? `)

// buildChild runs `alumni build` of site into dest, which is removed first
// together with the site's cache, and the disks synced, outside the
// measured time.
func buildChild(ctx context.Context, bin, site, dest string) (buildRun, error) {
	var r buildRun
	for _, dir := range []string{dest, filepath.Join(site, ".alumni-cache")} {
		if err := os.RemoveAll(dir); err != nil {
			return r, err
		}
	}
	syncDisks()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "build", "--source", site, "--dest", dest)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r.wall = time.Since(start)
	if err != nil {
		return r, fmt.Errorf("alumni build --source %s: %v\n%s", site, err, tail(stderr.Bytes(), 20))
	}
	r.sys = cmd.ProcessState.SystemTime()
	r.cpu = cmd.ProcessState.UserTime() + r.sys
	r.rss = maxRSS(cmd.ProcessState)
	if m := builtPages.FindSubmatch(stdout.Bytes()); m != nil {
		r.pages, _ = strconv.Atoi(string(m[1]))
	} else if r.pages, err = countPages(dest); err != nil {
		return r, err
	}
	return r, nil
}

// countPages counts the index.html files below dest, for a build whose
// summary line could not be read.
func countPages(dest string) (int, error) {
	n := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			n++
		}
		return err
	})
	return n, err
}

// tail returns the last n lines of out.
func tail(out []byte, n int) []byte {
	lines := bytes.SplitAfter(out, []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, nil)
}

// machine describes the computer: cores, system, CPU model and Go version.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`(?m)^model name\s*:\s*(.+)$`).FindSubmatch(data); m != nil {
			model = string(m[1])
		}
	}
	return fmt.Sprintf("%d cores (GOMAXPROCS %d), %s/%s, %s, %s",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, model, runtime.Version())
}

// loadAverage returns the 1-minute load average, or "unknown": other
// processes running on the same cores make the figures noisy.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	avg, _, _ := strings.Cut(string(data), " ")
	return avg
}
