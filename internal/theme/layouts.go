package theme

import (
	"errors"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alumni-site/alumni/internal/diag"
)

// loadLayouts parses base.html, the partials and every layout, and builds
// one template set per language and layout. Sets are cloned before any is
// executed, as html/template requires, and each language's clone binds the
// functions that depend on the language.
//
// With Options.MinifyLayout, the sets that render pages are parsed from
// minified sources, so that pages need no minifying of their own; the sets
// of the files as written are kept to report an error at the line and
// column of the file (see Renderer.Render). A file the minifier cannot
// handle is used as written.
func (t *Theme) loadLayouts() []diag.Diagnostic {
	files, ds := t.merged("layouts")
	if _, ok := files["base.html"]; !ok {
		ds = append(ds, diag.Errorf(t.display(t.opt.Theme, "layouts/base.html"), diag.Pos{}, "the theme has no base.html layout"))
		return ds
	}
	exact, more := t.buildSets(files, nil)
	ds = append(ds, more...)
	t.sets, t.exact = exact, exact
	if t.opt.MinifyLayout != nil && len(more) == 0 {
		if small, more := t.buildSets(files, t.opt.MinifyLayout); len(more) == 0 {
			t.sets, t.minified = small, true
		}
	}
	return ds
}

// buildSets parses the layout files, each through transform when it is
// set, into the sets by language and layout.
func (t *Theme) buildSets(files map[string]Layer, transform func(name string, src []byte) ([]byte, error)) (map[string]map[string]*template.Template, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	common := template.New("").Funcs(t.funcs(t.opt.Languages[0]))
	var layouts []string
	for _, name := range sortedPaths(files) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if name != "base.html" && !strings.HasPrefix(name, "partials/") {
			if strings.Contains(name, "/") {
				if transform == nil {
					ds = append(ds, diag.Warnf(t.display(files[name], "layouts/"+name), diag.Pos{}, "layouts in subfolders other than partials/ are not used"))
				}
			} else {
				layouts = append(layouts, name)
			}
			continue
		}
		if d, ok := t.parse(common, files[name], name, transform); !ok {
			ds = append(ds, d)
		}
	}
	perLayout := map[string]*template.Template{}
	for _, name := range layouts {
		set, err := common.Clone()
		if err != nil {
			ds = append(ds, diag.Errorf(t.display(files[name], "layouts/"+name), diag.Pos{}, "%v", err))
			continue
		}
		if d, ok := t.parse(set, files[name], name, transform); !ok {
			ds = append(ds, d)
			if transform == nil {
				t.broken[strings.TrimSuffix(name, ".html")] = true
			}
			continue
		}
		perLayout[strings.TrimSuffix(name, ".html")] = set
	}
	sets := map[string]map[string]*template.Template{}
	for _, lang := range t.opt.Languages {
		sets[lang] = map[string]*template.Template{}
		for layout, set := range perLayout {
			clone, err := set.Clone()
			if err != nil {
				ds = append(ds, diag.Errorf(t.display(files[layout+".html"], "layouts/"+layout+".html"), diag.Pos{}, "%v", err))
				continue
			}
			sets[lang][layout] = clone.Funcs(t.funcs(lang))
		}
	}
	return sets, ds
}

// parse reads one layout file into set under its name relative to
// layouts/. Without transform it remembers the path to show in
// diagnostics and the text, for columns; with one, it parses the
// transformed text, or the text as written when transform fails.
func (t *Theme) parse(set *template.Template, l Layer, name string, transform func(string, []byte) ([]byte, error)) (diag.Diagnostic, bool) {
	file := "layouts/" + name
	src, err := fs.ReadFile(l.FS, file)
	if err != nil {
		return diag.Errorf(t.display(l, file), diag.Pos{}, "cannot read: %v", err), false
	}
	if transform == nil {
		t.names[name] = t.display(l, file)
		t.sources[name] = string(src)
	} else if small, err := transform(name, src); err == nil {
		src = small
	}
	if _, err := set.New(name).Parse(string(src)); err != nil {
		return t.templateError(err), false
	}
	return diag.Diagnostic{}, true
}

// templateLocation matches the "template: name:line:col: " or
// "template: name:line: " prefix of html/template's messages.
var templateLocation = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns an html/template error into a diagnostic at the
// template file's line and, when known, column.
func (t *Theme) templateError(err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	msg := err.Error()
	var tmplErr *template.Error
	if errors.As(err, &tmplErr) && tmplErr.Name != "" {
		// html/template's own errors (escaping) carry name and line.
		return diag.Errorf(t.nameToPath(tmplErr.Name), diag.Pos{Line: tmplErr.Line}, "%s", tmplErr.Description)
	}
	m := templateLocation.FindStringSubmatch(msg)
	if m == nil {
		return diag.Errorf(t.opt.Display("layouts"), diag.Pos{}, "%s", msg)
	}
	line, _ := strconv.Atoi(m[2])
	col := 0
	if m[3] != "" {
		offset, _ := strconv.Atoi(m[3])
		col = t.column(m[1], line, offset)
	}
	return diag.Errorf(t.nameToPath(m[1]), diag.Pos{Line: line, Col: col}, "%s", m[4])
}

// column turns html/template's column, a 0-based byte offset within the
// line, into the 1-based character column an editor shows.
func (t *Theme) column(name string, line, offset int) int {
	lines := strings.Split(t.sources[name], "\n")
	if line < 1 || line > len(lines) {
		return offset + 1
	}
	text := lines[line-1]
	return utf8.RuneCountInString(text[:min(offset, len(text))]) + 1
}

func (t *Theme) nameToPath(name string) string {
	if p, ok := t.names[name]; ok {
		return p
	}
	return path.Join("layouts", name)
}
