package build

// The regression guards of the performance issue. They time nothing:
// TestAllocsPerPage bounds the allocations of a build per page written, and
// BenchmarkBuild is there for go test -bench and -cpuprofile. The figures of
// record come from go run ./cmd/alumni-bench.

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/sitegen"
)

// maxAllocsPerPage bounds the allocations of a build of a generated site,
// divided by the pages it publishes. It is about 1.4 times what was
// measured when it was last set, without -race (1,393 per page at 100
// stories and 1,103 at 400, on 24 November 2026 at night, with the
// templates compiled by templateexec), and below what a build whose
// templates all ran on html/template allocated (2,468 and 2,095 that
// evening), so that templates falling back to html/template trip it.
const maxAllocsPerPage = 2000

// maxAllocsGrowth bounds how much the allocations per page may grow from a
// site of 100 stories to one of 400. Work that a page does in proportion to
// the whole site (a list or a pager walked per page) grows with the site;
// it measured 1.05 to 1.22 when it was set.
const maxAllocsGrowth = 1.5

// guardNow is the moment the guard builds are evaluated at.
const guardNow = "2026-01-15"

// guardSite writes a generated site of n stories into a temporary folder.
func guardSite(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "site")
	if err := sitegen.Write(dir, sitegen.Options{Stories: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// guardOptions returns the options of a build of dir into dest.
func guardOptions(tb testing.TB, dir, dest string) Options {
	tb.Helper()
	now, err := content.ParseDate(guardNow)
	if err != nil {
		tb.Fatal(err)
	}
	return Options{Source: dir, Dest: dest, Now: now, Display: func(p string) string { return p }}
}

// guardPages counts the pages a build published.
func guardPages(res Result) int {
	n := 0
	for _, kinds := range res.Pages {
		for _, c := range kinds {
			n += c
		}
	}
	return n
}

// TestAllocsPerPage builds generated sites of 100 and 400 stories and
// checks that a build's allocations per published page stay under
// maxAllocsPerPage and do not grow with the site by more than
// maxAllocsGrowth.
func TestAllocsPerPage(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts; run without -race")
	}
	if testing.Short() {
		t.Skip("builds sites of 100 and 400 stories twice each")
	}
	var perPage [2]float64
	for i, n := range []int{100, 400} {
		dir := guardSite(t, n)
		opt := guardOptions(t, dir, filepath.Join(t.TempDir(), "public"))
		pages := 0
		allocs := testing.AllocsPerRun(1, func() {
			res := Build(context.Background(), opt)
			if !res.OK {
				t.Fatalf("build failed: %v", res.Diagnostics)
			}
			pages = guardPages(res)
		})
		perPage[i] = allocs / float64(pages)
		t.Logf("%d stories: %.0f allocations per build, %d pages, %.0f per page (bound %d)", n, allocs, pages, perPage[i], maxAllocsPerPage)
		if perPage[i] > maxAllocsPerPage {
			t.Errorf("%d stories: a build allocates %.0f times per page, more than the bound of %d: profile it with go test -bench Build -memprofile",
				n, perPage[i], maxAllocsPerPage)
		}
	}
	if growth := perPage[1] / perPage[0]; growth > maxAllocsGrowth {
		t.Errorf("allocations per page grew %.2fx from 100 to 400 stories (bound %.2fx): some page does work in proportion to the site", growth, maxAllocsGrowth)
	}
}

// BenchmarkBuild builds a generated site of 1,000 stories into a fresh
// destination per iteration and reports pages per second:
//
//	go test -run '^$' -bench Build -benchmem -cpuprofile cpu.out ./internal/build/
func BenchmarkBuild(b *testing.B) {
	dir := guardSite(b, 1000)
	tmp := b.TempDir()
	pages := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		res := Build(context.Background(), guardOptions(b, dir, filepath.Join(tmp, strconv.Itoa(i))))
		if !res.OK {
			b.Fatalf("build failed: %v", res.Diagnostics)
		}
		pages = guardPages(res)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
