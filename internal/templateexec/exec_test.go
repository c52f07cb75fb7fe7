package templateexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// person, place and doc are the data of the tests: pointers, embedded
// structs, methods with and without arguments, typed strings, maps, nil.
type place struct{ City, Country string }

type person struct {
	Name  string
	Photo string
	Home  *place
	Tags  []string
	Years []int
}

type meta struct {
	Kind  string
	Count int
}

type doc struct {
	meta
	Title   string
	Person  *person
	Nobody  *person
	People  []*person
	HTML    template.HTML
	URL     template.URL
	JS      template.JS
	CSS     template.CSS
	Params  map[string]any
	Counts  map[int]string
	Any     any
	Err     error
	Flag    bool
	Number  uint
	Ratio   float64
	private string
}

func (d *doc) Upper() string               { return strings.ToUpper(d.Title) }
func (d *doc) Greet(who string) string     { return "hello " + who }
func (d *doc) Fails() (string, error)      { return "", errors.New("it failed") }
func (d *doc) Self() *doc                  { return d }
func (d *doc) Pair(a int, b string) string { return fmt.Sprint(a, b) }
func (p *person) String() string           { return "person " + p.Name }

func testDoc() *doc {
	ada := &person{Name: "Ada <Lovelace> & co", Photo: "a b.jpg", Home: &place{City: "Kraków", Country: "PL"}, Tags: []string{"x", "y+z"}, Years: []int{2019, 2021}}
	bob := &person{Name: "Bob 'O\"Neil'", Photo: "javascript:alert(1)"}
	return &doc{
		meta:    meta{Kind: "story", Count: 3},
		Title:   `Erasmus+ in "Łódź"`,
		Person:  ada,
		People:  []*person{ada, bob},
		HTML:    `<b>bold</b> &amp; more`,
		URL:     `javascript:trusted()`,
		JS:      `{"a":1}`,
		CSS:     `color: red`,
		Params:  map[string]any{"lead": "Lead <text>", "n": 7, "list": []string{"p", "q"}, "Ä": 1, "a": 2, "B": 3},
		Counts:  map[int]string{2: "b", 1: "a"},
		Any:     &place{City: "Wien"},
		Flag:    true,
		Number:  5,
		Ratio:   0.5,
		private: "hidden",
	}
}

var testFuncs = template.FuncMap{
	"T":     func(key string) (string, error) { return "t:" + key, nil },
	"fail":  func() (string, error) { return "", errors.New("no") },
	"join":  func(sep string, parts ...string) string { return strings.Join(parts, sep) },
	"html2": func(s string) template.HTML { return template.HTML(s) },
	"url2":  func(s string) template.URL { return template.URL(s) },
	"add":   func(a, b int) int { return a + b },
	"first": func(n int, ps []*person) []*person { return ps[:min(n, len(ps))] },
	"boom":  func() string { panic("boom") },
	"pair":  func(a any, b ...any) string { return fmt.Sprint(a, b) },
}

