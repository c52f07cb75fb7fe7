package decode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/diag"
)

// TestScalarTypes checks how each format types a scalar, and the literal
// text it keeps.
func TestScalarTypes(t *testing.T) {
	type want struct {
		kind   Kind
		typ    ScalarType
		scalar string
	}
	tests := []struct {
		format Format
		value  string
		want   want
	}{
		{YAML, "2020", want{ScalarNode, Int, "2020"}},
		{YAML, `"2020"`, want{ScalarNode, String, "2020"}},
		{YAML, "0x1F", want{ScalarNode, Int, "0x1F"}},
		{YAML, "-17", want{ScalarNode, Int, "-17"}},
		{YAML, "1.5", want{ScalarNode, Float, "1.5"}},
		{YAML, "-.inf", want{ScalarNode, Float, "-.inf"}},
		{YAML, "true", want{ScalarNode, Bool, "true"}},
		{YAML, "True", want{ScalarNode, Bool, "True"}},
		{YAML, "FALSE", want{ScalarNode, Bool, "FALSE"}},
		{YAML, "tRUE", want{ScalarNode, String, "tRUE"}},
		{YAML, "yes", want{ScalarNode, String, "yes"}},
		{YAML, "NO", want{ScalarNode, String, "NO"}},
		{YAML, "off", want{ScalarNode, String, "off"}},
		{YAML, "2024-05-01", want{ScalarNode, String, "2024-05-01"}},
		{YAML, "'it''s'", want{ScalarNode, String, "it's"}},
		{YAML, "", want{NullNode, String, ""}},
		{YAML, "~", want{NullNode, String, ""}},
		{YAML, "null", want{NullNode, String, ""}},
		{YAML, `"null"`, want{ScalarNode, String, "null"}},
		{TOML, "2020", want{ScalarNode, Int, "2020"}},
		{TOML, "0xff", want{ScalarNode, Int, "255"}},
		{TOML, "1_000", want{ScalarNode, Int, "1000"}},
		{TOML, `"2020"`, want{ScalarNode, String, "2020"}},
		{TOML, "'C:\\path'", want{ScalarNode, String, `C:\path`}},
		{TOML, "1_000.5", want{ScalarNode, Float, "1000.5"}},
		{TOML, "-inf", want{ScalarNode, Float, "-inf"}},
		{TOML, "true", want{ScalarNode, Bool, "true"}},
		{TOML, "1979-05-27 07:32:00Z", want{ScalarNode, String, "1979-05-27T07:32:00Z"}},
		{TOML, "1979-05-27t07:32z", want{ScalarNode, String, "1979-05-27T07:32:00Z"}},
		{TOML, "1979-05-27T00:32:00.999-07:00", want{ScalarNode, String, "1979-05-27T00:32:00.999-07:00"}},
		{TOML, "1979-05-27T07:32:00", want{ScalarNode, String, "1979-05-27T07:32:00"}},
		{TOML, "1979-05-27", want{ScalarNode, String, "1979-05-27"}},
		{TOML, "07:32", want{ScalarNode, String, "07:32:00"}},
		{JSON, "2020", want{ScalarNode, Int, "2020"}},
		{JSON, "-2.5e3", want{ScalarNode, Float, "-2.5e3"}},
		{JSON, `"2020"`, want{ScalarNode, String, "2020"}},
		{JSON, `"\u0141\u00f3d\u017a"`, want{ScalarNode, String, "Łódź"}},
		{JSON, "false", want{ScalarNode, Bool, "false"}},
		{JSON, "null", want{NullNode, String, ""}},
	}
	for _, tt := range tests {
		src := "v: " + tt.value + "\n"
		switch tt.format {
		case TOML:
			src = "v = " + tt.value + "\n"
		case JSON:
			src = `{"v": ` + tt.value + "}"
		}
		n, ds := Parse("f", tt.format, []byte(src), 1)
		if len(ds) > 0 {
			t.Errorf("%v %s: %v", tt.format, tt.value, ds)
			continue
		}
		v := n.Entries[0].Value
		if got := (want{v.Kind, v.Type, v.Scalar}); got != tt.want {
			t.Errorf("%v %s: got %v %v %q, want %v %v %q", tt.format, tt.value,
				got.kind, got.typ, got.scalar, tt.want.kind, tt.want.typ, tt.want.scalar)
		}
	}
}

