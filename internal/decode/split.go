package decode

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"github.com/alumni-site/alumni/internal/diag"
)

// bom is the UTF-8 byte order mark some Windows editors put first.
var bom = []byte("\uFEFF")

// Normalize prepares the bytes of a file for Split and Parse: it strips a
// leading UTF-8 byte order mark, turns CRLF and lone CR line endings into LF
// and checks that the text is valid UTF-8. For text that is not, it returns
// a diag.Diagnostic at the line and column of the first invalid byte.
// Normalize returns src itself when there is nothing to change.
func Normalize(path string, src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		src = normalizeNewlines(src)
	}
	if utf8.Valid(src) {
		return src, nil
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return nil, diag.Errorf(path, diag.PosAt(src, off, 1, 1), "invalid UTF-8 (byte 0x%02x)", src[off])
}

// normalizeNewlines returns a copy of src with CRLF and lone CR turned into LF.
func normalizeNewlines(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		if src[i] != '\r' {
			out = append(out, src[i])
			continue
		}
		out = append(out, '\n')
		if i+1 < len(src) && src[i+1] == '\n' {
			i++
		}
	}
	return out
}

// Document is a content file split at its front matter.
type Document struct {
	Format   Format // zero when the file has no front matter
	Meta     []byte // the front matter text without its delimiters
	MetaLine int    // file line of Meta's first byte
	Body     []byte
	BodyLine int // file line on which Body starts
}

// captured receives the front matter that adrg/frontmatter found. Its
// formats only record the raw bytes: decoding them here, with positions, is
// the job of Parse.
type captured struct {
	format Format
	meta   []byte
	ok     bool
}

// frontMatterFormats returns the formats Split recognises, each recording
// into c. A JSON block keeps its braces (they are part of the JSON) and must
// be followed by an empty line, as adrg/frontmatter requires.
func frontMatterFormats(c *captured) []*frontmatter.Format {
	record := func(f Format) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			c.format, c.meta, c.ok = f, data, true
			return nil
		}
	}
	json := frontmatter.NewFormat("{", "}", record(JSON))
	json.UnmarshalDelims = true
	json.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", record(YAML)),
		frontmatter.NewFormat("+++", "+++", record(TOML)),
		json,
	}
}

// Split splits normalised src into its front matter and its body. Blank
// lines may precede the opening delimiter. A file without front matter has
// Format 0 and all of src as its Body, starting on line 1. A delimiter that
// opens front matter but is never closed is an error, so that front matter
// never ends up in a page body.
func Split(path string, src []byte) (Document, error) {
	src = bytes.TrimPrefix(src, bom)
	var c captured
	// adrg/frontmatter copies everything it reads. Fed a line at a time,
	// and nothing more once the front matter is captured, it copies the
	// front matter only, not the body.
	r := &lineReader{src: src, stop: &c.ok}
	rest, err := frontmatter.Parse(r, nil, frontMatterFormats(&c)...)
	if err != nil {
		// Reading from memory fails only if the library changes its contract.
		return Document{}, diag.Errorf(path, diag.Pos{}, "cannot read front matter: %v", err)
	}
	open, line, text := openingLine(src)
	if !c.ok {
		switch text {
		case "---", "+++":
			return Document{}, diag.Errorf(path, diag.Pos{Line: line, Col: 1},
				"front matter not closed (opened at line %d)", line)
		case "{":
			return Document{}, diag.Errorf(path, diag.Pos{Line: line, Col: 1},
				"front matter not closed (opened at line %d): JSON front matter ends with a line holding only \"}\", followed by an empty line", line)
		}
		return Document{Body: src, BodyLine: 1}, nil
	}
	metaStart := open
	if c.format != JSON {
		metaStart = lineEnd(src, open)
	}
	metaEnd := metaStart + len(c.meta)
	bodyStart := r.off - len(rest)
	if metaEnd > bodyStart || !bytes.Equal(src[metaStart:metaEnd], c.meta) {
		return Document{}, diag.Errorf(path, diag.Pos{Line: line, Col: 1},
			"cannot locate the front matter opened at line %d", line)
	}
	return Document{
		Format:   c.format,
		Meta:     src[metaStart:metaEnd:metaEnd],
		MetaLine: lineOf(src, metaStart),
		Body:     src[bodyStart:],
		BodyLine: lineOf(src, bodyStart),
	}, nil
}

// lineReader reads src one line at a time, and reports the end once stop
// is set.
type lineReader struct {
	src  []byte
	off  int // bytes read so far
	stop *bool
}

func (r *lineReader) Read(p []byte) (int, error) {
	if *r.stop || r.off == len(r.src) {
		return 0, io.EOF
	}
	end := lineEnd(r.src, r.off)
	n := copy(p, r.src[r.off:end])
	r.off += n
	return n, nil
}

// openingLine finds the first line of src that is not blank, as
// adrg/frontmatter does when it looks for an opening delimiter. It returns
// the line's byte offset, its line number and its text without surrounding
// space; the text is empty when every line is blank.
func openingLine(src []byte) (off, line int, text string) {
	line = 1
	for off < len(src) {
		end := lineEnd(src, off)
		if t := bytes.TrimSpace(src[off:end]); len(t) > 0 {
			return off, line, string(t)
		}
		off = end
		line++
	}
	return off, line, ""
}

// lineEnd returns the offset just past the line that starts at off,
// including its "\n".
func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// lineOf returns the 1-based line of byte offset off.
func lineOf(src []byte, off int) int {
	return 1 + bytes.Count(src[:off], []byte("\n"))
}
