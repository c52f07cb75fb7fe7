// Package build is the one orchestrator of a site build: it reads the
// config, loads content, builds the site model, loads the theme, renders
// every page in parallel, minifies, and writes the result into a staging
// folder that replaces the destination only when the whole build
// succeeded.
//
// # Order
//
//	site.yaml -> config.Config
//	content/  -> []*content.Page           (read and decoded in parallel)
//	          -> site.Site                 (translations, publication, URLs,
//	                                        Markdown converted in parallel)
//	theme     -> theme.Theme               (layouts, strings, hashed assets)
//	pages     -> HTML -> minified -> staged (in parallel)
//	stage     -> destination               (atomic swap, only without errors)
//
// Every diagnostic of every stage is collected; a stage that cannot run
// because an earlier one failed is skipped. With Strict every warning is an
// error.
package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/markdown"
	"github.com/alumni-site/alumni/internal/output"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/theme"
	"github.com/alumni-site/alumni/themes"
)

// Options say what to build and where.
type Options struct {
	// Source is the site root: site.yaml, content/, and optionally
	// layouts/, i18n/, assets/, static/ and themes/.
	Source string
	// Dest is the destination folder.
	Dest string
	// BaseURL, when set, replaces site.yaml's baseURL.
	BaseURL string
	// Drafts and Future publish drafts and pages with a future
	// publishDate.
	Drafts, Future bool
	// Strict turns every warning into an error.
	Strict bool
	// Minify, when set, replaces site.yaml's minify.
	Minify *bool
	// Now is the moment publication is evaluated at; a date without a time
	// is midnight in the site's time zone. Zero means the current time.
	Now content.Date
	// Display turns a slash path relative to Source into the path shown in
	// diagnostics. Nil shows it joined to Source.
	Display func(string) string
	// CheckCached renders every partialCached fragment for every page and
	// reports a page whose fragment differs from the cached one (see
	// theme.Options.CheckCached).
	CheckCached bool

	// wrapMarkdown, when set, wraps the build's Markdown converter; tests
	// count conversions with it.
	wrapMarkdown func(site.Converter) site.Converter
	// htmlTemplateOnly and checkExec set the theme options of the same
	// names; tests compare the two executors of templates with them.
	htmlTemplateOnly, checkExec bool
}

// Result reports what a build did.
type Result struct {
	// Diagnostics holds every error and warning, sorted.
	Diagnostics []diag.Diagnostic
	// OK is true when the destination was replaced.
	OK bool
	// Pages counts published pages per language and kind.
	Pages map[string]map[content.Kind]int
	// Files counts the files written.
	Files    int
	Duration time.Duration
}

// Build builds the site described by opt.
func Build(ctx context.Context, opt Options) Result {
	start := time.Now()
	if opt.Display == nil {
		opt.Display = func(p string) string { return filepath.ToSlash(filepath.Join(opt.Source, p)) }
	}
	b := &builder{opt: opt, fsys: os.DirFS(opt.Source)}
	res := b.run(ctx)
	items := b.diags.Items()
	if opt.Strict {
		items = diag.Strict(items)
	}
	res.Diagnostics = items
	res.Duration = time.Since(start)
	return res
}

// builder holds the state of one build.
type builder struct {
	opt   Options
	fsys  fs.FS
	diags diag.List
}

func (b *builder) run(ctx context.Context) Result {
	var res Result
	cfg := b.loadConfig()
	if cfg == nil {
		return res
	}
	minify := cfg.Minify
	if b.opt.Minify != nil {
		minify = *b.opt.Minify
	}
	var minifier *output.Minifier
	if minify {
		minifier = output.NewMinifier()
	}
	th, themeDiags := b.loadTheme(cfg, minifier)
	b.diags.Add(themeDiags...)
	pages, ds := content.Load(b.fsys, content.Options{
		Languages:       cfg.LanguageOrder,
		DefaultLanguage: cfg.DefaultLanguage,
		Display:         b.opt.Display,
		DropBodies:      true,
	})
	b.diags.Add(ds...)
	var labels func(lang, key string) (string, bool)
	if th != nil {
		labels = th.Label
	}
	conv := newConverter(cfg, minifier)
	if b.opt.wrapMarkdown != nil {
		conv = b.opt.wrapMarkdown(conv)
	}
	s, ds := site.New(pages, site.Options{
		Config:   cfg,
		Clock:    content.Clock{Now: b.now(cfg), Location: cfg.Location, Drafts: b.opt.Drafts, Future: b.opt.Future},
		Markdown: conv,
		Labels:   labels,
		Body:     func(p *content.Page) ([]byte, error) { return p.ReadBody(b.fsys) },
	})
	b.diags.Add(ds...)
	if th == nil {
		ds, _ := s.ConvertAll(context.Background())
		b.diags.Add(ds...)
		return res
	}
	// Pages are rendered even after an error, so that every template error
	// is reported in the same run; the stage is then thrown away.
	stage, err := output.Open(b.opt.Dest)
	if err != nil {
		b.diags.Add(diag.Errorf(filepath.ToSlash(b.opt.Dest), diag.Pos{}, "%v", err))
		return res
	}
	// Pages are converted as they are rendered, and let go of after; the
	// bundle files that their Markdown shows are known, and written, once
	// every page is converted.
	pl := &planner{site: s, theme: th, renderer: th.NewRenderer(), fsys: b.fsys, display: b.opt.Display, minifier: minifier, release: true}
	files, ds := pl.plan()
	b.diags.Add(ds...)
	// Every diagnostic that names a front-matter key has been reported by
	// now: the positions go, which lowers the build's peak memory by some
	// 60 MB at 10,000 stories.
	for _, p := range s.Pages {
		p.DropPositions()
	}
	written := write(ctx, files, stage, &b.diags)
	ds, _ = s.ConvertAll(context.Background())
	b.diags.Add(ds...)
	written += write(ctx, pl.bundleFiles(), stage, &b.diags)
	if b.failed() || ctx.Err() != nil {
		stage.Abort()
		return res
	}
	if err := stage.Commit(); err != nil {
		b.diags.Add(diag.Errorf(filepath.ToSlash(b.opt.Dest), diag.Pos{}, "%v", err))
		stage.Abort()
		return res
	}
	res.OK = true
	res.Files = written
	res.Pages = countPages(s)
	return res
}

