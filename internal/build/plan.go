package build

import (
	"bytes"
	"cmp"
	"html/template"
	"io/fs"
	"slices"
	"sync"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/feed"
	"github.com/alumni-site/alumni/internal/output"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/sitemap"
	"github.com/alumni-site/alumni/internal/theme"
)

// maxBundleFileSize is the largest bundle file (a photo, a poster, a video)
// that is published.
const maxBundleFileSize = 200 << 20

// file is one file of a build's output and how to produce its bytes. A
// build produces every file; the preview produces a file when it is asked
// for, with the same function, so both give the same bytes.
type file struct {
	// path is the file's slash path in the destination; shown names its
	// source in diagnostics.
	path, shown string
	// make returns the file's bytes. Given a scratch buffer, make may
	// return bytes in it, which the caller uses before it gives the buffer
	// to make again (a build writes them out); without one (the preview,
	// which keeps them), the bytes are the caller's.
	make func(scratch *bytes.Buffer) ([]byte, error)
}

// planner lists the files of a build.
type planner struct {
	site  *site.Site
	theme *theme.Theme
	// renderer renders the pages of site; it lives as long as site does.
	renderer *theme.Renderer
	fsys     fs.FS
	display  func(string) string
	minifier *output.Minifier
	// release lets go of each page's HTML once it is rendered (a build;
	// the preview keeps it).
	release bool
}

// plan returns every output file but the bundle files, which are known
// once every page's Markdown is converted (see bundleFiles), and the
// diagnostics of pages that cannot be rendered at all (a missing layout).
func (pl *planner) plan() ([]file, []diag.Diagnostic) {
	// The pages come sorted by output path; the other files are sorted
	// and merged in.
	var pages, files []file
	var ds []diag.Diagnostic
	for _, p := range pl.site.Pages {
		if !pl.theme.HasLayout(p.Layout) {
			search := pl.theme.LayoutSearch(p.Layout)
			ds = append(ds, diag.Errorf(p.DisplayPath, p.Positions["type"], "no layout %q for this page: looked for %s and %s", p.Layout, search[0], search[1]))
			continue
		}
		pages = append(pages, file{path: p.OutputPath, shown: p.DisplayPath, make: func(scratch *bytes.Buffer) ([]byte, error) {
			html, err := render(pl.renderer, p, scratch)
			if pl.release {
				p.Release()
			}
			if err != nil || pl.theme.MinifiedLayouts() {
				return html, err
			}
			return pl.minify(p.OutputPath, html)
		}})
	}
	for _, a := range pl.theme.Assets() {
		files = append(files, file{path: a.Output, shown: a.Output, make: func(*bytes.Buffer) ([]byte, error) { return a.Data, nil }})
	}
	static := pl.theme.StaticFiles()
	for _, f := range static {
		files = append(files, pl.copy(f.FS, f.Path, f.Output, f.Display))
	}
	for _, l := range pl.site.Languages {
		files = append(files, pl.generated(feed.Path(pl.site, l), func() []byte { return feed.Atom(pl.site, l) }))
	}
	// The sitemap is encoded once, when one of its files is first needed.
	sitemaps := &encodedOnce{encode: func() map[string][]byte { return sitemap.Files(pl.site, pl.minifier == nil) }, release: pl.release}
	for _, name := range sitemap.Names(pl.site) {
		files = append(files, pl.generated(name, func() []byte { return sitemaps.file(name) }))
	}
	// A robots.txt among the static files replaces the generated one.
	if !slices.ContainsFunc(static, func(f theme.File) bool { return f.Output == "robots.txt" }) {
		files = append(files, pl.generated("robots.txt", func() []byte { return sitemap.Robots(pl.site) }))
	}
	for _, a := range pl.site.Aliases {
		files = append(files, file{path: a.Output, shown: a.Target.DisplayPath, make: func(*bytes.Buffer) ([]byte, error) {
			var buf bytes.Buffer
			if err := aliasPage.Execute(&buf, a.Target); err != nil {
				return nil, err
			}
			return pl.minify(a.Output, buf.Bytes())
		}})
	}
	byPath := func(x, y file) int { return cmp.Compare(x.path, y.path) }
	slices.SortFunc(files, byPath)
	return mergeSorted(pages, files, byPath), ds
}

// encodedOnce is a set of files encoded together (the sitemap's) the
// first time one of them is needed. With release, a file is let go of once
// it is handed out, each file being written once by a build: a sitemap of
// 10,000 stories is some 30 MB, which would otherwise stay in memory while
// every story is rendered after it.
type encodedOnce struct {
	encode  func() map[string][]byte
	release bool
	once    sync.Once
	mu      sync.Mutex
	files   map[string][]byte
}

func (e *encodedOnce) file(name string) []byte {
	e.once.Do(func() { e.files = e.encode() })
	e.mu.Lock()
	defer e.mu.Unlock()
	data := e.files[name]
	if e.release {
		delete(e.files, name)
	}
	return data
}

// mergeSorted merges the lists a and b, each sorted by compare, into one
// sorted list.
func mergeSorted[T any](a, b []T, compare func(x, y T) int) []T {
	out := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compare(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// bundleFiles returns the bundle files to publish; site.ConvertAll must
// have run.
func (pl *planner) bundleFiles() []file {
	var files []file
	for _, f := range pl.site.Files {
		files = append(files, pl.copy(pl.fsys, f.Source, f.Output, pl.display(f.Source)))
	}
	return files
}

// minify minifies data when minification is on.
func (pl *planner) minify(name string, data []byte) ([]byte, error) {
	if pl.minifier == nil {
		return data, nil
	}
	return pl.minifier.Minify(name, data)
}

// copy is a file copied as it is.
func (pl *planner) copy(fsys fs.FS, src, dst, shown string) file {
	return file{path: dst, shown: shown, make: func(*bytes.Buffer) ([]byte, error) {
		return content.ReadLimited(fsys, src, maxBundleFileSize)
	}}
}

// generated is a file made by the engine (feed, sitemap, robots.txt).
func (pl *planner) generated(name string, data func() []byte) file {
	return file{path: name, shown: name, make: func(*bytes.Buffer) ([]byte, error) { return pl.minify(name, data()) }}
}

// render executes a page's layout, into scratch when there is one (see
// file.make), turning a panic into an error that names the page.
func render(r *theme.Renderer, p *site.Page, scratch *bytes.Buffer) (html []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = diag.Errorf(p.DisplayPath, diag.Pos{}, "rendering with layout %q failed: %v", p.Layout, r)
		}
	}()
	if scratch != nil {
		return r.RenderInto(scratch, p.Page.Lang, p.Layout, p)
	}
	return r.Render(p.Page.Lang, p.Layout, p)
}

// aliasPage is the redirect written for an alias: a meta refresh, a
// canonical link to the target, and a plain link for browsers that do not
// follow the refresh. It is not indexed.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{ .RelPermalink }}">
</head>
<body>
<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
</body>
</html>
`))
