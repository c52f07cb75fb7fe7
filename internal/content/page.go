package content

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/alumni-site/alumni/internal/decode"
	"github.com/alumni-site/alumni/internal/diag"
)

// Page is one decoded content file.
type Page struct {
	Source
	Front
	// Story is set for pages of kind story, Video for pages of kind video,
	// Statement for pages with type: accessibility.
	Story     *Story
	Video     *Video
	Statement *Statement
	// Body is the Markdown after the front matter, or nil when Load was
	// asked to drop it (ReadBody reads it again); BodyLine is the file line
	// on which it starts, and EmptyBody reports whether it holds only
	// white space.
	Body      []byte
	BodyLine  int
	EmptyBody bool
	// head is a checksum of the file's first bodyStart bytes (after
	// Normalize), the part before the body, which ReadBody compares with
	// the file it reads again; dropped is set when the body was dropped.
	head      uint64
	bodyStart int
	dropped   bool
	// Positions maps front-matter keys to their positions in the file;
	// positionsDropped is set when DropPositions let go of them.
	Positions        decode.Positions
	positionsDropped bool
	// Files lists the other files of the page's bundle, as slash paths
	// relative to the bundle folder, sorted; nil for a single-file page.
	Files []string
	// DisplayPath is the file's path as diagnostics show it.
	DisplayPath string
	// validation remembers what Validate found; nil for a page that
	// neither Parse, Copy nor Inherit made or completed.
	validation *validation
}

// Parse decodes a content file: it normalises line endings, splits off and
// strictly decodes the front matter into the types of the page's kind. It
// does not apply the rules checked by Validate, which need the original of a
// translation first.
func Parse(src Source, display string, data []byte) (p *Page, diags []diag.Diagnostic) {
	data, err := decode.Normalize(display, data)
	if err != nil {
		return nil, []diag.Diagnostic{toDiagnostic(display, err)}
	}
	doc, err := decode.Split(display, data)
	if err != nil {
		return nil, []diag.Diagnostic{toDiagnostic(display, err)}
	}
	p = &Page{Source: src, Body: doc.Body, BodyLine: doc.BodyLine, DisplayPath: display, Positions: decode.Positions{},
		EmptyBody: len(bytes.TrimSpace(doc.Body)) == 0, bodyStart: len(data) - len(doc.Body), validation: &validation{}}
	p.head = headSum(data[:p.bodyStart])
	// The front matter decodes into the types of the page's kind; a plain
	// page with type: accessibility is an accessibility statement.
	var target any = &p.Front
	switch src.Kind {
	case KindStory:
		target = &storyFront{}
	case KindVideo:
		target = &videoFront{}
	}
	if doc.Format != 0 {
		root, ds := decode.Parse(display, doc.Format, doc.Meta, doc.MetaLine)
		if root == nil {
			// A syntax error. After a repeated key the tree is still
			// decoded, so that its other problems are reported too.
			return nil, ds
		}
		if src.Kind == KindPage && isStatement(typeOf(root)) {
			target = &statementFront{}
		}
		pos, more := decode.Into(display, root, target)
		if ds = append(ds, more...); hasErrors(ds) {
			return nil, ds
		}
		p.Positions, diags = pos, ds
	}
	switch f := target.(type) {
	case *storyFront:
		p.Front, p.Story = f.Front, &f.Story
	case *videoFront:
		p.Front, p.Video = f.Front, &f.Video
	case *statementFront:
		p.Front, p.Statement = f.Front, &f.Statement
	}
	return p, diags
}

// headSum is a checksum of the front matter part of a file.
func headSum(head []byte) uint64 {
	h := fnv.New64a()
	h.Write(head)
	return h.Sum64()
}

// ReadBody returns the page's Markdown: Body, or, when Load dropped it,
// the body of the file read again from fsys (the site root). A file whose
// front matter changed since it was loaded is an error: the page's fields
// and its body would not belong together.
func (p *Page) ReadBody(fsys fs.FS) ([]byte, error) {
	if !p.dropped {
		return p.Body, nil
	}
	data, err := ReadLimited(fsys, p.Path, MaxMarkdownSize)
	if err != nil {
		return nil, err
	}
	if data, err = decode.Normalize(p.DisplayPath, data); err != nil {
		return nil, err
	}
	if len(data) < p.bodyStart || headSum(data[:p.bodyStart]) != p.head {
		return nil, fmt.Errorf("the file changed while the site was being built: build again")
	}
	return data[p.bodyStart:], nil
}

// DropBody lets go of the page's Markdown; ReadBody reads it again from
// the file. A page made by the engine, with no file, keeps its body.
func (p *Page) DropBody() {
	if p.Path != "" && !p.EmptyBody {
		p.Body, p.dropped = nil, true
	}
}

// typeOf returns the value of the top-level key "type" of a decoded front
// matter, or "".
func typeOf(root *decode.Node) string {
	if root == nil {
		return ""
	}
	for _, e := range root.Entries {
		if e.Key == "type" && e.Value.Kind == decode.ScalarNode {
			return e.Value.Scalar
		}
	}
	return ""
}

// pos returns the position of a front-matter key's value, or the start of
// the file for a key that is not there.
func (p *Page) pos(key string) diag.Pos {
	if at, ok := p.Positions[key]; ok {
		return at
	}
	return diag.Pos{Line: 1, Col: 1}
}

// Has reports whether the page's front matter sets key (a dotted path).
// It must not be asked after DropPositions.
func (p *Page) Has(key string) bool {
	if p.positionsDropped {
		panic("content: Has after DropPositions")
	}
	_, ok := p.Positions[key]
	return ok
}

// DropPositions lets go of Positions, which only diagnostics and Has need
// and which are a fifth of a large build's live heap. A build calls it
// once its site model is made and its files are planned, when every
// diagnostic that names a front-matter key has been reported; the preview,
// which builds again, keeps them.
func (p *Page) DropPositions() {
	p.Positions, p.positionsDropped = nil, true
}

func (p *Page) errorf(key, format string, args ...any) diag.Diagnostic {
	return diag.Errorf(p.DisplayPath, p.pos(key), format, args...)
}

func (p *Page) warnf(key, format string, args ...any) diag.Diagnostic {
	return diag.Warnf(p.DisplayPath, p.pos(key), format, args...)
}

func hasErrors(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

func toDiagnostic(path string, err error) diag.Diagnostic {
	if d, ok := err.(diag.Diagnostic); ok {
		return d
	}
	return diag.Errorf(path, diag.Pos{}, "%v", err)
}