// now returns the moment of the build in the site's time zone.
func (b *builder) now(cfg *config.Config) time.Time {
	if b.opt.Now.IsZero() {
		return time.Now().In(cfg.Location)
	}
	return b.opt.Now.In(cfg.Location)
}

// failed reports whether the build has an error (or, with Strict, any
// diagnostic).
func (b *builder) failed() bool {
	if b.opt.Strict {
		return len(b.diags.Items()) > 0
	}
	return b.diags.HasErrors()
}

// loadConfig reads site.yaml and applies the command-line overrides.
func (b *builder) loadConfig() *config.Config {
	shown := b.opt.Display(config.FileName)
	src, err := content.ReadLimited(b.fsys, config.FileName, 1<<20)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			b.diags.Add(diag.Errorf(shown, diag.Pos{}, "no site.yaml: is %s the root of a site?", b.opt.Source))
			return nil
		}
		b.diags.Add(diag.Errorf(shown, diag.Pos{}, "%v", err))
		return nil
	}
	cfg, ds := config.Parse(shown, src)
	b.diags.Add(ds...)
	if b.diags.HasErrors() {
		return nil
	}
	if b.opt.BaseURL != "" {
		if err := cfg.SetBaseURL(b.opt.BaseURL); err != nil {
			b.diags.Add(diag.Errorf("--base-url", diag.Pos{}, "%v", err))
			return nil
		}
	}
	return cfg
}

// loadTheme finds the theme (a folder under themes/ wins over the embedded
// theme of the same name) and loads it with the site's overrides.
func (b *builder) loadTheme(cfg *config.Config, minifier *output.Minifier) (*theme.Theme, []diag.Diagnostic) {
	dir := path.Join("themes", cfg.Theme)
	var layer theme.Layer
	if info, err := fs.Stat(b.fsys, dir); err == nil && info.IsDir() {
		sub, _ := fs.Sub(b.fsys, dir)
		layer = theme.Layer{FS: sub, Name: b.opt.Display(dir)}
	} else if embedded, ok := themes.Embedded(cfg.Theme); ok {
		layer = theme.Layer{FS: embedded, Name: dir}
	} else {
		return nil, []diag.Diagnostic{diag.Errorf(b.opt.Display(config.FileName), diag.Pos{}, "theme %q not found: there is no folder %s", cfg.Theme, b.opt.Display(dir))}
	}
	var process, minifyLayout func(string, []byte) ([]byte, error)
	if minifier != nil {
		process, minifyLayout = minifier.Minify, minifier.MinifyLayout
	}
	th, ds := theme.Load(theme.Options{
		Site:      theme.Layer{FS: b.fsys},
		Theme:     layer,
		Display:   b.opt.Display,
		Languages: cfg.LanguageOrder,
		BasePath:  cfg.BasePath(),
		AbsBase:   cfg.AbsURL(""),
		Faculties: cfg.Faculties,
		Process:   process,
		// Pages come out of minified layouts with minified Markdown
		// (newConverter), so they are not minified whole: minifying
		// every page again would lex the same template text thousands
		// of times.
		MinifyLayout: minifyLayout,
		CheckCached:  b.opt.CheckCached,

		HTMLTemplateOnly: b.opt.htmlTemplateOnly,
		CheckExec:        b.opt.checkExec,
	})
	return th, ds
}

// newConverter returns the Markdown converter of a build: with a
// minifier, the HTML of every conversion is minified, since pages are
// not (see loadTheme).
func newConverter(cfg *config.Config, minifier *output.Minifier) site.Converter {
	conv := markdown.New(cfg.LanguageOrder)
	if minifier == nil {
		return conv
	}
	return minifiedMarkdown{conv, minifier}
}

// minifiedMarkdown minifies the HTML of each conversion; HTML the
// minifier cannot read is kept as it is.
type minifiedMarkdown struct {
	site.Converter
	minifier *output.Minifier
}

func (c minifiedMarkdown) Convert(src []byte, opt markdown.Options) (markdown.Result, []diag.Diagnostic) {
	res, ds := c.Converter.Convert(src, opt)
	if small, err := c.minifier.MinifyOwned("content.html", res.HTML); err == nil {
		res.HTML = small
	}
	return res, ds
}

// countPages counts the published pages per language and kind.
func countPages(s *site.Site) map[string]map[content.Kind]int {
	out := map[string]map[content.Kind]int{}
	for _, l := range s.Languages {
		out[l.Code] = map[content.Kind]int{}
		for _, p := range l.Pages {
			out[l.Code][p.Kind]++
		}
	}
	return out
}
