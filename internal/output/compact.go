package output

import "bytes"

// compactHTML is a fast path of the HTML minifier for the simple HTML that
// Markdown becomes: paragraphs, headings, lists, tables and quotes, with
// links, emphasis and images inside. For such HTML all that the minifier
// changes is the line breaks between block elements, a few entities and
// empty alt attributes, and a scan that makes those changes costs a
// fraction of a minifier run (which lexes every token and was a twentieth
// of a whole build's time). compactHTML returns ok false for anything it
// does not know to be that simple: a comment or doctype, an element whose
// content is not plain HTML text (pre, textarea, script, style, svg),
// white space that the minifier would collapse or trim, an entity or an
// attribute value it would rewrite in another way. The caller then runs
// the minifier. When it returns ok, out is byte for byte what the
// minifier gives, which TestCompactMatchesMinifier and
// FuzzCompactMatchesMinifier check; it is appended to dst[:0], which must
// not overlap src.
func compactHTML(dst, src []byte) (out []byte, ok bool) {
	c := compactor{out: dst[:0]}
	for i := 0; i < len(src); {
		var next int
		if src[i] == '<' {
			next, ok = c.tag(src, i)
		} else {
			next, ok = c.text(src, i)
		}
		if !ok {
			return nil, false
		}
		i = next
	}
	if c.wantText {
		return nil, false
	}
	return c.out, true
}

// tagKind sorts the elements compactHTML knows.
type tagKind int8

const (
	unknownTag tagKind = iota
	// blockTag is an element the minifier trims white space around.
	blockTag
	// inlineTag is an element whose content flows with the text around it.
	inlineTag
	// voidTag is an element without content that shows something (an
	// image) or breaks the line; white space next to it is left to the
	// minifier.
	voidTag
)

// tagKinds are the elements of Markdown's HTML, by name.
var tagKinds = map[string]tagKind{
	"p": blockTag, "h1": blockTag, "h2": blockTag, "h3": blockTag, "h4": blockTag, "h5": blockTag, "h6": blockTag,
	"ul": blockTag, "ol": blockTag, "li": blockTag, "dl": blockTag, "dt": blockTag, "dd": blockTag,
	"blockquote": blockTag, "hr": blockTag, "div": blockTag, "figure": blockTag, "figcaption": blockTag,
	"table": blockTag, "thead": blockTag, "tbody": blockTag, "tfoot": blockTag, "tr": blockTag, "th": blockTag, "td": blockTag,
	"section": blockTag, "aside": blockTag, "details": blockTag, "summary": blockTag,
	"a": inlineTag, "em": inlineTag, "strong": inlineTag, "del": inlineTag, "s": inlineTag, "sup": inlineTag, "sub": inlineTag,
	"span": inlineTag, "mark": inlineTag, "code": inlineTag, "kbd": inlineTag, "abbr": inlineTag, "b": inlineTag, "i": inlineTag,
	"u": inlineTag, "q": inlineTag, "small": inlineTag, "cite": inlineTag, "time": inlineTag, "ins": inlineTag,
	"img": voidTag, "br": voidTag,
}

// compactor is the state of one compactHTML scan.
type compactor struct {
	out []byte
	// lastTag is the kind of the tag just written, unknownTag after text.
	lastTag tagKind
	// afterWord is set when the last visible thing written, looking
	// through inline tags, is text ending in a character that is not
	// white space: a space may follow.
	afterWord bool
	// wantText is set after text ending in white space: the next visible
	// thing, looking through inline tags, must be text starting with a
	// character that is not white space, or the minifier would trim it.
	wantText bool
	// pendingBreak is set when a line break between two tags was held
	// back: it is dropped if both tags are block tags.
	pendingBreak bool
}

// tag copies the start or end tag at src[i] and returns the index after
// it.
func (c *compactor) tag(src []byte, i int) (int, bool) {
	j := i + 1
	end := j < len(src) && src[j] == '/'
	if end {
		j++
	}
	start := j
	for j < len(src) && (isLower(src[j]) || j > start && isDigit(src[j])) {
		j++
	}
	kind := tagKinds[string(src[start:j])]
	if kind == unknownTag || end && kind == voidTag {
		return 0, false
	}
	if c.pendingBreak && (c.lastTag != blockTag || kind != blockTag) {
		return 0, false
	}
	c.pendingBreak = false
	if kind != inlineTag && c.wantText {
		return 0, false
	}
	c.out = append(c.out, src[i:j]...)
	if !end {
		var ok bool
		if j, ok = c.attributes(src, j); !ok {
			return 0, false
		}
	}
	if j >= len(src) || src[j] != '>' {
		return 0, false
	}
	c.out = append(c.out, '>')
	c.lastTag = kind
	if kind != inlineTag {
		c.afterWord = false
	}
	return j + 1, true
}

