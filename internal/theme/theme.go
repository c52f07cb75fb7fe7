package theme

import (
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
)

// Layer is one source of theme files: the site root or a theme folder.
type Layer struct {
	// FS holds layouts/, i18n/, assets/ and static/.
	FS fs.FS
	// Name prefixes the layer's paths in diagnostics: "" for the site (its
	// files are shown through Display), "themes/default" for a theme.
	Name string
}

// Options configure Load.
type Options struct {
	// Site and Theme are the two layers; Site wins.
	Site, Theme Layer
	// Display turns a site path into the path shown in diagnostics.
	Display func(string) string
	// Languages lists the language codes, the default first.
	Languages []string
	// BasePath is baseURL's path, ending in "/"; AbsBase is baseURL's
	// scheme and host, such as https://example.edu.
	BasePath, AbsBase string
	// Faculties maps faculty keys to names per language.
	Faculties map[string]map[string]string
	// Process transforms an asset before it is hashed (minification); nil
	// keeps assets as they are.
	Process func(name string, data []byte) ([]byte, error)
	// MinifyLayout, when set, minifies a layout file's template text
	// (output.Minifier.MinifyLayout), so that rendered pages come out
	// minified.
	MinifyLayout func(name string, src []byte) ([]byte, error)
	// CheckCached has partialCached render the partial for every page
	// all the same and report a page whose output differs from the
	// fragment it would reuse: a variant is missing. It is for theme
	// authors and tests, and costs what the cache saves.
	CheckCached bool
	// HTMLTemplateOnly executes every template with html/template, never
	// with the compiled templates of templateexec; CheckExec executes
	// every page and fragment with both and reports a template whose
	// outputs differ. Both are for tests.
	HTMLTemplateOnly, CheckExec bool
}

// Theme is a loaded theme, ready to render pages concurrently.
type Theme struct {
	opt Options
	// sets maps language and layout to the template set that renders it.
	// They are never executed: every Renderer executes clones of its own.
	// exact are the same sets parsed from the files as written, to report
	// errors at their place; the same map as sets without MinifyLayout.
	sets, exact map[string]map[string]*template.Template
	// minified is set when sets were parsed from minified layouts.
	minified bool
	// names maps template names to the file paths shown in diagnostics,
	// sources to their text.
	names   map[string]string
	sources map[string]string
	// broken holds the layouts that failed to parse (already reported).
	broken map[string]bool
	// buffers holds render buffers for the next pages (*bytes.Buffer).
	buffers sync.Pool
	// strings maps language and key to UI strings.
	strings map[string]map[string]string
	// assets maps asset paths (css/main.css) to their processed form.
	assets map[string]Asset
	static []File
}

// Asset is a processed asset and the name it is published under.
type Asset struct {
	Output string
	Data   []byte
}

// File is a static file to copy as it is.
type File struct {
	FS      fs.FS
	Path    string // path inside FS
	Output  string // path in the destination
	Display string
}

// Load reads and parses the theme. It reports every problem.
func Load(opt Options) (*Theme, []diag.Diagnostic) {
	if opt.Display == nil {
		opt.Display = func(p string) string { return p }
	}
	t := &Theme{opt: opt, names: map[string]string{}, sources: map[string]string{}, broken: map[string]bool{}}
	var ds []diag.Diagnostic
	ds = append(ds, t.loadStrings()...)
	ds = append(ds, t.loadAssets()...)
	ds = append(ds, t.loadStatic()...)
	ds = append(ds, t.loadLayouts()...)
	return t, ds
}

// display names a file of a layer in diagnostics.
func (t *Theme) display(l Layer, p string) string {
	if l.Name == "" {
		return t.opt.Display(p)
	}
	return path.Join(l.Name, p)
}

// layers returns the layers from the lowest to the highest priority.
func (t *Theme) layers() []Layer { return []Layer{t.opt.Theme, t.opt.Site} }

// merged lists the files below dir in every layer, keyed by their path
// relative to dir, each from the highest layer that has it.
func (t *Theme) merged(dir string) (map[string]Layer, []diag.Diagnostic) {
	out := map[string]Layer{}
	var ds []diag.Diagnostic
	for _, l := range t.layers() {
		if l.FS == nil {
			continue
		}
		err := fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errorsIsNotExist(err) {
					return fs.SkipDir
				}
				ds = append(ds, diag.Errorf(t.display(l, p), diag.Pos{}, "cannot read: %v", err))
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				ds = append(ds, diag.Errorf(t.display(l, p), diag.Pos{}, "symbolic links are not followed in themes, layouts, assets or static files"))
				return nil
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			out[strings.TrimPrefix(p, dir+"/")] = l
			return nil
		})
		if err != nil && !errorsIsNotExist(err) {
			ds = append(ds, diag.Errorf(t.display(l, dir), diag.Pos{}, "cannot read: %v", err))
		}
	}
	return out, ds
}

// sortedPaths returns the keys of a merged listing in order.
func sortedPaths(m map[string]Layer) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// HasLayout reports whether the theme has a file for layout, even one that
// failed to parse (Render then returns ErrReported).
func (t *Theme) HasLayout(layout string) bool {
	_, ok := t.sets[t.opt.Languages[0]][layout]
	return ok || t.broken[layout]
}

// ErrReported is returned by Render for a layout whose error was already
// reported by Load.
var ErrReported = errors.New("layout failed to load")

// LayoutSearch lists the files where a layout is looked for, for messages.
func (t *Theme) LayoutSearch(layout string) []string {
	name := "layouts/" + layout + ".html"
	return []string{t.display(t.opt.Site, name), t.display(t.opt.Theme, name)}
}

// MinifiedLayouts reports whether pages are rendered from minified layouts
// (Options.MinifyLayout), and so need no minifying of their own.
func (t *Theme) MinifiedLayouts() bool { return t.minified }

// Assets returns the processed assets, sorted by output path.
func (t *Theme) Assets() []Asset {
	out := make([]Asset, 0, len(t.assets))
	for _, a := range t.assets {
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y Asset) int { return strings.Compare(x.Output, y.Output) })
	return out
}

// StaticFiles returns the static files to copy, sorted by output path.
func (t *Theme) StaticFiles() []File { return t.static }
