package markdown

import (
	"bytes"
	"html"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// unsafeSchemes are the URL schemes a link or image may not use.
var unsafeSchemes = map[string]bool{"javascript": true, "vbscript": true, "file": true, "data": true}

// maxURLInMessage is how many characters of a URL a message quotes.
const maxURLInMessage = 40

// clean applies the rules of the package documentation to a parsed page:
// it drops raw HTML, neutralises unsafe links and images, checks alt text,
// resolves image destinations and sets typographic single quotes.
func (p *page) clean(doc ast.Node) {
	p.hasRaw = markRaw(doc)
	p.visit(doc)
	if p.hiding != "" {
		p.warnf(p.hidingAt, "<%s> is never closed, so the rest of the page is omitted", p.hiding)
	}
	p.checkHeadingIDs(doc)
	setSingleQuotes(doc, p.src, p.openSingle)
}

// markRaw returns the nodes that have raw HTML among their descendants.
func markRaw(doc ast.Node) map[ast.Node]bool {
	marked := make(map[ast.Node]bool)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || (n.Kind() != ast.KindRawHTML && n.Kind() != ast.KindHTMLBlock) {
			return ast.WalkContinue, nil
		}
		for a := n.Parent(); a != nil && !marked[a]; a = a.Parent() {
			marked[a] = true
		}
		return ast.WalkSkipChildren, nil
	})
	return marked
}

// visit cleans n and its descendants. While the content of a hidden element
// such as <script> is being dropped, every node is removed except those
// that hold raw HTML, which may close the element.
func (p *page) visit(n ast.Node) {
	switch n.Kind() {
	case ast.KindHTMLBlock, ast.KindRawHTML:
		p.omitRaw(n)
		remove(n)
		return
	}
	if p.hiding != "" && !p.hasRaw[n] {
		// A table keeps its shape: its cells stay, empty.
		switch n.Kind() {
		case east.KindTableHeader, east.KindTableRow:
		case east.KindTableCell:
			n.RemoveChildren(n)
			return
		default:
			remove(n)
			return
		}
	}
	switch n := n.(type) {
	case *ast.Image:
		if !p.image(n) {
			remove(n)
			return
		}
	case *ast.AutoLink:
		p.autoLink(n)
		return
	case *ast.Heading:
		p.headingAttributes(n)
	}
	hadChildren := n.HasChildren()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		p.visit(c)
		c = next
	}
	switch n := n.(type) {
	case *ast.Link:
		dest := string(n.Destination)
		switch {
		case isUnsafe(dest):
			p.warnf(n.Pos(), "unsafe link %q removed", truncate(dest, maxURLInMessage))
			unwrap(n)
		case p.opt.Link != nil && schemeOf(decodeURL(dest)) == "" && !strings.HasPrefix(dest, "#") && !p.opt.Link(decodeURL(dest)):
			unwrap(n)
		}
	default:
		if hadChildren && !n.HasChildren() && n.Type() == ast.TypeBlock && !isTablePart(n) {
			remove(n)
		}
	}
}

// isTablePart reports whether n is a row or cell of a table, which must
// stay in place, even empty, for the table to keep its shape.
func isTablePart(n ast.Node) bool {
	switch n.Kind() {
	case east.KindTableHeader, east.KindTableRow, east.KindTableCell:
		return true
	}
	return false
}

// image checks an image and resolves its destination. It returns false if
// the image must be removed.
func (p *page) image(n *ast.Image) bool {
	dest := string(n.Destination)
	decoded := decodeURL(dest)
	scheme := schemeOf(decoded)
	if unsafeSchemes[scheme] {
		p.warnf(n.Pos(), "unsafe image %q removed", truncate(dest, maxURLInMessage))
		return false
	}
	switch strings.TrimSpace(plainText(n, p.src, true)) {
	case "":
		p.errorf(n.Pos(), "image %q has no alt text; describe it, or write ![-](%s) if it is decorative", dest, dest)
	case "-":
		n.RemoveChildren(n)
	}
	if dest == "" {
		p.errorf(n.Pos(), "image has no source")
		return true
	}
	if p.opt.Resource != nil && scheme == "" && !strings.HasPrefix(decoded, "/") && !strings.HasPrefix(decoded, "#") {
		url, err := p.opt.Resource(decoded)
		if err != nil {
			p.errorf(n.Pos(), "%v", err)
		} else {
			n.Destination = []byte(url)
		}
	}
	return true
}

// autoLink replaces an unsafe autolink (<javascript:…>) by its text.
func (p *page) autoLink(n *ast.AutoLink) {
	if n.AutoLinkType != ast.AutoLinkURL {
		return
	}
	url := string(n.URL(p.src))
	if !isUnsafe(url) {
		return
	}
	p.warnf(n.Pos(), "unsafe link %q removed", truncate(url, maxURLInMessage))
	s := ast.NewString(n.Label(p.src))
	s.SetRaw(true)
	n.Parent().ReplaceChild(n.Parent(), n, s)
}

// headingAttributes removes event handler attributes ({onclick=…}) from a
// heading. goldmark's renderer would drop them too, but silently.
func (p *page) headingAttributes(n *ast.Heading) {
	attrs := n.Attributes()
	if !slices.ContainsFunc(attrs, isHandler) {
		return
	}
	n.RemoveAttributes()
	for _, a := range attrs {
		if isHandler(a) {
			p.warnf(n.Pos(), "attribute %q removed", truncate(string(a.Name), 32))
			continue
		}
		n.SetAttribute(a.Name, a.Value)
	}
}

func isHandler(a ast.Attribute) bool {
	return len(a.Name) > 2 && bytes.EqualFold(a.Name[:2], []byte("on"))
}

// checkHeadingIDs warns about two headings with the same id, which only
// explicit {#id} attributes can cause.
func (p *page) checkHeadingIDs(doc ast.Node) {
	seen := make(map[string]bool)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if v, ok := h.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				if seen[string(id)] {
					p.warnf(h.Pos(), "duplicate heading id %q", truncate(string(id), maxURLInMessage))
				}
				seen[string(id)] = true
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// isUnsafe reports whether a link destination as written uses an unsafe
// scheme in any spelling.
func isUnsafe(dest string) bool {
	return unsafeSchemes[schemeOf(decodeURL(dest))]
}

// decodeURL undoes what could disguise a scheme: backslash escapes, entity
// references (twice, so &amp;#106; counts as j) and percent-escapes.
func decodeURL(dest string) string {
	s := string(util.UnescapePunctuations([]byte(dest)))
	s = html.UnescapeString(html.UnescapeString(s))
	return percentDecode(s)
}

// percentDecode decodes %XX escapes, leaving malformed ones as they are.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// schemeOf returns the lower-case scheme of a URL as a browser reads it:
// tabs and newlines anywhere are ignored, and so are leading control
// characters and spaces. It returns "" for a URL without a scheme.
func schemeOf(u string) string {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"+
		"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == ':' && i > 0:
			return strings.ToLower(u[:i])
		case isASCIILetter(c), i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// remove takes n out of its parent.
func remove(n ast.Node) {
	if parent := n.Parent(); parent != nil {
		parent.RemoveChild(parent, n)
	}
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
