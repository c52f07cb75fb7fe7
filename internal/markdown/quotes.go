package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// closingSingle is both the closing single quote and the apostrophe, in
// Polish and in English alike.
const closingSingle = "’"

// openingContext holds the characters after which a straight single quote
// may open a quotation, besides white space and the start of the text.
const openingContext = "([{<\"“„‚‘«—–-/*_~|"

// setSingleQuotes replaces the straight single quotes in the text of every
// block by typographic ones. A quote opens (open: ‚ or ‘) when it follows
// white space or an opening character, is followed by a non-space, and a
// later quote in the same block closes it; every other quote becomes ’. So
// 'naprawdę' reads ‚naprawdę’ in Polish, while Joyce'a, don't and an
// unmatched '90s keep the apostrophe ’. Code is left alone.
func setSingleQuotes(doc ast.Node, src []byte, open string) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			quoteBlock(n, src, open)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// quote is a straight single quote at offset off of src, inside t.
type quote struct {
	t   *ast.Text
	off int
}

// quoteBlock sets the single quotes of one block of inline content.
func quoteBlock(block ast.Node, src []byte, open string) {
	var qs []quote
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				for i := n.Segment.Start; i < n.Segment.Stop; i++ {
					if src[i] == '\'' {
						qs = append(qs, quote{n, i})
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(qs) == 0 {
		return
	}
	opens := make([]bool, len(qs))
	var stack []int
	for i, q := range qs {
		prev, _ := utf8.DecodeLastRune(src[:q.off])
		next, _ := utf8.DecodeRune(src[q.off+1:])
		if q.off == 0 {
			prev = ' '
		}
		if q.off+1 == len(src) {
			next = ' '
		}
		canClose := !unicode.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next)
		canOpen := (unicode.IsSpace(prev) || strings.ContainsRune(openingContext, prev)) &&
			!unicode.IsSpace(next) && next != '\''
		switch {
		case canClose && len(stack) > 0:
			opens[stack[len(stack)-1]] = true
			stack = stack[:len(stack)-1]
		case canOpen:
			stack = append(stack, i)
		}
	}
	for i, q := range qs {
		s := closingSingle
		if opens[i] {
			s = open
		}
		splitAt(q.t, q.off, s)
	}
}

// splitAt replaces the byte at offset off of src, inside t, by the string
// s: the text before it becomes a new Text node, and t keeps the rest with
// its line break.
func splitAt(t *ast.Text, off int, s string) {
	parent := t.Parent()
	if off > t.Segment.Start {
		parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(t.Segment.Start, off)))
	}
	str := ast.NewString([]byte(s))
	str.SetCode(true)
	parent.InsertBefore(parent, t, str)
	t.Segment = t.Segment.WithStart(off + 1)
}
