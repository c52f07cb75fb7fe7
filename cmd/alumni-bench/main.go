// Command alumni-bench measures how alumni build scales, on generated sites
// of several sizes, against the floor of converting the same Markdown.
//
//	go run ./cmd/alumni-bench [-n 1000,10000,50000] [-runs 3] [-seed 1] [-keep]
//	                          [-dir DIR] [-cpuprofile FILE] [-memprofile FILE]
//	                          [-heapprofile FILE] [-baseline BIN]
//
// For each size N it writes a site of N stories with internal/sitegen into a
// temporary folder, then measures runs times, and reports the median of:
//
//  1. the floor: reading every content file, cutting off its front matter,
//     converting the body with the build's goldmark instances
//     (markdown.New and Convert) and writing each result to a file, with a
//     worker per core;
//  2. alumni build of the whole site, with the default theme and
//     minification, into a fresh destination with no cache, as a child
//     process (built once with go build), so that its peak RSS can be read.
//
// Every run writes into folders of its own, and the outputs are removed
// only when every measurement is done. Creating tens of thousands of files
// right after deleting as many is slow on some file systems (ext4 without a
// journal skips the inodes deleted in the last 30 seconds, one by one), and
// that cost would fall on whichever run followed a removal.
//
// It prints a table with both times, their ratio, pages per second, peak
// RSS and time per page, the machine, and whether the targets of the
// performance issue are met.
//
// -baseline names another alumni binary, such as one built from an earlier
// commit. Each run then also builds the site with it, before or after the
// build under test in turn, and the report compares the two medians. Both
// are measured in the same run on the same sites, which is how a change is
// best judged on a machine whose speed drifts from one hour to the next. -cpuprofile, -memprofile and -heapprofile
// profile one more build of the largest site, in process, through
// internal/build.Build.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/sitegen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the command line.
type options struct {
	sizes       []int
	runs        int
	seed        uint64
	keep        bool
	dir         string
	cpuProfile  string
	memProfile  string
	heapProfile string
	baseline    string
}

// run runs the benchmark; progress goes to stderr, the report to stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("alumni-bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("n", "1000,10000,50000", "comma-separated numbers of stories")
	var c options
	fl.IntVar(&c.runs, "runs", 3, "measurements per size; the median is reported")
	fl.Uint64Var(&c.seed, "seed", 1, "seed of the generated sites")
	fl.BoolVar(&c.keep, "keep", false, "keep the generated sites and every output")
	fl.StringVar(&c.dir, "dir", "", "work folder (default: a new temporary folder)")
	fl.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of an in-process build of the largest site")
	fl.StringVar(&c.memProfile, "memprofile", "", "write an allocation profile of an in-process build of the largest site")
	fl.StringVar(&c.heapProfile, "heapprofile", "", "write the heap profile at the largest live heap of an in-process build of the largest site")
	fl.StringVar(&c.baseline, "baseline", "", "an alumni binary to measure in the same runs, for comparison")
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if c.memProfile != "" {
		// Only the profiled build's allocations are sampled, not those of
		// the generator and the floor.
		runtime.MemProfileRate = 0
	}
	var err error
	if c.sizes, err = parseSizes(*sizes); err != nil || c.runs < 1 || fl.NArg() > 0 {
		if err == nil {
			err = fmt.Errorf("-runs must be at least 1 and there are no arguments")
		}
		fmt.Fprintf(stderr, "alumni-bench: %v\n", err)
		return 2
	}
	if err := bench(ctx, c, args, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "alumni-bench: %v\n", err)
		return 1
	}
	return 0
}

// parseSizes parses "1000,10000".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n: %q is not a positive number of stories", f)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// result is what was measured for one size.
type result struct {
	n            int
	files        int
	contentBytes int64
	generate     time.Duration
	floor, build time.Duration // medians
	cpu          time.Duration // median CPU time of the build process
	// baseline and baselineCPU are the medians of the -baseline binary's
	// builds; zero without -baseline.
	baseline, baselineCPU time.Duration
	rss                   int64 // the largest peak RSS of the build runs, bytes
	pages                 int
}

