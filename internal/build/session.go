package build

import (
	"context"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/output"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/theme"
)

// Session builds the same site again and again for the preview. It keeps
// what did not change between two builds: site.yaml, the theme, the
// decoded pages and their converted Markdown. The site model is built anew
// each time from those parts, so a Snapshot holds the same files as a build
// of the same sources. Rebuild returns as soon as the pages it checks are
// rendered; the rest of the Markdown is converted meanwhile, and
// Snapshot.Wait gives the problems it found. A Session is not safe for
// concurrent use.
type Session struct {
	opt      Options
	builder  *builder
	pages    *content.Cache
	memo     *site.Memo
	conv     site.Converter
	cfg      *config.Config
	theme    *theme.Theme
	minifier *output.Minifier
	// themeDiags are the diagnostics of loading the theme, repeated by
	// every build that uses it.
	themeDiags []diag.Diagnostic
	// last is the last successful full build, which the fast path updates;
	// nil after a failed build.
	last *lastBuild
	// quickBuilds counts the rebuilds that took the fast path (for tests).
	quickBuilds int
	// background is the conversion of the last build's Markdown while
	// its snapshot is served already; nil when there is none going on.
	background *conversion
	// listing is the last walk of content/, used again while no file is
	// added or removed.
	listing *content.Listing
}

// lastBuild is a successful build that the fast path can update in place.
type lastBuild struct {
	model *site.Site
	// renderer renders model's pages; its fragments are forgotten when
	// the fast path changes model.
	renderer *theme.Renderer
	planner  *planner
	// pages are the files of the build but the bundle files. bundle and
	// diags are complete once every page's Markdown is converted (see
	// convertRest); base holds the diagnostics known before.
	pages       []file
	bundle      []file
	base, diags []diag.Diagnostic
	// lock is held for reading while a page of model is produced and for
	// writing while the fast path changes it.
	lock *sync.RWMutex
}

// conversion is the background conversion of the last build's Markdown.
type conversion struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when the goroutine returns
	ended  bool          // set, before done closes, when every page is converted
	snaps  []*Snapshot   // the snapshots it finishes when it ends
}

// NewSession returns a Session for opt; opt.Dest is not used.
func NewSession(opt Options) *Session {
	if opt.Display == nil {
		opt.Display = func(p string) string { return path.Join(opt.Source, p) }
	}
	return &Session{
		opt:     opt,
		builder: &builder{opt: opt, fsys: os.DirFS(opt.Source)},
		pages:   content.NewCache(),
		memo:    site.NewMemo(),
	}
}

// Rebuild builds the site after changes to the given slash paths relative
// to the site root; all means that anything may have changed. It returns
// the new snapshot, or nil when the build has errors (or, with Strict,
// warnings), and every diagnostic, sorted.
func (s *Session) Rebuild(ctx context.Context, changed []string, all bool) (*Snapshot, []diag.Diagnostic) {
	b := s.builder
	b.diags = diag.List{}
	themeChanged, configChanged := all, all
	var contentChanged []string
	for _, p := range changed {
		switch top, _, _ := strings.Cut(p, "/"); top {
		case config.FileName:
			configChanged = true
		case "content":
			contentChanged = append(contentChanged, p)
		case "layouts", "i18n", "assets", "static", "themes":
			themeChanged = true
		}
	}
	if !themeChanged && !configChanged && s.last != nil && len(changed) > 0 && len(contentChanged) == len(changed) {
		// The fast path stops the background conversion rather than wait
		// for it, and has it go on after.
		unfinished := s.stopBackground()
		if snap, ds, ok := s.quick(contentChanged, unfinished); ok {
			s.quickBuilds++
			return snap, ds
		}
		if len(unfinished) > 0 {
			s.convertRest(s.last, unfinished)
		}
	}
	// A full build waits for the conversion of the last one, so that the
	// snapshots still served are finished and the memo is complete.
	s.waitBackground()
	s.last = nil
	if configChanged || s.cfg == nil {
		s.cfg, s.theme = b.loadConfig(), nil
		s.pages.Forget(nil, true)
		if s.cfg == nil {
			return nil, s.finish()
		}
		s.minifier = nil
		if s.minify() {
			s.minifier = output.NewMinifier()
		}
		// Conversions depend on the languages and on minification.
		s.conv, s.memo = newConverter(s.cfg, s.minifier), site.NewMemo()
	}
	if themeChanged || s.theme == nil {
		s.theme, s.themeDiags = b.loadTheme(s.cfg, s.minifier)
	}
	// Theme diagnostics are reported by every build, not only the one that
	// loaded the theme.
	b.diags.Add(s.themeDiags...)
	s.pages.Forget(contentChanged, false)
	load := content.Options{
		Languages:       s.cfg.LanguageOrder,
		DefaultLanguage: s.cfg.DefaultLanguage,
		Display:         b.opt.Display,
		Cache:           s.pages,
	}
	if all || configChanged || !s.sameFiles(contentChanged) {
		s.listing = content.Walk(b.fsys, load)
	}
	load.Listing = s.listing
	pages, ds := content.Load(b.fsys, load)
	b.diags.Add(ds...)
	var labels func(lang, key string) (string, bool)
	if s.theme != nil {
		labels = s.theme.Label
	}
	model, ds := site.New(pages, site.Options{
		Config:   s.cfg,
		Clock:    content.Clock{Now: b.now(s.cfg), Location: s.cfg.Location, Drafts: b.opt.Drafts, Future: b.opt.Future},
		Markdown: s.conv,
		Memo:     s.memo,
		Labels:   labels,
		Body:     func(p *content.Page) ([]byte, error) { return p.ReadBody(b.fsys) },
	})
	b.diags.Add(ds...)
	if s.theme == nil {
		ds, _ := model.ConvertAll(context.Background())
		b.diags.Add(ds...)
		return nil, s.finish()
	}
	pl := &planner{site: model, theme: s.theme, renderer: s.theme.NewRenderer(), fsys: b.fsys, display: b.opt.Display, minifier: s.minifier}
	files, ds := pl.plan()
	b.diags.Add(ds...)
	snap := newSnapshot(files, &sync.RWMutex{})
	snap.check(changed, model, themeChanged || configChanged, &b.diags)
	// The pages just produced were converted; their problems count now.
	b.diags.Add(model.Converted()...)
	if ctx.Err() != nil || b.failed() {
		return nil, s.finish()
	}
	ds = s.finish()
	s.last = &lastBuild{model: model, renderer: pl.renderer, planner: pl, pages: files, base: ds, diags: ds, lock: snap.lock}
	s.convertRest(s.last, []*Snapshot{snap})
	return snap, ds
}

