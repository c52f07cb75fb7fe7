package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"slices"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/templateexec"
)

// maxVariants is how many variant values partialCached takes after the
// context.
const maxVariants = 4

// Renderer renders the pages of one site model. It holds the fragments
// that partialCached has rendered, so it lives exactly as long as the
// model it renders: a new model needs a new Renderer, and a model changed
// in place needs Forget. A Renderer is safe for concurrent use.
type Renderer struct {
	t *Theme
	// family is the theme's sets this Renderer clones: Theme.sets, or
	// Theme.exact to find where an error is; minified is set when they
	// were parsed from minified layouts.
	family   map[string]map[string]*template.Template
	minified bool
	// sets holds the Renderer's own clones of the theme's template sets,
	// by language and layout, made on first use; the clones' partialCached
	// is bound to frags.
	mu    sync.Mutex
	sets  map[[2]string]*set
	frags fragments
}

// NewRenderer returns a Renderer with an empty fragment cache.
func (t *Theme) NewRenderer() *Renderer { return t.newRenderer(t.sets, t.minified) }

func (t *Theme) newRenderer(family map[string]map[string]*template.Template, minified bool) *Renderer {
	return &Renderer{t: t, family: family, minified: minified, sets: map[[2]string]*set{}, frags: fragments{m: map[fragmentKey]*fragment{}}}
}

// Forget empties the fragment cache, after the model was changed in place.
// It must not run while a page is being rendered.
func (r *Renderer) Forget() {
	r.frags.mu.Lock()
	clear(r.frags.m)
	r.frags.mu.Unlock()
}

// Render executes layout for a page in lang and returns the HTML. An error
// is a diag.Diagnostic naming the template file and line. When the sets
// were parsed from minified layouts, the page is rendered again from the
// layouts as written, so that the error names the line and column the
// editor sees.
func (r *Renderer) Render(lang, layout string, data any) ([]byte, error) {
	// Pages render into buffers that are used again, which have grown to
	// the size of a page, and come out as one exact copy.
	buf, _ := r.t.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			r.t.buffers.Put(buf)
		}
	}()
	out, err := r.RenderInto(buf, lang, layout, data)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(out), nil
}

