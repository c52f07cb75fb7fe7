package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"

	"github.com/alumni-site/alumni/internal/diag"
)

// yamlParser converts the node tree of go.yaml.in/yaml into ours.
type yamlParser struct {
	path      string
	src       []byte
	firstLine int
	loc       *locator
	diags     []diag.Diagnostic
	deep      bool // nesting beyond maxDepth was reported
}

// parseYAML parses one YAML document. An empty document (nothing, or only
// comments) is a NullNode at the first line.
func parseYAML(path string, src []byte, firstLine int) (*Node, []diag.Diagnostic) {
	p := &yamlParser{path: path, src: src, firstLine: firstLine, loc: newLocator(src, firstLine)}
	loader, err := yaml.NewLoader(bytes.NewReader(src), yaml.WithUniqueKeys(false))
	if err != nil {
		return nil, []diag.Diagnostic{p.syntaxError(err)}
	}
	var doc yaml.Node
	switch err := loader.Load(&doc); {
	case err == io.EOF:
		return &Node{Kind: NullNode, Pos: diag.Pos{Line: firstLine, Col: 1}}, nil
	case err != nil:
		return nil, []diag.Diagnostic{p.syntaxError(err)}
	}
	var next yaml.Node
	switch err := loader.Load(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, []diag.Diagnostic{p.syntaxError(err)}
	default:
		return nil, []diag.Diagnostic{diag.Errorf(path, p.pos(next.Line, next.Column),
			"a second YAML document starts here; only one is allowed")}
	}
	root := &Node{Kind: NullNode, Pos: p.pos(doc.Line, doc.Column)}
	if len(doc.Content) > 0 {
		root = p.convert(doc.Content[0], 0)
	}
	return root, p.diags
}

// pos returns the file position of a line and column of src.
func (p *yamlParser) pos(line, col int) diag.Pos {
	if line <= 0 {
		return diag.Pos{Line: p.firstLine}
	}
	return diag.Pos{Line: p.firstLine + line - 1, Col: col}
}

// markPos returns the file position of an error mark. The parser may place
// the end of the text on a line after it; such a mark moves back into the
// text.
func (p *yamlParser) markPos(m yaml.Mark) diag.Pos {
	if m.Line <= 0 {
		return diag.Pos{Line: p.firstLine}
	}
	return p.loc.clamp(m.Line, m.Column)
}

func (p *yamlParser) errorf(pos diag.Pos, format string, args ...any) {
	p.diags = append(p.diags, diag.Errorf(p.path, pos, format, args...))
}

// convert converts y, refusing anchors, aliases, merge keys, unknown tags
// and repeated keys. A refused value becomes a NullNode.
func (p *yamlParser) convert(y *yaml.Node, depth int) *Node {
	pos := p.pos(y.Line, y.Column)
	null := &Node{Kind: NullNode, Pos: pos}
	if depth > maxDepth {
		if !p.deep {
			p.deep = true
			p.diags = append(p.diags, nestedTooDeeply(p.path, pos))
		}
		return null
	}
	if y.Anchor != "" {
		p.errorf(pos, "anchors (&%s) are not supported; write the value out in full", y.Anchor)
	}
	switch y.Kind {
	case yaml.AliasNode:
		p.errorf(pos, "aliases (*%s) are not supported; write the value out in full", y.Value)
		return null
	case yaml.ScalarNode:
		return p.scalar(y, pos)
	case yaml.SequenceNode:
		n := &Node{Kind: ListNode, Pos: pos, Items: make([]*Node, 0, len(y.Content))}
		for _, item := range y.Content {
			n.Items = append(n.Items, p.convert(item, depth+1))
		}
		return n
	case yaml.MappingNode:
		return p.mapping(y, pos, depth)
	}
	p.errorf(pos, "unexpected YAML node")
	return null
}

// scalar types a scalar by its resolved tag. Timestamps stay text: YAML 1.2
// has no timestamp type, and our own types parse dates.
func (p *yamlParser) scalar(y *yaml.Node, pos diag.Pos) *Node {
	n := &Node{Kind: ScalarNode, Pos: pos, Scalar: y.Value}
	switch y.Tag {
	case "!!null":
		return &Node{Kind: NullNode, Pos: pos}
	case "!!bool":
		n.Type = Bool
	case "!!int":
		n.Type = Int
	case "!!float":
		n.Type = Float
	case "!!str", "!", "!!timestamp":
	default:
		p.errorf(pos, "YAML tag %q is not supported", y.Tag)
	}
	return n
}

