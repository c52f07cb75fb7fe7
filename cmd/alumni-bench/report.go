package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// The targets of the performance issue.
const (
	targetN         = 10000
	targetRatio     = 2.5
	targetRSS       = 400 << 20
	targetLinearity = 1.3
)

// report prints the table and the targets.
func report(w io.Writer, args []string, runs int, results []result, load, baseline string) {
	fmt.Fprintf(w, "command: go run ./cmd/alumni-bench %s\n", strings.Join(args, " "))
	fmt.Fprintf(w, "machine: %s\n", machine())
	fmt.Fprintf(w, "load average (1 min): %s the measurements\n", load)
	fmt.Fprintf(w, "medians of %d runs; peak RSS is the largest of the runs\n\n", runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "N\tpages\tcontent MB\tgenerate s\tfloor s\tbuild s\tbuild/floor\tpages/s\tpeak RSS MB\tms/page\tbuild CPU s\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f\t%.0f\t%.3f\t%.2f\t\n",
			r.n, r.pages, mb(r.contentBytes), r.generate.Seconds(), r.floor.Seconds(), r.build.Seconds(),
			r.ratio(), r.pagesPerSecond(), mb(r.rss), r.msPerPage(), r.cpu.Seconds())
	}
	tw.Flush()
	if baseline != "" {
		fmt.Fprintf(w, "\nagainst the baseline %s, in the same runs:\n", baseline)
		for _, r := range results {
			fmt.Fprintf(w, "  N=%d: build %.2f s vs %.2f s (%.2fx), CPU %.2f s vs %.2f s (%.2fx)\n",
				r.n, r.build.Seconds(), r.baseline.Seconds(), r.build.Seconds()/r.baseline.Seconds(),
				r.cpu.Seconds(), r.baselineCPU.Seconds(), r.cpu.Seconds()/r.baselineCPU.Seconds())
		}
	}
	fmt.Fprintln(w, "\ntargets:")
	for _, line := range targets(results) {
		fmt.Fprintln(w, "  "+line)
	}
}

func (r result) ratio() float64 { return r.build.Seconds() / r.floor.Seconds() }

func (r result) pagesPerSecond() float64 { return float64(r.pages) / r.build.Seconds() }

func (r result) msPerPage() float64 {
	if r.pages == 0 {
		return 0
	}
	return 1000 * r.build.Seconds() / float64(r.pages)
}

// targets returns one line per target, ending in PASS or MISS.
func targets(results []result) []string {
	var out []string
	at := -1
	for i, r := range results {
		if r.n == targetN {
			at = i
		}
	}
	if at < 0 {
		out = append(out, fmt.Sprintf("N=%d not measured: add it to -n for the time and memory targets", targetN))
	} else {
		r := results[at]
		out = append(out,
			fmt.Sprintf("N=%d: build/floor %.2f <= %.1f  %s", r.n, r.ratio(), targetRatio, verdict(r.ratio() <= targetRatio)),
			fmt.Sprintf("N=%d: peak RSS %.0f MB < %d MB  %s", r.n, mb(r.rss), targetRSS>>20, verdict(r.rss < targetRSS)))
	}
	if len(results) < 2 {
		return append(out, "linear growth needs two sizes (the issue compares 1000 and 50000)")
	}
	lo, hi := results[0], results[len(results)-1]
	growth := hi.msPerPage() / lo.msPerPage()
	out = append(out, fmt.Sprintf("time per page: N=%d %.3f ms vs N=%d %.3f ms = %.2fx <= %.1fx  %s",
		hi.n, hi.msPerPage(), lo.n, lo.msPerPage(), growth, targetLinearity, verdict(growth <= targetLinearity)))
	rssGrowth, contentGrowth := float64(hi.rss)/float64(lo.rss), float64(hi.contentBytes)/float64(lo.contentBytes)
	out = append(out, fmt.Sprintf("memory: peak RSS grew %.1fx from N=%d to N=%d while the content grew %.1fx  %s",
		rssGrowth, lo.n, hi.n, contentGrowth, verdict(rssGrowth <= contentGrowth)))
	return out
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}
