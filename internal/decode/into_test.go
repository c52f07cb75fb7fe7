package decode

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/diag"
)

// decodeYAML parses src as a YAML file starting on line 1 and decodes it
// into v, returning every diagnostic as a line.
func decodeYAML(t *testing.T, src string, v any) (Positions, string) {
	t.Helper()
	n, ds := Parse("f.yaml", YAML, []byte(src), 1)
	pos, more := Into("f.yaml", n, v)
	return pos, lines(append(ds, more...))
}

func TestIntoBool(t *testing.T) {
	tests := []struct {
		value string
		want  bool
		diag  string
	}{
		{"true", true, ""},
		{"True", true, ""},
		{"TRUE", true, ""},
		{"false", false, ""},
		{"False", false, ""},
		{"FALSE", false, ""},
		{"yes", false, `f.yaml:1:4: b: expected true or false, got "yes"`},
		{"no", false, `f.yaml:1:4: b: expected true or false, got "no"`},
		{"on", false, `f.yaml:1:4: b: expected true or false, got "on"`},
		{"off", false, `f.yaml:1:4: b: expected true or false, got "off"`},
		{"y", false, `f.yaml:1:4: b: expected true or false, got "y"`},
		{"1", false, `f.yaml:1:4: b: expected true or false, got "1"`},
		{"tRUE", false, `f.yaml:1:4: b: expected true or false, got "tRUE"`},
		{`"true"`, false, `f.yaml:1:4: b: expected true or false, got "true" (remove the quotes)`},
		{"[true]", false, `f.yaml:1:4: b: expected true or false, got a list`},
	}
	for _, tt := range tests {
		var v struct {
			B bool `yaml:"b"`
		}
		_, got := decodeYAML(t, "b: "+tt.value+"\n", &v)
		if v.B != tt.want || got != tt.diag {
			t.Errorf("b: %s decodes to %t with %q, want %t with %q", tt.value, v.B, got, tt.want, tt.diag)
		}
	}
}

func TestIntoNumbers(t *testing.T) {
	type numbers struct {
		I   int     `yaml:"i"`
		I8  int8    `yaml:"i8"`
		U8  uint8   `yaml:"u8"`
		U   uint    `yaml:"u"`
		F   float64 `yaml:"f"`
		F32 float32 `yaml:"f32"`
	}
	tests := []struct {
		src  string
		want numbers
		diag string
	}{
		{"i: 2020\ni8: -128\nu8: 255\nu: 7\nf: 1.5\nf32: 2", numbers{2020, -128, 255, 7, 1.5, 2}, ""},
		{"i: 0x1F\nf: 1e3", numbers{I: 31, F: 1000}, ""},
		{"i: 017", numbers{I: 17}, ""},
		{"i: 0o17\nu8: 0b11", numbers{I: 15, U8: 3}, ""},
		{"i: -0", numbers{}, ""},
		{"i: 1.5", numbers{}, `f.yaml:1:4: i: expected a whole number, got "1.5"`},
		{"i: twenty", numbers{}, `f.yaml:1:4: i: expected a whole number, got "twenty"`},
		{"i: true", numbers{}, `f.yaml:1:4: i: expected a whole number, got "true"`},
		{"i8: 128", numbers{}, `f.yaml:1:5: i8: 128 is out of range (expected a whole number between -128 and 127)`},
		{"u8: -1", numbers{}, `f.yaml:1:5: u8: -1 is out of range (expected a whole number between 0 and 255)`},
		{"u8: 256", numbers{}, `f.yaml:1:5: u8: 256 is out of range (expected a whole number between 0 and 255)`},
		{"f: .nan", numbers{F: math.NaN()}, ""},
		{"f: -.inf", numbers{F: math.Inf(-1)}, ""},
		{"f32: 1e300", numbers{}, `f.yaml:1:6: f32: 1e300 is out of range`},
		{"f: 'x'", numbers{}, `f.yaml:1:4: f: expected a number, got "x"`},
		{"f: {a: 1}", numbers{}, `f.yaml:1:4: f: expected a number, got a map`},
	}
	for _, tt := range tests {
		var got numbers
		_, diags := decodeYAML(t, tt.src, &got)
		same := reflect.DeepEqual(got, tt.want) || (math.IsNaN(tt.want.F) && math.IsNaN(got.F))
		if !same || diags != tt.diag {
			t.Errorf("%q decodes to %+v with %q, want %+v with %q", tt.src, got, diags, tt.want, tt.diag)
		}
	}
}