func (p *yamlParser) mapping(y *yaml.Node, pos diag.Pos, depth int) *Node {
	m := newMapBuilder(pos)
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		keyPos := p.pos(k.Line, k.Column)
		switch {
		case k.Tag == "!!merge":
			p.errorf(keyPos, "merge keys (<<) are not supported; write the keys out in full")
			continue
		case k.Kind == yaml.AliasNode:
			p.errorf(keyPos, "aliases (*%s) are not supported; write the key out in full", k.Value)
			continue
		case k.Kind != yaml.ScalarNode:
			p.errorf(keyPos, "a key must be plain text, not a list or a map")
			continue
		case k.Anchor != "":
			p.errorf(keyPos, "anchors (&%s) are not supported; write the value out in full", k.Anchor)
		}
		value := p.convert(v, depth+1)
		if d, ok := m.add(p.path, k.Value, keyPos, value); !ok {
			p.diags = append(p.diags, d)
		}
	}
	return m.node
}

// syntaxError turns an error of the YAML parser into a diagnostic at the
// place an editor must look, in words an editor understands.
func (p *yamlParser) syntaxError(err error) diag.Diagnostic {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return diag.Errorf(p.path, diag.Pos{Line: p.firstLine}, "invalid YAML: %v", err)
	}
	at := p.markPos(le.Mark)
	opened := p.markPos(le.ContextMark)
	openedAt := fmt.Sprintf("line %d, column %d", opened.Line, opened.Col)
	msg := strings.TrimPrefix(le.Message, "yaml: ")
	switch {
	case msg == "could not find expected ':'" && opened.Col > 0:
		return diag.Errorf(p.path, opened, `expected "key: value", found a line without ":"`)
	case msg == "did not find expected ',' or ']'" && opened.Col > 0:
		return diag.Errorf(p.path, at, `expected "," or "]": the list opened at %s is not closed`, openedAt)
	case msg == "did not find expected ',' or '}'" && opened.Col > 0:
		return diag.Errorf(p.path, at, `expected "," or "}": the map opened at %s is not closed`, openedAt)
	case le.ContextMsg == "while scanning a quoted scalar" && msg == "found unexpected end of stream" && opened.Col > 0:
		return diag.Errorf(p.path, at, "the quoted text opened at %s is not closed", openedAt)
	case msg == "found character that cannot start any token":
		if r := p.runeAt(le.Mark); r == '\t' {
			return diag.Errorf(p.path, at, "a tab cannot indent YAML; use spaces")
		} else if r != 0 {
			return diag.Errorf(p.path, at, "%q cannot start a value; put the value in quotes", string(r))
		}
	case msg == "mapping values are not allowed in this context":
		return diag.Errorf(p.path, at, `unexpected ":"; put text containing ": " in quotes, or check the indentation`)
	case msg == "block sequence entries are not allowed in this context":
		return diag.Errorf(p.path, at, `unexpected list item ("-"); check the indentation`)
	case strings.Contains(msg, "tab character"):
		return diag.Errorf(p.path, at, "a tab cannot indent YAML; use spaces")
	case msg == "did not find expected key" || msg == "did not find expected '-' indicator":
		return diag.Errorf(p.path, at, "unexpected text; check the indentation and the quotes")
	}
	if opened.Col > 0 && le.ContextMsg != "" {
		return diag.Errorf(p.path, at, "invalid YAML: %s (%s at %s)", msg, le.ContextMsg, openedAt)
	}
	return diag.Errorf(p.path, at, "invalid YAML: %s", msg)
}

// runeAt returns the character at mark, or 0 when there is none.
func (p *yamlParser) runeAt(m yaml.Mark) rune {
	off := p.loc.offset(m.Line, m.Column)
	if off < 0 || off >= len(p.src) {
		return 0
	}
	r, _ := utf8.DecodeRune(p.src[off:])
	return r
}