// TestParseErrors covers errors of whole files such as site.yaml, which
// start on line 1.
func TestParseErrors(t *testing.T) {
	const site = "site.yaml"
	tests := []struct {
		name   string
		format Format
		src    string
		want   []string
	}{
		{"YAML second document", YAML, "title: Alumni\n---\ntitle: Other\n", []string{site + ":2:1: a second YAML document starts here; only one is allowed"}},
		{"YAML key that is a list", YAML, "[a, b]: 1\n", []string{site + ":1:1: a key must be plain text, not a list or a map"}},
		{"YAML indentation", YAML, "title: Alumni\n  baseURL: x\n", []string{site + `:2:10: unexpected ":"; put text containing ": " in quotes, or check the indentation`}},
		{"YAML list under a key with a value", YAML, "menu: main\n- home\n", []string{site + ":2:1: unexpected text; check the indentation and the quotes"}},
		{"YAML bad escape", YAML, "title: \"a\\qb\"\n", []string{site + ":1:10: invalid YAML: found unknown escape character (while scanning a quoted scalar at line 1, column 8)"}},
		{"TOML repeated dotted key", TOML, "a.b = 1\na.b = 2\n", []string{site + `:2:3: key "a.b" repeated (first at line 1)`}},
		{"TOML inline table extended", TOML, "a = {b = 1}\na.c = 2\n", []string{site + `:2:1: key "a" repeated (first at line 1)`}},
		{"TOML table over a value", TOML, "a = 1\n[a]\n", []string{site + `:2:2: key "a" repeated (first at line 1)`}},
		{"TOML array of tables over a table", TOML, "[a]\n[[a]]\n", []string{site + `:2:3: key "a" repeated (first at line 1)`}},
		{"TOML number too large", TOML, "n = 9223372036854775808\n", []string{site + ":1:5: the number 9223372036854775808 is too large"}},
		{"TOML quote not closed", TOML, "title = \"Alumni\nlang = \"pl\"\n", []string{site + ":1:16: the quoted text is not closed on its line"}},
		{"TOML list not closed at the end", TOML, "tags = [1, 2", []string{site + `:1:12: expected "," or "]" to continue or close the list`}},
		{"JSON ends too early", JSON, "{\"title\": \"Alumni\",\n \"menu\": [1, 2\n", []string{site + `:2:15: the JSON ends too early; a closing "}", "]" or quote is missing`}},
		{"JSON text after the object", JSON, "{\"a\": 1}\n}\n", []string{site + ":2:1: unexpected text after the end of the JSON"}},
		{"JSON missing colon", JSON, "{\"a\" 1}", []string{site + `:1:6: expected ":" after the key`}},
		{"JSON bad literal", JSON, "{\"a\": tru}", []string{site + ":1:10: invalid JSON: invalid character '}' in literal true (expecting 'e')"}},
		{"JSON repeated key in a nested object", JSON, "{\"a\": {\"b\": 1,\n\"b\": 2}}", []string{site + `:2:1: key "b" repeated (first at line 1)`}},
		{"unknown format", Format(0), "x", []string{site + ":1: unknown format Format(0)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse(site, tt.format, []byte(tt.src), 1)
			if got := lines(ds); got != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseTOMLTables(t *testing.T) {
	src := "[[links]]\nname = \"a\"\n[links.extra]\nx = 1\n[[links]]\nname = \"b\"\n[host]\n[host.address]\ncity = \"Łódź\"\n[host]\nname = \"x\"\n"
	n, ds := Parse("f", TOML, []byte(src), 1)
	if len(ds) != 1 || ds[0].String() != `f:10:2: key "host" repeated (first at line 7)` {
		t.Fatalf("diagnostics = %v", ds)
	}
	var v any
	if _, ds := Into("f", n, &v); len(ds) > 0 {
		t.Fatal(ds)
	}
	want := `map[host:map[address:map[city:Łódź]] links:[map[extra:map[x:1] name:a] map[name:b]]]`
	if got := fmt.Sprint(v); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestDeepNesting checks that nesting is refused with an error, in every
// format, long before it could exhaust the stack.
func TestDeepNesting(t *testing.T) {
	const depth = 5000
	tests := []struct {
		format Format
		src    string
	}{
		{YAML, "a: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"},
		{YAML, "a: " + strings.Repeat("{b: ", depth) + "1" + strings.Repeat("}", depth) + "\n"},
		{TOML, "a = " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"},
		{TOML, strings.Repeat("a.", depth) + "b = 1\n"},
		{TOML, "[" + strings.Repeat("a.", depth) + "b]\n"},
		{JSON, `{"a": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "}"},
	}
	for _, tt := range tests {
		_, ds := Parse("f", tt.format, []byte(tt.src), 1)
		found := false
		for _, d := range ds {
			found = found || strings.HasSuffix(d.Message, "values are nested too deeply (more than 100 levels)")
		}
		if !found {
			t.Errorf("%v %.20q: diagnostics = %v, want nesting refused", tt.format, tt.src, ds)
		}
	}
}

func lines(ds []diag.Diagnostic) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// TestBillionLaughs checks that a document of nested aliases, which would
// expand to a billion strings, is refused at once with every alias named.
func TestBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for c := 'b'; c <= 'i'; c++ {
		fmt.Fprintf(&b, "%c: &%c [%s]\n", c, c, strings.Repeat(fmt.Sprintf("*%c, ", c-1), 8)+fmt.Sprintf("*%c", c-1))
	}
	_, ds := Parse("f", YAML, []byte(b.String()), 1)
	if len(ds) != 9+8*9 {
		t.Fatalf("%d diagnostics, want one per anchor and alias: %v", len(ds), ds)
	}
	if got, want := ds[len(ds)-1].String(), "f:9:40: aliases (*h) are not supported; write the value out in full"; got != want {
		t.Errorf("last diagnostic = %q, want %q", got, want)
	}
}
