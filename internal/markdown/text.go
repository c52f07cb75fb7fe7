package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// firstParagraph returns the plain text of the first top-level paragraph
// that has any text, image alt text aside, with white space collapsed.
func firstParagraph(doc ast.Node, src []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue
		}
		if s := strings.Join(strings.Fields(plainText(n, src, false)), " "); s != "" {
			return s
		}
	}
	return ""
}

// plainText returns the text of n's inline content as a reader sees it,
// with escapes and entity references resolved. Images count with their alt
// text if images is true.
func plainText(n ast.Node, src []byte, images bool) string {
	var b strings.Builder
	writeText(&b, n, src, images)
	return b.String()
}

func writeText(b *strings.Builder, n ast.Node, src []byte, images bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if c.IsRaw() {
				b.Write(v)
			} else {
				b.WriteString(unescapeText(v))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			switch {
			case c.IsCode():
				b.WriteString(html.UnescapeString(string(c.Value)))
			case c.IsRaw():
				b.Write(c.Value)
			default:
				b.WriteString(unescapeText(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.WriteString(strings.ReplaceAll(string(t.Segment.Value(src)), "\n", " "))
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
		case *ast.Image:
			if images {
				writeText(b, c, src, images)
			}
		default:
			writeText(b, c, src, images)
		}
	}
}

// unescapeText resolves backslash escapes and entity references in Markdown
// text, in one pass so that an escaped \& stays literal.
func unescapeText(v []byte) string {
	var b strings.Builder
	start := 0
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '\\' && util.IsPunct(v[i+1]) {
			b.WriteString(html.UnescapeString(string(v[start:i])))
			b.WriteByte(v[i+1])
			i++
			start = i + 1
		}
	}
	b.WriteString(html.UnescapeString(string(v[start:])))
	return b.String()
}
