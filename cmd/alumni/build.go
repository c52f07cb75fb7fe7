package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/build"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// runBuild runs "alumni build".
func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("alumni build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site root: site.yaml, content/, ...")
	dest := fl.String("dest", "", "the destination folder (default <source>/public)")
	baseURL := fl.String("base-url", "", "replace site.yaml's baseURL")
	drafts := fl.Bool("drafts", false, "publish drafts")
	future := fl.Bool("future", false, "publish pages whose publishDate is in the future")
	now := fl.String("now", "", "evaluate publication at this time (RFC 3339 or YYYY-MM-DD); wins over SOURCE_DATE_EPOCH")
	strict := fl.Bool("strict", false, "treat every warning as an error")
	minify := fl.Bool("minify", true, "minify the output (false overrides site.yaml)")
	checkCached := fl.Bool("check-cached", false, "render every partialCached fragment for every page and report a page it does not fit (for theme authors; slower)")
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "alumni build: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	at, err := buildTime(*now, os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		fmt.Fprintf(stderr, "alumni build: %v\n", err)
		return exitUsage
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	opt := build.Options{
		Source:  *source,
		Dest:    *dest,
		BaseURL: *baseURL,
		Drafts:  *drafts,
		Future:  *future,
		Strict:  *strict,
		Now:     at,
		Display: displayFrom(*source),

		CheckCached: *checkCached,
	}
	fl.Visit(func(f *flag.Flag) {
		if f.Name == "minify" {
			opt.Minify = minify
		}
	})
	res := build.Build(ctx, opt)
	for _, d := range res.Diagnostics {
		fmt.Fprintln(stderr, d)
	}
	if !res.OK {
		errs := 0
		for _, d := range res.Diagnostics {
			if d.Severity == diag.Error {
				errs++
			}
		}
		fmt.Fprintf(stderr, "alumni build: failed with %d %s; %s left as it was\n", errs, plural(errs, "error", "errors"), filepath.ToSlash(*dest))
		return exitError
	}
	fmt.Fprintln(stdout, summary(res, filepath.ToSlash(*dest)))
	return exitOK
}

// buildTime returns the moment publication is evaluated at: --now, or else
// SOURCE_DATE_EPOCH, or else the zero Date, which means the current time.
func buildTime(now, epoch string) (content.Date, error) {
	if now != "" {
		d, err := content.ParseDate(now)
		if err != nil {
			return content.Date{}, fmt.Errorf("--now: %v", err)
		}
		return d, nil
	}
	if epoch != "" {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return content.Date{}, fmt.Errorf("SOURCE_DATE_EPOCH must be a number of seconds, got %q", epoch)
		}
		return content.ParseDate(time.Unix(secs, 0).UTC().Format(time.RFC3339))
	}
	return content.Date{}, nil
}

// displayFrom returns the function that shows a path relative to the site
// root as a path relative to the working directory, with slashes.
func displayFrom(source string) func(string) string {
	wd, err := os.Getwd()
	return func(p string) string {
		full := filepath.Join(source, filepath.FromSlash(p))
		if err == nil {
			if abs, err2 := filepath.Abs(full); err2 == nil {
				if rel, err3 := filepath.Rel(wd, abs); err3 == nil {
					full = rel
				}
			}
		}
		return filepath.ToSlash(full)
	}
}

// kindNames names the kinds of page in the summary, singular and plural.
var kindNames = []struct {
	kind      content.Kind
	one, many string
}{
	{content.KindHome, "home page", "home pages"},
	{content.KindSection, "section", "sections"},
	{content.KindStory, "story", "stories"},
	{content.KindVideo, "video", "videos"},
	{content.KindPage, "page", "pages"},
	{content.KindTaxonomy, "taxonomy", "taxonomies"},
	{content.KindTerm, "term", "terms"},
}

// summary writes one line per language and a total.
func summary(res build.Result, dest string) string {
	var b strings.Builder
	langs := make([]string, 0, len(res.Pages))
	for l := range res.Pages {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	total := 0
	for _, l := range langs {
		var parts []string
		n := 0
		for _, k := range kindNames {
			if c := res.Pages[l][k.kind]; c > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c, plural(c, k.one, k.many)))
				n += c
			}
		}
		if n == 0 {
			continue
		}
		total += n
		fmt.Fprintf(&b, "%s: %d %s (%s)\n", l, n, plural(n, "page", "pages"), strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "Built %d %s and %d files into %s in %d ms", total, plural(total, "page", "pages"), res.Files, dest, res.Duration.Milliseconds())
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
