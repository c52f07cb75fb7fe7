package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/output"
	"github.com/alumni-site/alumni/internal/site"
)

// TestExecutorsAgree builds the golden sites, the example site and a
// generated site of 300 stories twice: once with the theme's templates
// compiled by templateexec, every compiled execution checked against
// html/template's (checkExec), and once with html/template alone. The two
// builds must report the same diagnostics and write the same files.
func TestExecutorsAgree(t *testing.T) {
	sites := map[string]string{"example": "../.."}
	if !testing.Short() {
		sites["generated"] = guardSite(t, 300)
	}
	golden, err := filepath.Glob("testdata/sites/*.txtar")
	if err != nil || len(golden) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, file := range golden {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		unpack(t, ar, dir)
		sites[strings.TrimSuffix(filepath.Base(file), ".txtar")] = dir
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			var outputs [2]*txtar.Archive
			var reports [2]string
			for i, only := range []bool{false, true} {
				dest := filepath.Join(t.TempDir(), "public")
				res := buildSite(t, dir, func(o *Options) {
					o.Dest = dest
					o.htmlTemplateOnly, o.checkExec = only, !only
				})
				outputs[i], reports[i] = tree(t, dest), diagnostics(res.Diagnostics)
			}
			if reports[0] != reports[1] {
				t.Fatalf("diagnostics with templateexec:\n%s\nwith html/template alone:\n%s", reports[0], reports[1])
			}
			if a, b := string(txtar.Format(outputs[0])), string(txtar.Format(outputs[1])); a != b {
				t.Fatalf("the outputs differ:\n%s", firstDifference(b, a))
			}
		})
	}
}

// renderPlanner makes the site model of the site in dir and the planner
// of its files, as a build does, with the theme's templates run by
// html/template alone when htmlOnly.
func renderPlanner(tb testing.TB, dir string, htmlOnly bool) (*planner, []file) {
	tb.Helper()
	b := &builder{opt: guardOptions(tb, dir, filepath.Join(tb.TempDir(), "public")), fsys: os.DirFS(dir)}
	b.opt.htmlTemplateOnly = htmlOnly
	cfg := b.loadConfig()
	if cfg == nil {
		tb.Fatal(b.diags.Items())
	}
	minifier := output.NewMinifier()
	th, ds := b.loadTheme(cfg, minifier)
	pages, more := content.Load(b.fsys, content.Options{Languages: cfg.LanguageOrder, DefaultLanguage: cfg.DefaultLanguage})
	s, most := site.New(pages, site.Options{Config: cfg, Clock: content.Clock{Now: b.now(cfg), Location: cfg.Location},
		Markdown: newConverter(cfg, minifier), Labels: th.Label})
	if ds = append(append(ds, more...), most...); len(ds) > 0 {
		tb.Fatal(ds)
	}
	pl := &planner{site: s, theme: th, renderer: th.NewRenderer(), fsys: b.fsys, display: b.opt.Display, minifier: minifier}
	files, ds := pl.plan()
	if len(ds) > 0 {
		tb.Fatal(ds)
	}
	return pl, files
}

// TestDefaultThemeCompiles renders every page of a generated site twice
// and checks that templateexec compiled every template the default theme
// executed and ran every page the second time: html/template ran none
// again.
func TestDefaultThemeCompiles(t *testing.T) {
	for name, dir := range map[string]string{"example": "../..", "generated": guardSite(t, 60)} {
		t.Run(name, func(t *testing.T) {
			pl, files := renderPlanner(t, dir, false)
			// Twice, so that the second pass runs the compiled templates.
			for range 2 {
				for _, f := range files {
					if _, err := f.make(nil); err != nil {
						t.Fatalf("%s: %v", f.path, err)
					}
				}
			}
			if fallbacks := pl.renderer.Fallbacks(); len(fallbacks) > 0 {
				t.Errorf("html/template executed these templates again:\n%s", strings.Join(fallbacks, "\n"))
			}
		})
	}
}

// BenchmarkRender renders the pages of each layout of a generated site of
// 300 stories, their Markdown converted beforehand, one after another, with
// the compiled templates and with html/template alone, and reports the
// time per page (allocs/op are those of all the pages of the layout):
//
//	go test -run '^$' -bench Render -benchtime 40x ./internal/build/
func BenchmarkRender(b *testing.B) {
	dir := guardSite(b, 300)
	for _, exec := range []string{"compiled", "html-template"} {
		pl, files := renderPlanner(b, dir, exec == "html-template")
		byPath := map[string]file{}
		for _, f := range files {
			byPath[f.path] = f
		}
		for _, layout := range []string{"story", "term", "list", "video"} {
			var pages []file
			for _, p := range pl.site.Pages {
				if p.Layout == layout {
					pages = append(pages, byPath[p.OutputPath])
				}
			}
			b.Run(layout+"/"+exec, func(b *testing.B) {
				var scratch bytes.Buffer
				for _, f := range pages { // converts the Markdown, compiles
					if _, err := f.make(&scratch); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					for _, f := range pages {
						if _, err := f.make(&scratch); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
				b.ReportMetric(float64(len(pages)), "pages")
			})
		}
	}
}
