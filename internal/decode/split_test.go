package decode

import (
	"fmt"
	"testing"
)

const anna = "content/stories/anna.md"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unchanged", "---\ntitle: Anna\n---\nBody\n", "---\ntitle: Anna\n---\nBody\n"},
		{"byte order mark", "\uFEFF---\ntitle: Anna\n", "---\ntitle: Anna\n"},
		{"CRLF", "---\r\ntitle: Anna\r\n---\r\n", "---\ntitle: Anna\n---\n"},
		{"lone CR", "---\rtitle: Anna\r---\r", "---\ntitle: Anna\n---\n"},
		{"mixed", "\uFEFFa\r\nb\rc\nd\r\r\ne", "a\nb\nc\nd\n\ne"},
		{"mark only at the start", "a\uFEFFb", "a\uFEFFb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(anna, []byte(tt.src))
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Normalize = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalizeInvalidUTF8(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"first byte", "\xff---\n", anna + ":1:1: invalid UTF-8 (byte 0xff)"},
		{"after letters outside ASCII", "---\ntitle: Zażółć \xfe\n---\n", anna + ":2:15: invalid UTF-8 (byte 0xfe)"},
		{"truncated sequence", "---\ntitle: x\nbio: \xc3\n---\n", anna + ":3:6: invalid UTF-8 (byte 0xc3)"},
		{"lines counted after CRLF", "\uFEFF---\r\n\r\ntitle: \x80\r\n", anna + ":3:8: invalid UTF-8 (byte 0x80)"},
		{"in the body", "---\ntitle: x\n---\n\nŁódź \xe2\x82", anna + ":5:6: invalid UTF-8 (byte 0xe2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(anna, []byte(tt.src))
			if err == nil {
				t.Fatalf("Normalize = %q, want an error", got)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Document
	}{
		{
			name: "YAML",
			src:  "---\ntitle: Anna\n---\n\nBody\n",
			want: Document{Format: YAML, Meta: []byte("title: Anna\n"), MetaLine: 2, Body: []byte("\nBody\n"), BodyLine: 4},
		},
		{
			name: "TOML",
			src:  "+++\ntitle = \"Anna\"\n+++\nBody\n",
			want: Document{Format: TOML, Meta: []byte("title = \"Anna\"\n"), MetaLine: 2, Body: []byte("Body\n"), BodyLine: 4},
		},
		{
			name: "JSON keeps its braces",
			src:  "{\n  \"title\": \"Anna\"\n}\n\nBody\n",
			want: Document{Format: JSON, Meta: []byte("{\n  \"title\": \"Anna\"\n}\n\n"), MetaLine: 1, Body: []byte("Body\n"), BodyLine: 5},
		},
		{
			name: "empty front matter",
			src:  "---\n---\n",
			want: Document{Format: YAML, Meta: []byte{}, MetaLine: 2, Body: []byte{}, BodyLine: 3},
		},
		{
			name: "blank lines and spaces around the delimiters",
			src:  "\n  \n--- \ntitle: Anna\n ---\nBody",
			want: Document{Format: YAML, Meta: []byte("title: Anna\n"), MetaLine: 4, Body: []byte("Body"), BodyLine: 6},
		},
		{
			name: "closing delimiter at the end of the file",
			src:  "---\ntitle: Anna\n---",
			want: Document{Format: YAML, Meta: []byte("title: Anna\n"), MetaLine: 2, Body: []byte{}, BodyLine: 3},
		},
		{
			name: "a later --- belongs to the body",
			src:  "---\ntitle: Anna\n---\nText\n---\nMore\n",
			want: Document{Format: YAML, Meta: []byte("title: Anna\n"), MetaLine: 2, Body: []byte("Text\n---\nMore\n"), BodyLine: 4},
		},
		{
			name: "no front matter",
			src:  "# Anna\n\n---\n",
			want: Document{Body: []byte("# Anna\n\n---\n"), BodyLine: 1},
		},
		{
			name: "empty file",
			src:  "",
			want: Document{Body: []byte{}, BodyLine: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(anna, []byte(tt.src))
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if !sameDocument(got, tt.want) {
				t.Errorf("Split =\n%s\nwant\n%s", showDocument(got), showDocument(tt.want))
			}
		})
	}
}

func TestSplitNotClosed(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"YAML", "---\ntitle: Anna\n\nBody\n", anna + ":1:1: front matter not closed (opened at line 1)"},
		{"YAML, nothing after the opening", "---", anna + ":1:1: front matter not closed (opened at line 1)"},
		{"TOML", "+++\ntitle = \"Anna\"\n", anna + ":1:1: front matter not closed (opened at line 1)"},
		{"TOML closed by ---", "+++\ntitle = \"Anna\"\n---\n", anna + ":1:1: front matter not closed (opened at line 1)"},
		{"after blank lines", "\n\n---\ntitle: Anna\n", anna + ":3:1: front matter not closed (opened at line 3)"},
		{"after a byte order mark", "\uFEFF---\ntitle: Anna\n", anna + ":1:1: front matter not closed (opened at line 1)"},
		{
			"JSON without the empty line",
			"{\n  \"title\": \"Anna\"\n}\nBody\n",
			anna + `:1:1: front matter not closed (opened at line 1): JSON front matter ends with a line holding only "}", followed by an empty line`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Split(anna, []byte(tt.src))
			if err == nil {
				t.Fatalf("Split = %s, want an error", showDocument(doc))
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
		})
	}
}

// TestSplitSameDocument checks that a byte order mark and other line endings
// give the very Document the plain LF file gives.
func TestSplitSameDocument(t *testing.T) {
	const lf = "---\ntitle: Anna\ntags: [erasmus]\n---\n\nFirst line.\nSecond line.\n"
	want := mustSplit(t, lf)
	for name, src := range map[string]string{
		"byte order mark":     "\uFEFF" + lf,
		"CRLF":                "---\r\ntitle: Anna\r\ntags: [erasmus]\r\n---\r\n\r\nFirst line.\r\nSecond line.\r\n",
		"lone CR":             "---\rtitle: Anna\rtags: [erasmus]\r---\r\rFirst line.\rSecond line.\r",
		"mixed with the mark": "\uFEFF---\r\ntitle: Anna\ntags: [erasmus]\r---\n\r\nFirst line.\rSecond line.\n",
	} {
		t.Run(name, func(t *testing.T) {
			if got := mustSplit(t, src); !sameDocument(got, want) {
				t.Errorf("got\n%s\nwant\n%s", showDocument(got), showDocument(want))
			}
		})
	}
}

func mustSplit(t *testing.T, src string) Document {
	t.Helper()
	norm, err := Normalize(anna, []byte(src))
	if err != nil {
		t.Fatalf("Normalize: %v", err)
	}
	doc, err := Split(anna, norm)
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	return doc
}

// sameDocument compares documents by content; a nil Meta (no front
// matter) differs from an empty one.
func sameDocument(a, b Document) bool {
	return a.Format == b.Format && string(a.Meta) == string(b.Meta) && (a.Meta == nil) == (b.Meta == nil) &&
		a.MetaLine == b.MetaLine && string(a.Body) == string(b.Body) && a.BodyLine == b.BodyLine
}

func showDocument(d Document) string {
	return fmt.Sprintf("{Format: %v, Meta: %q (nil %t), MetaLine: %d, Body: %q, BodyLine: %d}",
		d.Format, d.Meta, d.Meta == nil, d.MetaLine, d.Body, d.BodyLine)
}