// attributes copies the attributes of a start tag at src[j], name="value"
// each, and returns the index of the closing '>'.
func (c *compactor) attributes(src []byte, j int) (int, bool) {
	for j < len(src) && src[j] == ' ' {
		j++
		start := j
		for j < len(src) && (isLower(src[j]) || j > start && (isDigit(src[j]) || src[j] == '-')) {
			j++
		}
		name := src[start:j]
		if len(name) == 0 || !bytes.HasPrefix(src[j:], []byte(`="`)) {
			return 0, false
		}
		j += 2
		valueStart := j
		for j < len(src) && src[j] != '"' {
			if !attrByteOK(src, j, valueStart) {
				return 0, false
			}
			j++
		}
		if j >= len(src) {
			return 0, false
		}
		value := src[valueStart:j]
		j++ // the closing quote
		if !plainAttrs[string(name)] && !(string(name) == "style" && alignStyles[string(value)]) {
			return 0, false
		}
		c.out = append(c.out, ' ')
		c.out = append(c.out, name...)
		switch {
		case len(value) > 0:
			c.out = append(c.out, `="`...)
			c.out = append(c.out, value...)
			c.out = append(c.out, '"')
		case string(name) != "alt":
			// The minifier writes alt="" as alt; other empty values
			// are left to it.
			return 0, false
		}
	}
	return j, true
}

// plainAttrs are the attributes whose values the minifier copies as they
// are; it rewrites others (a style as CSS, an event handler as JavaScript,
// a class with its white space collapsed) or drops them.
var plainAttrs = map[string]bool{
	"id": true, "href": true, "src": true, "alt": true, "title": true, "start": true,
	"width": true, "height": true, "loading": true, "decoding": true, "lang": true, "dir": true,
	"rel": true, "colspan": true, "rowspan": true, "datetime": true, "cite": true,
}

// alignStyles are the styles of table cells that the minifier leaves as
// they are, written as goldmark writes them.
var alignStyles = map[string]bool{"text-align:left": true, "text-align:center": true, "text-align:right": true}

// attrByteOK reports whether the byte src[j] of an attribute value that
// starts at start is one the minifier keeps as it is: no control
// characters or markup, no space at either end or next to another, and
// '&' only as "&amp;" before a letter or digit.
func attrByteOK(src []byte, j, start int) bool {
	switch b := src[j]; {
	case b < ' ' || b == '<' || b == '>' || b == '\'' || b == '`' || b == 0x7f:
		return false
	case b == ' ':
		return j > start && src[j-1] != ' ' && j+1 < len(src) && src[j+1] != ' ' && src[j+1] != '"'
	case b == '&':
		rest := src[j:]
		return bytes.HasPrefix(rest, []byte("&amp;")) && len(rest) > 5 && (isLower(rest[5]) || isDigit(rest[5]) || rest[5] >= 'A' && rest[5] <= 'Z')
	}
	return true
}

// textEntities are the entities the minifier writes as characters in
// text; "&lt;" it keeps. Any other '&' ends the fast path: the minifier
// keeps "&amp;" or writes '&' depending on what follows.
var textEntities = []struct{ entity, char string }{
	{"&lt;", "&lt;"},
	{"&gt;", ">"},
	{"&quot;", `"`},
	{"&#39;", "'"},
}

// text copies the text at src[i], up to the next tag, and returns the
// index after it.
func (c *compactor) text(src []byte, i int) (int, bool) {
	// A line break alone between two tags is held back until the next tag
	// shows whether the minifier drops it; the last one of the input is
	// dropped after a block tag.
	if src[i] == '\n' && (i+1 == len(src) || src[i+1] == '<') && c.lastTag != unknownTag {
		if i+1 == len(src) {
			return i + 1, c.lastTag == blockTag
		}
		c.pendingBreak = true
		return i + 1, true
	}
	if isSpace(src[i]) && !c.afterWord {
		return 0, false
	}
	j := i
	for j < len(src) && src[j] != '<' {
		// Ordinary bytes, and single spaces between them, are copied a run
		// at a time.
		run := j
		for j < len(src) && (plainText[src[j]] || src[j] == ' ' && j > run && j+1 < len(src) && plainText[src[j+1]]) {
			j++
		}
		c.out = append(c.out, src[run:j]...)
		if j == len(src) {
			break
		}
		switch b := src[j]; {
		case b == '<':
		case b == ' ' || b == '\n':
			if j+1 < len(src) && isSpace(src[j+1]) {
				return 0, false
			}
			c.out = append(c.out, b)
			j++
		case b == '&':
			n := c.entity(src[j:])
			if n == 0 {
				return 0, false
			}
			j += n
		default: // a control character
			return 0, false
		}
	}
	last := src[j-1]
	c.wantText = isSpace(last)
	c.afterWord = !c.wantText
	c.lastTag = unknownTag
	return j, true
}

// entity writes the entity at the start of s as the minifier does and
// returns its length, or 0 for an entity the fast path leaves alone.
func (c *compactor) entity(s []byte) int {
	for _, e := range textEntities {
		if bytes.HasPrefix(s, []byte(e.entity)) {
			c.out = append(c.out, e.char...)
			return len(e.entity)
		}
	}
	return 0
}

// plainText marks the bytes that text copies as they are: all but
// control characters, white space, '&' and '<'.
var plainText = func() (t [256]bool) {
	for b := range t {
		t[b] = b > ' ' && b != 0x7f && b != '&' && b != '<'
	}
	return t
}()

func isLower(b byte) bool { return 'a' <= b && b <= 'z' }
func isDigit(b byte) bool { return '0' <= b && b <= '9' }
func isSpace(b byte) bool { return b == ' ' || b == '\n' }