func TestIntoText(t *testing.T) {
	var v struct {
		A string `yaml:"a"`
		B string `yaml:"b"`
		C string `yaml:"c"`
		D string `yaml:"d"`
		E string `yaml:"e"`
		F string `yaml:"f"`
	}
	_, diags := decodeYAML(t, "a: NO\nb: 2020\nc: 1.50\nd: true\ne: 0x1F\nf: |\n  two\n  lines\n", &v)
	if diags != "" {
		t.Fatal(diags)
	}
	if v.A != "NO" || v.B != "2020" || v.C != "1.50" || v.D != "true" || v.E != "0x1F" || v.F != "two\nlines\n" {
		t.Errorf("got %+v", v)
	}
}

func TestIntoKeepsValuesForNull(t *testing.T) {
	v := struct {
		Title string            `yaml:"title"`
		Menu  []string          `yaml:"menu"`
		Langs map[string]string `yaml:"langs"`
		Photo *photo            `yaml:"photo"`
		Any   any               `yaml:"any"`
	}{Title: "default", Menu: []string{"home"}, Langs: map[string]string{"pl": "Polski"}, Any: "x"}
	pos, diags := decodeYAML(t, "title:\nmenu: ~\nlangs:\n  en: English\nphoto: null\nany:\n", &v)
	if diags != "" {
		t.Fatal(diags)
	}
	if v.Title != "default" || !reflect.DeepEqual(v.Menu, []string{"home"}) || v.Photo != nil || v.Any != "x" ||
		!reflect.DeepEqual(v.Langs, map[string]string{"pl": "Polski", "en": "English"}) {
		t.Errorf("got %+v", v)
	}
	if pos["title"] != (diag.Pos{Line: 1, Col: 7}) || pos["photo"] != (diag.Pos{Line: 5, Col: 8}) {
		t.Errorf("positions = %v", pos)
	}
}

func TestIntoIgnoredFields(t *testing.T) {
	var s story
	_, diags := decodeYAML(t, "notes: a\nsecret: b\nweight: 2\n", &s)
	want := "f.yaml:1:1: warning: unknown key \"notes\"\nf.yaml:2:1: warning: unknown key \"secret\""
	if diags != want || s.Notes != "" || s.Secret != "" || s.Weight != 2 {
		t.Errorf("got %+v with\n%s\nwant\n%s", s, diags, want)
	}
}

func TestIntoPointersAndMaps(t *testing.T) {
	var v struct {
		Name   *string           `yaml:"name"`
		Counts map[string]int    `yaml:"counts"`
		Hosts  map[string]host   `yaml:"hosts"`
		Dates  []*date           `yaml:"dates"`
		Nested map[string][]bool `yaml:"nested"`
	}
	src := "name: Anna\ncounts: {a: 1, b: x}\nhosts:\n  uw: {name: UW, cuntry: PL}\ndates: [2024-01-02, 2024-13-01]\nnested: {a: [true, no]}\n"
	pos, diags := decodeYAML(t, src, &v)
	want := strings.Join([]string{
		`f.yaml:2:19: counts.b: expected a whole number, got "x"`,
		`f.yaml:4:18: warning: unknown key "cuntry" (did you mean "country"?)`,
		`f.yaml:5:21: dates.1: expected a date as YYYY-MM-DD or RFC 3339, got "2024-13-01"`,
		`f.yaml:6:20: nested.a.1: expected true or false, got "no"`,
	}, "\n")
	if diags != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, want)
	}
	if v.Name == nil || *v.Name != "Anna" || v.Counts["a"] != 1 || v.Hosts["uw"].Name != "UW" ||
		len(v.Dates) != 2 || v.Dates[0].Format("2006-01-02") != "2024-01-02" {
		t.Errorf("got %+v", v)
	}
	if pos["hosts.uw.name"] != (diag.Pos{Line: 4, Col: 14}) || pos["dates.1"] != (diag.Pos{Line: 5, Col: 21}) {
		t.Errorf("positions = %v", pos)
	}
}

func TestIntoTextUnmarshalerNeedsAScalar(t *testing.T) {
	var s story
	_, diags := decodeYAML(t, "date: [2024-01-02]\n", &s)
	if want := "f.yaml:1:7: date: expected a single value, got a list"; diags != want {
		t.Errorf("diagnostics = %q, want %q", diags, want)
	}
}