// bench runs the whole benchmark.
func bench(ctx context.Context, c options, args []string, stdout, stderr io.Writer) error {
	work := c.dir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "alumni-bench-"); err != nil {
			return err
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(work, "alumni")
	switch {
	case c.keep:
		fmt.Fprintf(stderr, "work folder: %s (kept)\n", work)
	case c.dir == "":
		defer os.RemoveAll(work)
	default:
		// A folder given with -dir may hold other things: only what the
		// benchmark made there is removed.
		defer os.Remove(bin)
	}
	if c.baseline != "" {
		abs, err := filepath.Abs(c.baseline)
		if err != nil {
			return err
		}
		if _, err := os.Stat(abs); err != nil {
			return fmt.Errorf("-baseline: %v", err)
		}
		c.baseline = abs
	}
	fmt.Fprintf(stderr, "building %s\n", bin)
	if err := buildBinary(ctx, bin); err != nil {
		return err
	}
	// The sites and the outputs of this run go into a new folder, so that
	// nothing is deleted before the measurements are done.
	outputs, err := os.MkdirTemp(work, "run-")
	if err != nil {
		return err
	}
	if !c.keep {
		defer os.RemoveAll(outputs)
	}
	load := loadAverage()
	var results []result
	for _, n := range c.sizes {
		r, err := measure(ctx, c, outputs, bin, n, stderr)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	report(stdout, args, c.runs, results, load+" before, "+loadAverage()+" after", c.baseline)
	if c.cpuProfile != "" || c.memProfile != "" || c.heapProfile != "" {
		largest := c.sizes[len(c.sizes)-1]
		fmt.Fprintf(stderr, "profiling an in-process build of N=%d\n", largest)
		return profileBuild(ctx, siteDir(outputs, largest), filepath.Join(outputs, "profiled"), c.cpuProfile, c.memProfile, c.heapProfile, stderr)
	}
	return nil
}

func siteDir(outputs string, n int) string { return filepath.Join(outputs, "site-"+strconv.Itoa(n)) }

// measure generates the site of n stories below outputs and measures it
// c.runs times, writing every output into a new folder below outputs.
func measure(ctx context.Context, c options, outputs, bin string, n int, stderr io.Writer) (result, error) {
	r := result{n: n}
	site := siteDir(outputs, n)
	start := time.Now()
	if err := sitegen.Write(site, sitegen.Options{Stories: n, Seed: c.seed}); err != nil {
		return r, err
	}
	r.generate = time.Since(start)
	var err error
	if r.files, r.contentBytes, err = contentSize(site); err != nil {
		return r, err
	}
	fmt.Fprintf(stderr, "N=%d: generated %d content files (%.1f MB) in %.2f s\n", n, r.files, mb(r.contentBytes), r.generate.Seconds())
	var floors, builds, cpus, baseBuilds, baseCPUs []time.Duration
	for i := range c.runs {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		run := fmt.Sprintf("%d-%d", n, i+1)
		f, err := floor(site, filepath.Join(outputs, "floor-"+run))
		if err != nil {
			return r, fmt.Errorf("floor: %v", err)
		}
		// With a baseline, the two binaries take turns at going first.
		var b, base buildRun
		baseline := func() (err error) {
			if c.baseline != "" {
				base, err = buildChild(ctx, c.baseline, site, filepath.Join(outputs, "baseline-"+run))
			}
			return err
		}
		if i%2 == 1 {
			if err := baseline(); err != nil {
				return r, fmt.Errorf("baseline: %v", err)
			}
		}
		if b, err = buildChild(ctx, bin, site, filepath.Join(outputs, "public-"+run)); err != nil {
			return r, err
		}
		if i%2 == 0 {
			if err := baseline(); err != nil {
				return r, fmt.Errorf("baseline: %v", err)
			}
		}
		if c.baseline != "" {
			baseBuilds, baseCPUs = append(baseBuilds, base.wall), append(baseCPUs, base.cpu)
			fmt.Fprintf(stderr, "N=%d run %d/%d: baseline build %.2f s (CPU %.2f s, %.2f s of it in the kernel), peak RSS %.0f MB\n",
				n, i+1, c.runs, base.wall.Seconds(), base.cpu.Seconds(), base.sys.Seconds(), mb(base.rss))
		}
		floors, builds, cpus = append(floors, f), append(builds, b.wall), append(cpus, b.cpu)
		r.rss, r.pages = max(r.rss, b.rss), b.pages
		fmt.Fprintf(stderr, "N=%d run %d/%d: floor %.2f s, build %.2f s (CPU %.2f s, %.2f s of it in the kernel), peak RSS %.0f MB, %d pages\n",
			n, i+1, c.runs, f.Seconds(), b.wall.Seconds(), b.cpu.Seconds(), b.sys.Seconds(), mb(b.rss), b.pages)
	}
	r.floor, r.build, r.cpu = median(floors), median(builds), median(cpus)
	if c.baseline != "" {
		r.baseline, r.baselineCPU = median(baseBuilds), median(baseCPUs)
	}
	return r, nil
}

// median returns the middle value, or the mean of the two middle ones.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func mb(bytes int64) float64 { return float64(bytes) / (1 << 20) }