// cases are templates executed with testDoc by both html/template and this
// package. fallback marks those this package must leave to html/template
// at run time; the others must come out the same byte for byte.
var cases = []struct {
	name, text string
	fallback   bool
}{
	{"text", `<p>{{ .Title }}</p>`, false},
	{"attr", `<img alt="{{ .Person.Name }}" title='{{ .Title }}'>`, false},
	{"url", `<a href="{{ .Person.Photo }}">x</a><a href="/p/{{ .Person.Photo }}?q={{ .Title }}">y</a>`, false},
	{"unsafe url", `{{ range .People }}<a href="{{ .Photo }}">{{ .Name }}</a>{{ end }}`, false},
	{"typed url", `<a href="{{ .URL }}">{{ .URL }}</a>`, false},
	{"title", `<title>{{ .Title }} {{ .HTML }}</title>`, false},
	{"typed html", `<div>{{ .HTML }}</div>{{ html2 "<i>x</i>" }}`, false},
	{"typed html in attr", `<p title="{{ .HTML }}"></p>`, true},
	{"json-ld", `<script type="application/ld+json">{{ .JS }}</script>`, false},
	{"json-ld of a string", `<script type="application/ld+json">{{ .Title }}</script>`, true},
	{"css in script", `<script>var x = {{ .CSS }};</script>`, true},
	{"promoted", `{{ .Kind }} {{ .Count }}`, false},
	{"unexported embedded", `{{ .meta.Kind }}`, true},
	{"methods", `{{ .Upper }} {{ .Greet "you" }} {{ .Self.Self.Title }} {{ .Pair 3 "x" }}`, false},
	{"method error", `{{ .Fails }}`, true},
	{"function error", `{{ fail }}`, true},
	{"panic", `{{ boom }}`, true},
	{"nil pointer field", `{{ .Nobody.Name }}`, true},
	{"nil pointer method", `{{ .Nobody.String }}`, true},
	{"stringer", `{{ .Person }} {{ .People }}`, false},
	{"nil values", `[{{ .Nobody }}][{{ .Err }}][{{ .Params.missing }}][{{ .Any }}]`, false},
	{"map", `{{ .Params.lead }} {{ .Params.n }} {{ range .Params.list }}{{ . }}{{ end }}`, false},
	{"numbers", `{{ .Number }} {{ .Ratio }} {{ 3 }} {{ 1.5 }} {{ add 2 3 }} {{ len .People }} {{ len .Title }}`, false},
	{"variables", `{{ $p := .Person }}{{ $n := $p.Name }}{{ $n }}{{ with $p.Home }}{{ $n }}:{{ .City }}{{ $n = "changed" }}{{ end }} {{ $n }} {{ $.Title }}`, false},
	{"range index", `{{ range $i, $p := .People }}{{ $i }}={{ $p.Name }};{{ end }}{{ range $p := .People }}{{ $p.Photo }}{{ end }}`, false},
	{"range assign", `{{ $x := 0 }}{{ range $x = .Person.Years }}{{ $x }}{{ end }}|{{ $x }}`, false},
	{"range else", `{{ range .Nobody }}x{{ else }}none{{ end }}`, true},
	{"range empty", `{{ range .Person.Home.City }}{{ end }}`, true},
	{"range nil slice", `{{ range .Params.missing }}x{{ else }}empty{{ end }}`, false},
	{"range map", `{{ range $k, $v := .Params }}{{ $k }}={{ $v }};{{ end }}{{ range .Params }}{{ . }}{{ end }}{{ range $v := .Params }}{{ $v }}{{ end }}`, false},
	{"range map of other keys", `{{ range $k, $v := .Counts }}{{ $k }}{{ end }}`, true},
	{"with else", `{{ with .Nobody }}x{{ else with .Person }}{{ .Name }}{{ else }}none{{ end }}`, false},
	{"if", `{{ if .Flag }}a{{ end }}{{ if .Err }}b{{ else if .Count }}c{{ end }}{{ if not .People }}d{{ end }}`, false},
	{"and or", `{{ and .Flag .Title }}|{{ or .Err .Nobody "" 0 }}|{{ or .Err .Count }}|{{ and .Count .Err .Title }}|{{ .Title | and .Flag }}`, false},
	{"comparisons", `{{ eq .Kind "story" }}{{ eq .Count 1 2 3 }}{{ ne .Title "x" }}{{ lt .Count 4 }}{{ le .Number 5 }}{{ gt .Ratio 0.25 }}{{ ge .Count .Number }}{{ eq .Flag true }}`, false},
	{"incomparable", `{{ eq .Person .Person }}`, true},
	{"mixed kinds", `{{ eq .Kind 1 }}`, true},
	{"printf", `{{ printf "%s-%d-%v" .Kind .Count .Flag }} {{ printf "%q" .Title | printf "%s!" }} {{ print .Count "a" 1 2 }} {{ println .Kind }}`, false},
	{"pipes", `{{ .Person.Name | printf "%s." }} {{ "x" | join "," "a" }} {{ .Kind | pair .Count }} {{ pair 1 }}`, false},
	{"chain", `{{ (.Self).Person.Home.City }} {{ (index .People 0).Name }}`, false},
	{"parenthesized", `{{ (printf "%d" .Count) }} {{ $x := (and .Flag .Kind) }}{{ $x }}`, false},
	{"declared in parentheses", `{{ $x := 1 }}{{ print ($x := 2) }}{{ $x }}{{ if true }}{{ print ($x = 3) }}{{ end }}{{ $x }}`, false},
	{"first", `{{ range first 1 .People }}{{ .Name }}{{ end }}`, false},
	{"unexported", `{{ .private }}`, true},
	{"no such field", `{{ .Missing }}`, true},
	{"T", `<p aria-label="{{ T "label" }}">{{ T "text" }}</p>`, false},
	{"template call", `{{ define "card" }}<li>{{ .Name }} {{ $.Photo }}</li>{{ end }}{{ range .People }}{{ template "card" . }}{{ end }}{{ template "card" .Person }}`, false},
	{"template without data", `{{ define "plain" }}[{{ . }}]{{ end }}{{ template "plain" }}`, false},
	{"variables do not cross templates", `{{ define "inner" }}{{ $.Name }}{{ end }}{{ $x := 1 }}{{ template "inner" .Person }}{{ $x }}`, false},
	{"url query", `<a href="/s?q={{ .Title }}&amp;n={{ .Count }}">s</a>`, false},
	{"url parts", `<img src="{{ .Person.Photo }}{{ .Person.Home.City }}">`, false},
	{"nul", `{{ printf "a%cb" 0 }}<a title="{{ printf "%c" 0 }}"></a>`, false},
	{"comment", `{{/* a comment */}}<!-- html comment -->x`, false},
}