func TestIntoRoot(t *testing.T) {
	var s story
	if _, diags := decodeYAML(t, "- a\n- b\n", &s); diags != "f.yaml:1:1: expected keys with values at the top level, got a list" {
		t.Errorf("list at the top: %q", diags)
	}
	if _, diags := decodeYAML(t, "just text\n", &s); diags != "f.yaml:1:1: expected keys with values at the top level, got text" {
		t.Errorf("text at the top: %q", diags)
	}
	var v any
	if _, diags := decodeYAML(t, "a: [1, 2.5, x, true, null]\n", &v); diags != "" {
		t.Fatal(diags)
	}
	if want := map[string]any{"a": []any{1, 2.5, "x", true, nil}}; !reflect.DeepEqual(v, want) {
		t.Errorf("any = %#v, want %#v", v, want)
	}
	if _, ds := Into("f", &Node{}, s); len(ds) != 1 || ds[0].String() != "f: internal error: cannot decode into decode.story, a pointer is needed" {
		t.Errorf("non-pointer: %v", ds)
	}
	if pos, ds := Into("f", nil, &s); len(ds) != 0 || len(pos) != 0 {
		t.Errorf("nil node: %v %v", pos, ds)
	}
}

func TestIntoUnsupportedType(t *testing.T) {
	var v struct {
		C chan int       `yaml:"c"`
		M map[int]string `yaml:"m"`
	}
	_, diags := decodeYAML(t, "c: 1\nm: {1: a}\n", &v)
	want := "f.yaml:1:4: c: internal error: cannot decode into chan int\nf.yaml:2:4: m: internal error: cannot decode into map[int]string"
	if diags != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags, want)
	}
}

// TestIntoDeepTree checks that Into bounds its recursion even for a tree
// that Parse did not make.
func TestIntoDeepTree(t *testing.T) {
	root := &Node{Kind: ListNode, Pos: diag.Pos{Line: 1, Col: 1}}
	n := root
	for i := 0; i < 100000; i++ {
		child := &Node{Kind: ListNode, Pos: diag.Pos{Line: 1, Col: i + 2}}
		n.Items = []*Node{child}
		n = child
	}
	type tree struct {
		Children []tree `yaml:"children"`
	}
	var v any
	var l []any
	_, ds1 := Into("f", root, &v)
	_, ds2 := Into("f", root, &l)
	for _, ds := range [][]diag.Diagnostic{ds1, ds2} {
		if len(ds) != 1 || ds[0].String() != "f:1:102: values are nested too deeply (more than 100 levels)" {
			t.Errorf("diagnostics = %v", ds)
		}
	}
}

func TestClosest(t *testing.T) {
	known := map[string][]int{"title": {0}, "date": {1}, "mobility_year": {2}, "tags": {3}, "country": {4}, "lang": {5}, "url": {6}}
	tests := map[string]string{
		"titel":         "title",
		"Title":         "title",
		"tilte":         "title",
		"titles":        "title",
		"dates":         "date",
		"mobilityyear":  "mobility_year",
		"mobility-year": "mobility_year",
		"mobilty_yaer":  "mobility_year",
		"countries":     "",
		"tag":           "tags",
		"uri":           "url",
		"foo":           "",
		"language":      "",
		"year":          "",
		"":              "",
	}
	for key, want := range tests {
		if got := closest(key, known); got != want {
			t.Errorf("closest(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"title", "title", 0},
		{"titel", "title", 1},
		{"kitten", "sitting", 3},
		{"łódź", "lodz", 3},
		{"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIntoInline(t *testing.T) {
	type common struct {
		Title string `yaml:"title"`
		Lang  string `yaml:"lang"`
	}
	type Common common
	var v struct {
		Common `yaml:",inline"`
		Draft  bool `yaml:"draft"`
	}
	pos, diags := decodeYAML(t, "title: Anna\nlang: pl\ndraft: true\nlnag: en\n", &v)
	if want := `f.yaml:4:1: warning: unknown key "lnag" (did you mean "lang"?)`; diags != want {
		t.Errorf("diagnostics = %q, want %q", diags, want)
	}
	if v.Title != "Anna" || v.Lang != "pl" || !v.Draft || pos["lang"] != (diag.Pos{Line: 2, Col: 7}) {
		t.Errorf("got %+v, positions %v", v, pos)
	}
}
