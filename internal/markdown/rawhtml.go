package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// hiddenElements are the elements whose content is dropped together with
// their tags: a browser would not show it as text, and an editor must not
// see script or style source appear in the page.
var hiddenElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true,
	"noscript": true, "noembed": true, "noframes": true, "template": true,
	"textarea": true, "title": true, "xmp": true, "svg": true, "math": true,
}

// rawText is raw HTML gathered from a node's segments, with the source
// offset at which each segment starts, so an offset in the gathered text
// maps back to src.
type rawText struct {
	buf  []byte
	segs []rawSegment
}

type rawSegment struct {
	start int // offset in buf
	src   int // offset in src
	pad   int // spaces that stand for a tab, before src
}

func (r *rawText) add(src []byte, s text.Segment) {
	r.segs = append(r.segs, rawSegment{start: len(r.buf), src: s.Start, pad: s.Padding})
	r.buf = append(r.buf, s.Value(src)...)
}

// at maps offset i in r.buf to an offset in src.
func (r *rawText) at(i int) int {
	if len(r.segs) == 0 {
		return -1
	}
	k := 0
	for k+1 < len(r.segs) && r.segs[k+1].start <= i {
		k++
	}
	s := r.segs[k]
	return s.src + max(i-s.start-s.pad, 0)
}

// gatherRaw returns the raw HTML of an HTMLBlock or RawHTML node.
func gatherRaw(n ast.Node, src []byte) *rawText {
	r := &rawText{}
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			r.add(src, n.Lines().At(i))
		}
		if n.HasClosure() {
			r.add(src, n.ClosureLine)
		}
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			r.add(src, n.Segments.At(i))
		}
	}
	return r
}

// omitRaw reports raw HTML that is left out of the page: one warning per
// node, naming its first tag. Comments are left out silently, and so is
// whatever lies inside a hidden element, including its closing tag: the
// warning for the opening tag covers it.
func (p *page) omitRaw(n ast.Node) {
	if label, at := p.scanRaw(gatherRaw(n, p.src)); label != "" {
		p.warnf(at, "raw HTML omitted: %s", label)
	}
}

// scanRaw reads raw HTML, updating p.hiding as hidden elements open and
// close. It returns a short label for the first tag outside hidden content
// and its offset in src, or "" when r holds only comments and hidden
// content.
func (p *page) scanRaw(r *rawText) (label string, at int) {
	raw := r.buf
	note := func(l string, i int) {
		if label == "" {
			label, at = l, r.at(i)
		}
	}
	for i := 0; i < len(raw); {
		if p.hiding != "" {
			j := indexClosingTag(raw[i:], p.hiding)
			if j < 0 {
				return label, at
			}
			p.hiding = ""
			i = tagEnd(raw, i+j)
			continue
		}
		j := bytes.IndexByte(raw[i:], '<')
		if j < 0 {
			j = len(raw) - i
		}
		if len(bytes.TrimSpace(raw[i:i+j])) > 0 {
			note("text in an HTML block", i+j-len(bytes.TrimLeft(raw[i:i+j], " \t\r\n")))
		}
		i += j
		if i >= len(raw) {
			break
		}
		rest := raw[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(raw, i+4, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			note("<![CDATA[…]]>", i)
			i = skipPast(raw, i+9, "]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			note("<?…?>", i)
			i = skipPast(raw, i+2, "?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			note("<!"+strings.ToUpper(tagName(rest[2:]))+">", i)
			i = tagEnd(raw, i)
		case bytes.HasPrefix(rest, []byte("</")) && tagName(rest[2:]) != "":
			note("</"+truncate(tagName(rest[2:]), 32)+">", i)
			i = tagEnd(raw, i)
		case tagName(rest[1:]) != "":
			name := tagName(rest[1:])
			note("<"+truncate(name, 32)+">", i)
			end := tagEnd(raw, i)
			if hiddenElements[name] && !bytes.HasSuffix(raw[i:end], []byte("/>")) {
				p.hiding, p.hidingAt = name, r.at(i)
			}
			i = end
		default:
			note("text in an HTML block", i)
			i++
		}
	}
	return label, at
}

// tagName returns the lower-case tag name at the start of b, or "".
func tagName(b []byte) string {
	n := 0
	for n < len(b) && (isASCIILetter(b[n]) || n > 0 && (b[n] == '-' || '0' <= b[n] && b[n] <= '9')) {
		n++
	}
	return strings.ToLower(string(b[:n]))
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// tagEnd returns the offset just past the '>' that ends the tag starting at
// i, skipping quoted attribute values, or len(raw) if the tag is not closed.
func tagEnd(raw []byte, i int) int {
	var quote byte
	for ; i < len(raw); i++ {
		c := raw[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(raw)
}

// skipPast returns the offset just past the first end at or after i, or
// len(raw).
func skipPast(raw []byte, i int, end string) int {
	j := bytes.Index(raw[i:], []byte(end))
	if j < 0 {
		return len(raw)
	}
	return i + j + len(end)
}

// indexClosingTag returns the offset of the closing tag of the named element
// in raw, or -1.
func indexClosingTag(raw []byte, name string) int {
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j
		if tagName(raw[i+2:]) == name {
			return i
		}
		i += 2
	}
}