// convertRest converts the rest of last's Markdown in the background while
// its snapshots are served already. When every page is converted, last's
// bundle files and diagnostics are complete, and snaps are finished with
// them (Snapshot.Wait).
func (s *Session) convertRest(last *lastBuild, snaps []*Snapshot) {
	ctx, cancel := context.WithCancel(context.Background())
	c := &conversion{cancel: cancel, done: make(chan struct{}), snaps: snaps}
	s.background = c
	go func() {
		defer close(c.done)
		all, err := last.model.ConvertAll(ctx)
		if err != nil {
			return
		}
		if s.opt.Strict {
			all = diag.Strict(all)
		}
		last.bundle = last.planner.bundleFiles()
		last.diags = slices.Concat(last.base, diag.Missing(all, last.base))
		diag.Sort(last.diags)
		for _, snap := range snaps {
			snap.finish(last.bundle, last.diags)
		}
		c.ended = true
	}()
}

// waitBackground lets the background conversion end.
func (s *Session) waitBackground() {
	if c := s.background; c != nil {
		<-c.done
		s.background = nil
	}
}

// stopBackground stops the background conversion, and returns the
// snapshots it had yet to finish: none when it had ended.
func (s *Session) stopBackground() []*Snapshot {
	c := s.background
	if c == nil {
		return nil
	}
	s.background = nil
	c.cancel()
	<-c.done
	if c.ended {
		return nil
	}
	return c.snaps
}

// sameFiles reports whether the last walk of content/ still lists the
// same files after changes to the given paths: each was a file the walk
// found, and is still a file. Anything else (a file added, removed or
// renamed, a folder) needs a new walk.
func (s *Session) sameFiles(changed []string) bool {
	if s.listing == nil {
		return false
	}
	for _, p := range changed {
		if !s.listing.Has(p) {
			return false
		}
		if info, err := fs.Stat(s.builder.fsys, p); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// quick is the fast path for the commonest edit: the text of pages changed
// and nothing else. For each changed file it decodes the file and checks
// that its front matter is the same as before, down to the position of
// every key, and that neither the old nor the new version has a problem to
// report; it then converts the new Markdown and sets it on the file's pages
// in the last build's model, so that every page showing them (lists show
// summaries) is produced anew from the new snapshot. Anything else falls
// back to a full rebuild (ok is false, and nothing was changed).
//
// unfinished are the snapshots that the stopped background conversion
// had yet to finish: the conversion goes on after the change, and
// finishes them with the new snapshot.
func (s *Session) quick(paths []string, unfinished []*Snapshot) (*Snapshot, []diag.Diagnostic, bool) {
	last := s.last
	reported := map[string]bool{}
	for _, d := range last.diags {
		reported[d.Path] = true
	}
	var updates []site.Update
	var fresh []*content.Page
	for _, p := range paths {
		old, ds, ok := s.pages.Lookup(p)
		if !ok || len(ds) > 0 || reported[old.DisplayPath] {
			return nil, nil, false
		}
		data, err := content.ReadLimited(s.builder.fsys, p, content.MaxMarkdownSize)
		if err != nil {
			return nil, nil, false
		}
		np, ds := content.Parse(old.Source, old.DisplayPath, data)
		if np == nil || len(ds) > 0 {
			return nil, nil, false
		}
		np.Files = old.Files
		if !content.SameFrontMatter(old, np) {
			return nil, nil, false
		}
		u, ok := last.model.Reconvert(np, s.conv)
		if !ok {
			return nil, nil, false
		}
		updates, fresh = append(updates, u), append(fresh, np)
	}
	last.lock.Lock()
	for _, u := range updates {
		u.Apply()
	}
	last.renderer.Forget()
	last.lock.Unlock()
	for i, p := range paths {
		s.pages.Store(p, fresh[i], nil)
	}
	snap := newSnapshot(last.pages, last.lock)
	diags := last.diags // the conversion started below may replace last.diags
	if unfinished == nil {
		snap.finish(last.bundle, diags)
	} else {
		s.convertRest(last, append(unfinished, snap))
	}
	var problems diag.List
	snap.check(paths, last.model, false, &problems)
	if problems.HasErrors() {
		s.last = nil
		return nil, append(slices.Clone(diags), problems.Items()...), true
	}
	return snap, diags, true
}

// Config returns the site's configuration as of the last build, or nil
// when site.yaml could not be read.
func (s *Session) Config() *config.Config { return s.cfg }

func (s *Session) minify() bool {
	if s.opt.Minify != nil {
		return *s.opt.Minify
	}
	return s.cfg.Minify
}

// finish returns the build's diagnostics, sorted, with Strict applied.
func (s *Session) finish() []diag.Diagnostic {
	items := s.builder.diags.Items()
	if s.opt.Strict {
		items = diag.Strict(items)
	}
	return items
}
