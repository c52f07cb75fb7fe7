package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/output"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/theme"
)

// maxBundleFileSize is the largest bundle file (a photo, a poster, a video)
// that is published.
const maxBundleFileSize = 200 << 20

// Sink receives the files of a build. *output.Stage writes them into the
// staging folder; the preview server keeps them in memory.
type Sink interface {
	WriteFile(rel string, data []byte) error
}

// writer renders, minifies and writes files to a Sink. Each page goes
// through the whole chain in one worker, so rendering, minifying and
// writing overlap.
type writer struct {
	sink     Sink
	minifier *output.Minifier
	diags    *diag.List
	written  atomic.Int64
}

// write minifies data if minification is on and stages it at rel.
func (w *writer) write(rel string, data []byte, shown string) {
	if w.minifier != nil {
		min, err := w.minifier.Minify(rel, data)
		if err != nil {
			w.diags.Add(diag.Errorf(shown, diag.Pos{}, "minifying %s: %v", rel, err))
			return
		}
		data = min
	}
	if err := w.sink.WriteFile(rel, data); err != nil {
		w.diags.Add(diag.Errorf(shown, diag.Pos{}, "%v", err))
		return
	}
	w.written.Add(1)
}

func (w *writer) count() int { return int(w.written.Load()) }

// pages renders every page in parallel. A page whose layout is missing or
// fails is reported, and the other pages are still rendered so that all
// their errors are reported too.
func (w *writer) pages(ctx context.Context, th *theme.Theme, s *site.Site) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, p := range s.Pages {
		if ctx.Err() != nil {
			break
		}
		if !th.HasLayout(p.Layout) {
			w.diags.Add(diag.Errorf(p.DisplayPath, p.Positions["type"], "no layout %q for this page: looked for %s and %s",
				p.Layout, th.LayoutSearch(p.Layout)[0], th.LayoutSearch(p.Layout)[1]))
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			html, err := render(th, p)
			if errors.Is(err, theme.ErrReported) {
				return
			}
			if err != nil {
				w.diags.Add(asDiagnostic(p.DisplayPath, err))
				return
			}
			w.write(p.OutputPath, html, p.DisplayPath)
		})
	}
	wg.Wait()
}

// render executes a page's layout, turning a panic into an error that
// names the page.
func render(th *theme.Theme, p *site.Page) (html []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = diag.Errorf(p.DisplayPath, diag.Pos{}, "rendering with layout %q failed: %v", p.Layout, r)
		}
	}()
	return th.Render(p.Lang, p.Layout, p)
}

// files stages the theme's assets, the static files and the bundle files.
func (w *writer) files(fsys fs.FS, display func(string) string, s *site.Site, th *theme.Theme) {
	for _, a := range th.Assets() {
		if err := w.sink.WriteFile(a.Output, a.Data); err != nil {
			w.diags.Add(diag.Errorf(a.Output, diag.Pos{}, "%v", err))
			continue
		}
		w.written.Add(1)
	}
	for _, f := range th.StaticFiles() {
		w.copy(f.FS, f.Path, f.Output, f.Display)
	}
	for _, f := range s.Files {
		w.copy(fsys, f.Source, f.Output, display(f.Source))
	}
}

// copy stages a file as it is.
func (w *writer) copy(fsys fs.FS, src, dst, shown string) {
	data, err := content.ReadLimited(fsys, src, maxBundleFileSize)
	if err != nil {
		w.diags.Add(diag.Errorf(shown, diag.Pos{}, "%v", err))
		return
	}
	if err := w.sink.WriteFile(dst, data); err != nil {
		w.diags.Add(diag.Errorf(shown, diag.Pos{}, "%v", err))
		return
	}
	w.written.Add(1)
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

func asDiagnostic(shown string, err error) diag.Diagnostic {
	if d, ok := err.(diag.Diagnostic); ok {
		return d
	}
	return diag.Errorf(shown, diag.Pos{}, "%s", fmt.Sprint(err))
}