// TestAgreesWithHTMLTemplate executes every case with html/template and
// with this package and compares.
func TestAgreesWithHTMLTemplate(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := template.New("page").Funcs(testFuncs).Parse(c.text)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			wantErr := tmpl.Execute(&want, testDoc())
			// The set is escaped now; compile what html/template ran.
			compiled, err := New(tmpl, testFuncs).Compile("page")
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			var got bytes.Buffer
			gotErr := compiled.Execute(&got, testDoc())
			switch {
			case gotErr != nil && !errors.Is(gotErr, ErrFallback):
				t.Fatalf("Execute: %v does not wrap ErrFallback", gotErr)
			case gotErr != nil && !c.fallback:
				t.Fatalf("Execute fell back (%v); html/template gave %q, %v", gotErr, want.String(), wantErr)
			case gotErr == nil && c.fallback:
				t.Fatalf("Execute gave %q where it should fall back; html/template gave %q, %v", got.String(), want.String(), wantErr)
			case gotErr == nil && wantErr != nil:
				t.Fatalf("Execute gave %q where html/template failed: %v", got.String(), wantErr)
			case gotErr == nil && got.String() != want.String():
				t.Fatalf("Execute gave\n%s\nhtml/template gave\n%s", got.String(), want.String())
			}
		})
	}
}

// TestRefuses checks that Compile refuses what it cannot run, the same
// way every time.
func TestRefuses(t *testing.T) {
	for name, text := range map[string]string{
		"break":           `{{ range .People }}{{ break }}{{ end }}`,
		"slice":           `{{ slice .Title 1 }}`,
		"call":            `{{ call .Upper }}`,
		"unquoted attr":   `<a href={{ .Person.Photo }}>x</a>`,
		"style attr":      `<p style="{{ .CSS }}"></p>`,
		"a derived call":  `{{ define "t" }}{{ .Title }}{{ end }}<a title="{{ template "t" . }}"></a>`,
		"missing partial": `{{ template "none" . }}`,
	} {
		t.Run(name, func(t *testing.T) {
			tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(text))
			tmpl.Execute(&bytes.Buffer{}, testDoc())
			set := New(tmpl, testFuncs)
			for range 2 {
				if _, err := set.Compile("page"); !errors.Is(err, ErrUnsupported) {
					t.Fatalf("Compile = %v, want ErrUnsupported", err)
				}
			}
			if _, err := set.Compile("nothing"); !errors.Is(err, ErrUnsupported) {
				t.Fatalf("Compile of a missing template = %v, want ErrUnsupported", err)
			}
		})
	}
}