// RenderInto is Render into buf, which it empties first; the HTML it
// returns is buf's, valid until buf is used again.
func (r *Renderer) RenderInto(buf *bytes.Buffer, lang, layout string, data any) ([]byte, error) {
	err := r.render(buf, lang, layout, data)
	if err != nil && r.minified && !errors.Is(err, ErrReported) {
		if exact := r.t.newRenderer(r.t.exact, false).render(new(bytes.Buffer), lang, layout, data); exact != nil {
			return nil, exact
		}
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// render executes layout into buf, which it empties first.
func (r *Renderer) render(buf *bytes.Buffer, lang, layout string, data any) error {
	buf.Reset()
	if r.t.broken[layout] {
		return ErrReported
	}
	set, err := r.set(lang, layout)
	if err != nil {
		return err
	}
	if err := set.execute(buf, "base.html", data); err != nil {
		return r.t.templateError(err)
	}
	return nil
}

// maxPooledBuffer is the largest render buffer kept for the next page.
const maxPooledBuffer = 1 << 20

// set returns the Renderer's clone of the set for lang and layout. The
// theme's own sets are never executed, so that they can be cloned for
// every Renderer (html/template refuses to clone an executed set).
func (r *Renderer) set(lang, layout string) (*set, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := [2]string{lang, layout}
	if s, ok := r.sets[key]; ok {
		return s, nil
	}
	master := r.family[lang][layout]
	if master == nil {
		return nil, diag.Errorf(r.t.opt.Display("layouts"), diag.Pos{}, "no layout %q", layout)
	}
	clone, err := master.Clone()
	if err != nil {
		return nil, diag.Errorf(r.t.opt.Display("layouts"), diag.Pos{}, "%v", err)
	}
	s := &set{tmpl: clone, check: r.t.opt.CheckExec}
	partialCached := func(name string, data any, variants ...any) (template.HTML, error) {
		return r.partialCached(s, lang, name, data, variants)
	}
	clone.Funcs(template.FuncMap{"partialCached": partialCached})
	if !r.t.opt.HTMLTemplateOnly {
		// templateexec reads the trees of a clone of its own, which no
		// other goroutine executes: html/template escapes a template when
		// it is first executed by name, and writes to it then.
		private, err := master.Clone()
		if err != nil {
			return nil, diag.Errorf(r.t.opt.Display("layouts"), diag.Pos{}, "%v", err)
		}
		private.Funcs(template.FuncMap{"partialCached": func(string, any, ...any) (template.HTML, error) { return "", nil }})
		funcs := r.t.funcs(lang)
		funcs["partialCached"] = partialCached
		s.private, s.fast = private, templateexec.New(private, funcs)
	}
	r.sets[key] = s
	return s, nil
}

// Fallbacks lists, sorted, the templates that html/template executed
// again after their first execution, because templateexec refused to
// compile them or handed an execution back, each as "lang/layout:
// template: reason" with the first reason. A theme that uses only what
// templateexec runs, on values it escapes itself, has none.
func (r *Renderer) Fallbacks() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for key, s := range r.sets {
		s.fallbacks.Range(func(name, why any) bool {
			out = append(out, key[0]+"/"+key[1]+": "+name.(string)+": "+why.(string))
			return true
		})
	}
	slices.Sort(out)
	return out
}

// set is a Renderer's clone of a theme's set, for one language and
// layout. Once html/template has executed a template of it, the template
// is compiled with templateexec, which executes it from then on; whatever
// templateexec leaves to html/template (an error, a rare value) is
// executed by html/template again.
type set struct {
	tmpl *template.Template
	// fast compiles the templates of private, a clone of the same
	// layouts that only compile executes; both nil with
	// Options.HTMLTemplateOnly.
	fast      *templateexec.Set
	private   *template.Template
	compiling sync.Mutex
	// compiled maps a template's name to its compiled form, or to nil
	// when templateexec refused it; fallbacks maps the name of a template
	// html/template executed again to the first reason (see Fallbacks).
	compiled, fallbacks sync.Map
	// check compares the two executors' outputs (Options.CheckExec).
	check bool
}

// execute appends the template name applied to data to buf.
func (s *set) execute(buf *bytes.Buffer, name string, data any) error {
	start := buf.Len()
	if c, _ := s.compiled.Load(name); c != nil && c.(*templateexec.Template) != nil {
		err := c.(*templateexec.Template).Execute(buf, data)
		if err == nil && !s.check {
			return nil
		}
		if err == nil {
			return s.compare(buf, start, name, data)
		}
		s.fallbacks.LoadOrStore(name, err.Error())
		buf.Truncate(start)
	}
	if err := s.tmpl.ExecuteTemplate(buf, name, data); err != nil {
		return err
	}
	if s.fast != nil {
		if _, done := s.compiled.Load(name); !done {
			t, err := s.compile(name, data)
			if err != nil {
				s.fallbacks.LoadOrStore(name, err.Error())
			}
			s.compiled.LoadOrStore(name, t)
		}
	}
	return nil
}

// compile compiles the template name of the private clone, which it has
// html/template escape first by executing it with data (the output is
// thrown away, and partialCached does nothing there).
func (s *set) compile(name string, data any) (*templateexec.Template, error) {
	s.compiling.Lock()
	defer s.compiling.Unlock()
	s.private.ExecuteTemplate(io.Discard, name, data)
	return s.fast.Compile(name)
}

// compare executes name with html/template too and reports output that
// differs from what templateexec appended to buf after start.
func (s *set) compare(buf *bytes.Buffer, start int, name string, data any) error {
	var want bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&want, name, data); err != nil {
		return fmt.Errorf("%s: html/template failed where templateexec did not: %w", name, err)
	}
	if got := buf.Bytes()[start:]; !bytes.Equal(got, want.Bytes()) {
		i := 0
		for i < len(got) && i < len(want.Bytes()) && got[i] == want.Bytes()[i] {
			i++
		}
		from := max(0, i-40)
		return fmt.Errorf("%s: templateexec and html/template differ at byte %d: %q against %q", name, i,
			got[from:min(len(got), i+40)], want.Bytes()[from:min(want.Len(), i+40)])
	}
	return nil
}

// fragments is the cache of partialCached.
type fragments struct {
	mu sync.Mutex
	m  map[fragmentKey]*fragment
}

// fragmentKey names a cached fragment: the partial, the page language and
// the variant values. The context is not part of the key.
type fragmentKey struct {
	lang, name string
	variants   [maxVariants]any
}

// fragment is a partial rendered once.
type fragment struct {
	once sync.Once
	html template.HTML
	err  error
}

// partialCached renders the partial name with data the first time it is
// asked for with these variants in this language, and returns the same
// HTML every later time. Two pages asking at once render it once.
func (r *Renderer) partialCached(set *set, lang, name string, data any, variants []any) (template.HTML, error) {
	if len(variants) > maxVariants {
		return "", fmt.Errorf("%q: at most %d variants, got %d", name, maxVariants, len(variants))
	}
	key := fragmentKey{lang: lang, name: name}
	for i, v := range variants {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", fmt.Errorf("%q: variant %d (%T) cannot be a key: use a string, a number or a page", name, i+1, v)
		}
		key.variants[i] = v
	}
	r.frags.mu.Lock()
	f := r.frags.m[key]
	if f == nil {
		f = &fragment{}
		r.frags.m[key] = f
	}
	r.frags.mu.Unlock()
	f.once.Do(func() {
		if set.tmpl.Lookup(name) == nil {
			f.err = fmt.Errorf("no template %q", name)
			return
		}
		var buf bytes.Buffer
		if err := set.execute(&buf, name, data); err != nil {
			f.err = r.t.templateError(err)
			return
		}
		f.html = template.HTML(buf.String())
	})
	if r.t.opt.CheckCached && f.err == nil {
		var buf bytes.Buffer
		if err := set.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
			return "", r.t.templateError(err)
		}
		if buf.String() != string(f.html) {
			page := "this page"
			if p, ok := data.(*site.Page); ok {
				page = p.RelPermalink
			}
			return "", fmt.Errorf("%q renders differently for %s than the fragment cached for the same variants: its output depends on something that is not a variant", name, page)
		}
	}
	return f.html, f.err
}
