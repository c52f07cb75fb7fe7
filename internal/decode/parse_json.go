package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alumni-site/alumni/internal/diag"
)

// jsonParser builds our tree from the tokens of encoding/json, placing each
// value by the decoder's input offset.
type jsonParser struct {
	path  string
	src   []byte
	loc   *locator
	dec   *json.Decoder
	diags []diag.Diagnostic
	deep  bool // nesting beyond maxDepth was reported
}

// parseJSON parses one JSON value. Empty text is a NullNode.
func parseJSON(path string, src []byte, firstLine int) (*Node, []diag.Diagnostic) {
	p := &jsonParser{path: path, src: src, loc: newLocator(src, firstLine)}
	if len(bytes.TrimSpace(src)) == 0 {
		return &Node{Kind: NullNode, Pos: diag.Pos{Line: firstLine, Col: 1}}, nil
	}
	// The token stream reports syntax errors at offsets that are not those
	// of the input, so the whole text is checked first.
	var raw json.RawMessage
	if err := json.Unmarshal(src, &raw); err != nil {
		return nil, []diag.Diagnostic{p.syntaxError(err)}
	}
	p.dec = json.NewDecoder(bytes.NewReader(src))
	p.dec.UseNumber()
	root := p.value(0)
	return root, p.diags
}

// start returns the offset of the next token: the decoder's offset is just
// past the previous one, before any space, comma or colon.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.src) && strings.IndexByte(" \t\n\r,:", p.src[off]) >= 0 {
		off++
	}
	return off
}

// value reads one value from the token stream.
func (p *jsonParser) value(depth int) *Node {
	pos := p.loc.pos(p.start())
	tok, err := p.dec.Token()
	if err != nil {
		// The text was checked before, so this cannot happen.
		p.diags = append(p.diags, diag.Errorf(p.path, pos, "invalid JSON: %v", err))
		return &Node{Kind: NullNode, Pos: pos}
	}
	switch tok := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			p.skip()
			if !p.deep {
				p.deep = true
				p.diags = append(p.diags, nestedTooDeeply(p.path, pos))
			}
			return &Node{Kind: NullNode, Pos: pos}
		}
		if tok == '{' {
			return p.object(pos, depth)
		}
		n := &Node{Kind: ListNode, Pos: pos}
		for p.dec.More() {
			n.Items = append(n.Items, p.value(depth+1))
		}
		p.dec.Token() // the closing ]
		return n
	case string:
		return &Node{Kind: ScalarNode, Pos: pos, Scalar: tok}
	case json.Number:
		n := &Node{Kind: ScalarNode, Pos: pos, Scalar: tok.String(), Type: Int}
		if strings.ContainsAny(n.Scalar, ".eE") {
			n.Type = Float
		}
		return n
	case bool:
		n := &Node{Kind: ScalarNode, Pos: pos, Scalar: "false", Type: Bool}
		if tok {
			n.Scalar = "true"
		}
		return n
	}
	return &Node{Kind: NullNode, Pos: pos}
}

// object reads the members of an object whose "{" was read.
func (p *jsonParser) object(pos diag.Pos, depth int) *Node {
	m := newMapBuilder(pos)
	for p.dec.More() {
		keyPos := p.loc.pos(p.start())
		tok, err := p.dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		v := p.value(depth + 1)
		if d, ok := m.add(p.path, key, keyPos, v); !ok {
			p.diags = append(p.diags, d)
		}
	}
	p.dec.Token() // the closing }
	return m.node
}

// skip reads the rest of a value whose opening delimiter was read.
func (p *jsonParser) skip() {
	for open := 1; open > 0; {
		tok, err := p.dec.Token()
		if err != nil {
			return
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			open++
		case json.Delim('}'), json.Delim(']'):
			open--
		}
	}
}

// syntaxError places an error of encoding/json on the offending character,
// or after the last character when the text ends too early.
func (p *jsonParser) syntaxError(err error) diag.Diagnostic {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return diag.Errorf(p.path, p.loc.pos(0), "invalid JSON: %v", err)
	}
	off := int(se.Offset) - 1
	msg := se.Error()
	switch {
	case msg == "unexpected end of JSON input":
		off = len(bytes.TrimRight(p.src, " \t\n\r"))
		msg = `the JSON ends too early; a closing "}", "]" or quote is missing`
	case strings.HasSuffix(msg, "after object key:value pair"):
		msg = `expected "," or "}" after the value`
	case strings.HasSuffix(msg, "after array element"):
		msg = `expected "," or "]" after the list item`
	case strings.HasSuffix(msg, "looking for beginning of object key string"):
		msg = `expected a key in double quotes (no comma after the last value)`
	case strings.HasSuffix(msg, "after object key"):
		msg = `expected ":" after the key`
	case strings.HasSuffix(msg, "looking for beginning of value") && off >= 0 && off < len(p.src):
		r, _ := utf8.DecodeRune(p.src[off:])
		msg = fmt.Sprintf("expected a value, found %q", string(r))
	case strings.HasSuffix(msg, "after top-level value"):
		msg = "unexpected text after the end of the JSON"
	default:
		msg = "invalid JSON: " + msg
	}
	return diag.Errorf(p.path, p.loc.pos(off), "%s", msg)
}
