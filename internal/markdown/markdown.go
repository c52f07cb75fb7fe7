package markdown

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/alumni-site/alumni/internal/diag"
)

// Converter turns the Markdown body of a page into HTML. It holds one
// goldmark instance per quoting style, built once by New, and is safe for
// concurrent use.
type Converter struct {
	byLang          map[string]*style
	polish, english *style
}

// style is a goldmark instance together with the quotes it was built for.
type style struct {
	md goldmark.Markdown
	// openSingle is the opening single quote; the closing one and the
	// apostrophe are always ’.
	openSingle string
}

// Options describe one conversion.
type Options struct {
	// Path is the content file's path, used in diagnostics.
	Path string
	// Lang is the page's language code. "pl" (or "pl-…") uses Polish quotes
	// „…” and ‚…’; every other language uses English quotes “…” and ‘…’.
	Lang string
	// FirstLine is the file line on which the Markdown body starts (the body
	// follows the front matter). Zero counts as 1.
	FirstLine int
	// Resource is called for every relative image destination (no scheme, not
	// starting with "/" or "#"), with entity references and percent-escapes
	// decoded. It returns the URL to write, or an error whose text becomes an
	// error diagnostic at the image, such as
	// `image "foto.jpg" not found in the page bundle`. A nil Resource leaves
	// destinations as written.
	Resource func(dest string) (string, error)
	// Link is called for every link destination without a scheme (a site
	// path such as /stories/anna/ or ../anna/). When it returns false the
	// link is removed and its text kept: the site uses this to drop links
	// to pages that are not published. A nil Link keeps every link.
	Link func(dest string) bool
}

// Result is the outcome of a conversion.
type Result struct {
	// HTML is the rendered body.
	HTML []byte
	// FirstParagraph is the plain text of the first top-level paragraph that
	// has any text, with whitespace collapsed, for summaries.
	FirstParagraph string
}

// New returns a Converter for pages in the given languages. A language
// not listed is converted all the same: with Polish quotes if it is Polish,
// English ones otherwise.
func New(languages []string) *Converter {
	c := &Converter{byLang: make(map[string]*style), polish: newStyle(true), english: newStyle(false)}
	for _, lang := range languages {
		c.byLang[lang] = c.styleFor(lang)
	}
	return c
}

// styleFor returns the instance for a language.
func (c *Converter) styleFor(lang string) *style {
	if st, ok := c.byLang[lang]; ok {
		return st
	}
	if isPolish(lang) {
		return c.polish
	}
	return c.english
}

// isPolish reports whether lang is Polish, with or without a region.
func isPolish(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "pl" || strings.HasPrefix(lang, "pl-") || strings.HasPrefix(lang, "pl_")
}

// newStyle builds a goldmark instance with Polish or English quotes.
//
// Single quotes and apostrophes are left to setSingleQuotes: goldmark's own
// rules were written for English and turn the opening quote of 'naprawdę'
// or 'tak' into an apostrophe.
func newStyle(polish bool) *style {
	subs := map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  "“",
		extension.RightDoubleQuote: "”",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
		extension.LeftSingleQuote:  "",
		extension.RightSingleQuote: "",
		extension.Apostrophe:       "",
	}
	open := "‘"
	if polish {
		subs[extension.LeftDoubleQuote] = "„"
		open = "‚"
	}
	typographer := extension.NewTypographer(extension.WithTypographicSubstitutions(subsBytes(subs)))
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.Footnote,
			typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
		),
	)
	return &style{md: md, openSingle: open}
}

// subsBytes converts substitutions to bytes; an empty string becomes nil,
// which switches the substitution off.
func subsBytes(m map[extension.TypographicPunctuation]string) map[extension.TypographicPunctuation][]byte {
	out := make(map[extension.TypographicPunctuation][]byte, len(m))
	for k, v := range m {
		if v != "" {
			out[k] = []byte(v)
		} else {
			out[k] = nil
		}
	}
	return out
}

// Convert renders src, the Markdown body of the page described by opt. It
// returns the diagnostics described in the package documentation; when one
// of them is an error the Result should not be published.
func (c *Converter) Convert(src []byte, opt Options) (res Result, diags []diag.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{}
			diags = append(diags, diag.Errorf(opt.Path, diag.Pos{}, "markdown rendering failed: %v", r))
		}
	}()
	st := c.styleFor(opt.Lang)
	if opt.FirstLine < 1 {
		opt.FirstLine = 1
	}
	p := &page{src: src, opt: opt, openSingle: st.openSingle}
	if msg, at := checkComplexity(src); msg != "" {
		p.errorf(at, "%s", msg)
		return Result{}, p.diagnostics()
	}
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := st.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	p.clean(doc)
	// HTML is a little longer than its Markdown: one allocation of about
	// the right size saves growing the buffer several times.
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := st.md.Renderer().Render(bufferWriter{&buf}, src, doc); err != nil {
		p.errorf(-1, "markdown rendering failed: %v", err)
		return Result{}, p.diagnostics()
	}
	return Result{HTML: buf.Bytes(), FirstParagraph: firstParagraph(doc, src)}, p.diagnostics()
}

// bufferWriter is a bytes.Buffer as the util.BufWriter that goldmark's
// renderer writes to. Given any other writer, the renderer puts a
// bufio.Writer of its own in front of it: 4 KB allocated for every page,
// and every byte copied twice.
type bufferWriter struct{ *bytes.Buffer }

// bufferWriter must stay a util.BufWriter, or the renderer would go back
// to its own buffer without a word.
var _ util.BufWriter = bufferWriter{}

// Buffered returns 0: what is written is in the buffer at once.
func (bufferWriter) Buffered() int { return 0 }

// Flush does nothing, for the same reason.
func (bufferWriter) Flush() error { return nil }

// page holds the state of one conversion.
type page struct {
	src        []byte
	opt        Options
	openSingle string
	found      []found

	// hiding is the name of the element (script, style, …) whose content is
	// being dropped, and hidingAt the offset of its opening tag.
	hiding   string
	hidingAt int
	// hasRaw holds the nodes that contain raw HTML, which may end hiding.
	hasRaw map[ast.Node]bool
}

// found is a diagnostic whose position is still a byte offset in src.
type found struct {
	off int
	d   diag.Diagnostic
}

// errorf records an error at byte offset off of src (-1 for none).
func (p *page) errorf(off int, format string, args ...any) {
	p.found = append(p.found, found{off, diag.Errorf(p.opt.Path, diag.Pos{}, format, args...)})
}

// warnf records a warning at byte offset off of src (-1 for none).
func (p *page) warnf(off int, format string, args ...any) {
	p.found = append(p.found, found{off, diag.Warnf(p.opt.Path, diag.Pos{}, format, args...)})
}

// diagnostics resolves the recorded offsets to file positions in one pass
// over src, so a page with thousands of problems costs no more than one
// with a few, and returns the diagnostics sorted.
func (p *page) diagnostics() []diag.Diagnostic {
	if len(p.found) == 0 {
		return nil
	}
	order := make([]int, len(p.found))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p.found[a].off, p.found[b].off) })
	out := make([]diag.Diagnostic, len(p.found))
	prev, pos := 0, diag.Pos{Line: p.opt.FirstLine, Col: 1}
	for _, i := range order {
		f := p.found[i]
		if f.off >= 0 {
			off := min(f.off, len(p.src))
			pos = diag.PosAt(p.src[prev:], off-prev, pos.Line, pos.Col)
			prev = off
			f.d.Pos = pos
		}
		out[i] = f.d
	}
	diag.Sort(out)
	return out
}

// truncate shortens s to at most n runes for a message, marking the cut.
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
