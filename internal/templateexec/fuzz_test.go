package templateexec

import (
	"bytes"
	"errors"
	"html/template"
	"testing"
)

// escapeContexts prints one value in every context whose escapers this
// package implements.
const escapeContexts = `<title>{{ . }}</title><p title="{{ . }}">{{ . }}</p>` +
	`<a href="{{ . }}">a</a><a href="/x/{{ . }}?q={{ . }}#{{ . }}">b</a>` +
	`<img srcset="x.jpg" src="{{ . }}{{ . }}">`

// FuzzEscapers compares this package's escapers with html/template's on
// arbitrary text, given as a string, as typed HTML and as a typed URL.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">&amp; 'q' + "w"</a>`, "\x00nul", "javascript:alert(1)",
		"HTTPS://example.com/a b?c=d&e=f#g", "mailto:a@b", "%41%zz%", "/ścieżka/ąę?x=ü", "\xff\xfe invalid", "data:text/html,x",
		"a/b:c", "tel:+48123", "ﷺ \ufdd0 \uffff"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("page").Parse(escapeContexts))
	tmpl.Execute(&bytes.Buffer{}, "")
	compiled, err := New(tmpl, nil).Compile("page")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []any{s, template.HTML(s), template.URL(s), &s} {
			var want, got bytes.Buffer
			if err := tmpl.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			err := compiled.Execute(&got, v)
			if errors.Is(err, ErrFallback) {
				continue // typed HTML in an attribute
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("%T %q:\ngot  %q\nwant %q", v, s, got.String(), want.String())
			}
		}
	})
}
