package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("10000, 1000,1000")
	if err != nil || !slices.Equal(got, []int{1000, 10000}) {
		t.Errorf("parseSizes: got %v, %v; want [1000 10000]", got, err)
	}
	for _, bad := range []string{"", "0", "ten", "5,-1"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q): no error", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	s := time.Second
	if got := median([]time.Duration{3 * s, 1 * s, 2 * s}); got != 2*s {
		t.Errorf("median of 3, 1, 2: %v", got)
	}
	if got := median([]time.Duration{4 * s, 1 * s}); got != 2500*time.Millisecond {
		t.Errorf("median of 4, 1: %v", got)
	}
}

func TestCutFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		in, body string
		line     int
	}{
		{"---\ntitle: A\ndate: 2024-01-01\n---\n\nText\n", "\nText\n", 5},
		{"+++\ntitle = 'A'\n+++\nText\n", "Text\n", 4},
		{"Text only\n", "Text only\n", 1},
		{"---\ntitle: never closed\n", "---\ntitle: never closed\n", 1},
	} {
		body, line := cutFrontMatter([]byte(tc.in))
		if string(body) != tc.body || line != tc.line {
			t.Errorf("cutFrontMatter(%q) = %q, %d; want %q, %d", tc.in, body, line, tc.body, tc.line)
		}
	}
}

func TestLangOf(t *testing.T) {
	for path, want := range map[string]string{
		"content/stories/anna.md":          "pl",
		"content/stories/anna.en.md":       "en",
		"content/stories/anna/index.en.md": "en",
		"content/_index.md":                "pl",
	} {
		if got := langOf(filepath.FromSlash(path), "pl"); got != want {
			t.Errorf("langOf(%s) = %s, want %s", path, got, want)
		}
	}
}

// TestRun runs the whole benchmark on two tiny sites, with every profile
// and a baseline (the same command, built beforehand), and checks the
// report.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the alumni command and two sites")
	}
	tmp := t.TempDir()
	baseline := filepath.Join(tmp, "alumni-baseline")
	if err := buildBinary(context.Background(), baseline); err != nil {
		t.Fatal(err)
	}
	cpu, mem, heap := filepath.Join(tmp, "cpu.out"), filepath.Join(tmp, "mem.out"), filepath.Join(tmp, "heap.out")
	var stdout, stderr bytes.Buffer
	args := []string{"-n", "20,40", "-runs", "2", "-dir", filepath.Join(tmp, "work"), "-cpuprofile", cpu, "-memprofile", mem, "-heapprofile", heap, "-baseline", baseline}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"command: go run ./cmd/alumni-bench " + strings.Join(args, " ") + "\n",
		"machine: ",
		"build/floor",
		"N=10000 not measured",
		"time per page: N=40 ",
		"against the baseline " + baseline + ", in the same runs:\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, n := range []string{"20", "40"} {
		// N, then a positive number of pages.
		if !regexp.MustCompile(`(?m)^\s*` + n + `\s+[1-9][0-9]*\s`).MatchString(out) {
			t.Errorf("no row for N=%s:\n%s", n, out)
		}
	}
	for _, n := range []string{"20", "40"} {
		if !regexp.MustCompile(`(?m)^  N=` + n + `: build \d+\.\d\d s vs \d+\.\d\d s \(\d+\.\d\dx\), CPU \d+\.\d\d s vs \d+\.\d\d s \(\d+\.\d\dx\)$`).MatchString(out) {
			t.Errorf("no comparison with the baseline for N=%s:\n%s", n, out)
		}
		if got := strings.Count(stderr.String(), "N="+n+" run "); got != 4 {
			t.Errorf("N=%s: %d progress lines, want 4 (two runs, each with a baseline build):\n%s", n, got, stderr.String())
		}
	}
	for _, f := range []string{cpu, mem, heap} {
		if info, err := os.Stat(f); err != nil || info.Size() == 0 {
			t.Errorf("profile %s not written: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "work", "public")); !os.IsNotExist(err) {
		t.Errorf("the build output was not removed without -keep: %v", err)
	}
}
