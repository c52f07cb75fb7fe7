package decode

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/alumni-site/alumni/internal/diag"
)

// FuzzDecode feeds arbitrary files through the whole pipeline: nothing may
// panic, and every position must lie inside the file.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: Anna\ntags: [a, b]\nhost: {name: x}\n---\nBody\n",
		"---\na: &x [1]\nb: *x\n---\n",
		"+++\ntitle = \"Anna\"\n[host]\nname = \"x\"\n[[links]]\nurl = 'y'\n+++\n",
		"{\n  \"title\": \"Anna\",\n  \"tags\": [1, 2.5, null]\n}\n\nBody\n",
		"\uFEFF---\r\ntitle: x\r\n",
		"---\nyear 2020\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		text, err := Normalize("f", src)
		if err != nil {
			checkPos(t, normalizeNewlines(bytes.TrimPrefix(src, bom)), err.(diag.Diagnostic))
			return
		}
		doc, err := Split("f", text)
		if err != nil {
			checkPos(t, text, err.(diag.Diagnostic))
			return
		}
		for _, format := range []Format{YAML, TOML, JSON} {
			if doc.Format != 0 && doc.Format != format {
				continue
			}
			meta, line := doc.Meta, doc.MetaLine
			if doc.Format == 0 {
				meta, line = text, 1
			}
			n, ds := Parse("f", format, meta, line)
			var s story
			_, more := Into("f", n, &s)
			var v any
			_, more2 := Into("f", n, &v)
			for _, d := range append(append(ds, more...), more2...) {
				checkPos(t, text, d)
			}
		}
	})
}

// checkPos fails when d points outside text: past its last line, or past
// the end of its line (the column just after the last character is allowed).
func checkPos(t *testing.T, text []byte, d diag.Diagnostic) {
	t.Helper()
	if d.Pos.Line == 0 {
		return
	}
	lines := splitLines(text)
	if d.Pos.Line > len(lines) {
		t.Fatalf("%v: line %d of %d", d, d.Pos.Line, len(lines))
	}
	if n := utf8.RuneCount(lines[d.Pos.Line-1]); d.Pos.Col > n+1 {
		t.Fatalf("%v: column %d on a line of %d characters", d, d.Pos.Col, n)
	}
}

func splitLines(text []byte) [][]byte {
	var lines [][]byte
	start := 0
	for i, c := range text {
		if c == '\n' {
			lines = append(lines, text[start:i])
			start = i + 1
		}
	}
	return append(lines, text[start:])
}
