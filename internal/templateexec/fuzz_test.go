package templateexec

import (
	"bytes"
	"errors"
	"html/template"
	"testing"
)

// escapeContexts print one value in each context whose escapers this
// package implements, one template each, so that a value left to
// html/template in one context (typed HTML in an attribute) is still
// compared in the others.
var escapeContexts = []string{
	`<p>{{ . }}</p>`,
	`<title>{{ . }}</title>`,
	`<p title="{{ . }}"></p>`,
	`<a href="{{ . }}">a</a>`,
	`<a href="/x/{{ . }}?q={{ . }}#{{ . }}">b</a>`,
	`<img srcset="x.jpg" src="{{ . }}{{ . }}">`,
}

// FuzzEscapers compares this package's escapers with html/template's on
// arbitrary text, given as a string, as typed HTML, as a typed URL and as
// a pointer to a string, in every context.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">&amp; 'q' + "w"</a>`, "\x00nul", "javascript:alert(1)",
		"HTTPS://example.com/a b?c=d&e=f#g", "mailto:a@b", "%41%zz%", "/ścieżka/ąę?x=ü", "\xff\xfe invalid", "data:text/html,x",
		"a/b:c", "tel:+48123", "ﷺ \ufdd0 \uffff"} {
		f.Add(s)
	}
	var tmpls []*template.Template
	var compiled []*Template
	for _, text := range escapeContexts {
		tmpl := template.Must(template.New("page").Parse(text))
		tmpl.Execute(&bytes.Buffer{}, "")
		c, err := New(tmpl, nil).Compile("page")
		if err != nil {
			f.Fatal(err)
		}
		tmpls, compiled = append(tmpls, tmpl), append(compiled, c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, tmpl := range tmpls {
			for _, v := range []any{s, template.HTML(s), template.URL(s), &s} {
				var want, got bytes.Buffer
				if err := tmpl.Execute(&want, v); err != nil {
					t.Fatal(err)
				}
				err := compiled[i].Execute(&got, v)
				if errors.Is(err, ErrFallback) {
					if _, ok := v.(template.HTML); ok && i == 2 {
						continue // typed HTML in an attribute
					}
					t.Fatalf("%s with %T %q fell back: %v", escapeContexts[i], v, s, err)
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("%s with %T %q:\ngot  %q\nwant %q", escapeContexts[i], v, s, got.String(), want.String())
				}
			}
		}
	})
}
