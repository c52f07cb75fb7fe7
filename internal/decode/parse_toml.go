package decode

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/alumni-site/alumni/internal/diag"
)

// tableKind says how a TOML table came to be, which decides whether a
// later header or key may add to it.
type tableKind int

const (
	implicitTable tableKind = iota // made by a dotted key or a longer header
	headerTable                    // defined by a [header]
	inlineTable                    // an inline { } table: closed once written
	tableArray                     // the list made by [[header]]s
)

// tomlParser builds our tree from the expressions of go-toml's parser,
// applying the TOML rules that the parser leaves to its caller: no key is
// defined twice, no table is defined twice.
type tomlParser struct {
	path  string
	src   []byte
	loc   *locator
	p     unstable.Parser
	kinds map[*Node]tableKind
	maps  map[*Node]*mapBuilder
	diags []diag.Diagnostic
	deep  bool // nesting beyond maxDepth was reported
}

// keyPart is one part of a dotted key.
type keyPart struct {
	name string
	pos  diag.Pos
	end  int // byte offset just past the part
}

func parseTOML(path string, src []byte, firstLine int) (*Node, []diag.Diagnostic) {
	t := &tomlParser{
		path:  path,
		src:   src,
		loc:   newLocator(src, firstLine),
		kinds: map[*Node]tableKind{},
		maps:  map[*Node]*mapBuilder{},
	}
	root := t.newMap(diag.Pos{Line: firstLine, Col: 1}, headerTable)
	current := root
	t.p.Reset(src)
	for t.p.NextExpression() {
		e := t.p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			t.keyValue(current, e, 0)
		case unstable.Table:
			current = t.table(root, e)
		case unstable.ArrayTable:
			current = t.arrayTable(root, e)
		}
	}
	if err := t.p.Error(); err != nil {
		return nil, append(t.diags, t.syntaxError(err))
	}
	return root, t.diags
}

func (t *tomlParser) errorf(pos diag.Pos, format string, args ...any) {
	t.diags = append(t.diags, diag.Errorf(t.path, pos, format, args...))
}

func (t *tomlParser) newMap(pos diag.Pos, kind tableKind) *Node {
	m := newMapBuilder(pos)
	t.maps[m.node] = m
	t.kinds[m.node] = kind
	return m.node
}

// lookup returns the value of key in table m, with the position of the key.
func (t *tomlParser) lookup(m *Node, key string) (*Node, diag.Pos) {
	if b := t.maps[m]; b != nil {
		if e, ok := b.lookup(key); ok {
			return e.Value, e.KeyPos
		}
	}
	return nil, diag.Pos{}
}

func (t *tomlParser) add(m *Node, part keyPart, v *Node) {
	if d, ok := t.maps[m].add(t.path, part.name, part.pos, v); !ok {
		t.diags = append(t.diags, d)
	}
}

// keyParts returns the parts of a dotted key.
func (t *tomlParser) keyParts(it unstable.Iterator) []keyPart {
	var parts []keyPart
	for it.Next() {
		k := it.Node()
		off := int(k.Raw.Offset)
		parts = append(parts, keyPart{name: string(k.Data), pos: t.loc.pos(off), end: off + int(k.Raw.Length)})
	}
	return parts
}

// dotted joins parts for a message.
func dotted(parts []keyPart) string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.name
	}
	return strings.Join(names, ".")
}

// descend returns the table that part names inside m, making it if needed;
// the last table of an array of tables stands for the array. It returns nil
// (and reports) when part already names something else.
func (t *tomlParser) descend(m *Node, part keyPart, name string) *Node {
	v, first := t.lookup(m, part.name)
	switch {
	case v == nil:
		n := t.newMap(part.pos, implicitTable)
		t.add(m, part, n)
		return n
	case v.Kind == MapNode && t.kinds[v] != inlineTable:
		return v
	case v.Kind == ListNode && t.kinds[v] == tableArray:
		return v.Items[len(v.Items)-1]
	}
	t.diags = append(t.diags, repeatedKey(t.path, name, part.pos, first))
	return nil
}

// walk descends through all parts but the last, from m.
func (t *tomlParser) walk(m *Node, parts []keyPart) *Node {
	if len(parts) > maxDepth {
		t.tooDeep(parts[0].pos)
		return nil
	}
	for i, part := range parts[:len(parts)-1] {
		if m = t.descend(m, part, dotted(parts[:i+1])); m == nil {
			return nil
		}
	}
	return m
}

// table handles a [header] and returns the table that the following keys
// go into. After an error that is a detached table, so that they go nowhere.
func (t *tomlParser) table(root *Node, e *unstable.Node) *Node {
	parts := t.keyParts(e.Key())
	detached := t.newMap(parts[0].pos, headerTable)
	m := t.walk(root, parts)
	if m == nil {
		return detached
	}
	last := parts[len(parts)-1]
	v, first := t.lookup(m, last.name)
	switch {
	case v == nil:
		n := t.newMap(last.pos, headerTable)
		t.add(m, last, n)
		return n
	case v.Kind == MapNode && t.kinds[v] == implicitTable:
		t.kinds[v] = headerTable
		return v
	}
	t.diags = append(t.diags, repeatedKey(t.path, dotted(parts), last.pos, first))
	return detached
}

// arrayTable handles a [[header]]: it appends a table to the array it names.
func (t *tomlParser) arrayTable(root *Node, e *unstable.Node) *Node {
	parts := t.keyParts(e.Key())
	detached := t.newMap(parts[0].pos, headerTable)
	m := t.walk(root, parts)
	if m == nil {
		return detached
	}
	last := parts[len(parts)-1]
	item := t.newMap(last.pos, headerTable)
	v, first := t.lookup(m, last.name)
	switch {
	case v == nil:
		list := &Node{Kind: ListNode, Pos: last.pos, Items: []*Node{item}}
		t.kinds[list] = tableArray
		t.add(m, last, list)
		return item
	case v.Kind == ListNode && t.kinds[v] == tableArray:
		v.Items = append(v.Items, item)
		return item
	}
	t.diags = append(t.diags, repeatedKey(t.path, dotted(parts), last.pos, first))
	return detached
}

// keyValue adds a key = value expression to table m.
func (t *tomlParser) keyValue(m *Node, e *unstable.Node, depth int) {
	parts := t.keyParts(e.Key())
	last := parts[len(parts)-1]
	if depth+len(parts) > maxDepth {
		t.tooDeep(parts[0].pos)
		return
	}
	if m = t.walk(m, parts); m == nil {
		return
	}
	if v, first := t.lookup(m, last.name); v != nil {
		t.diags = append(t.diags, repeatedKey(t.path, dotted(parts), last.pos, first))
		return
	}
	v, _ := t.value(e.Value(), skipTOML(t.src, last.end, " \t="), depth+len(parts))
	t.add(m, last, v)
}

func (t *tomlParser) tooDeep(pos diag.Pos) {
	if !t.deep {
		t.deep = true
		t.diags = append(t.diags, nestedTooDeeply(t.path, pos))
	}
}

// value converts the value v, which starts at byte offset start (go-toml
// records no range for arrays), and returns it with the offset of its end.
func (t *tomlParser) value(v *unstable.Node, start, depth int) (*Node, int) {
	if v.Raw.Length > 0 {
		start = int(v.Raw.Offset)
	}
	end := start + int(v.Raw.Length)
	pos := t.loc.pos(start)
	n := &Node{Kind: ScalarNode, Pos: pos, Scalar: string(v.Data)}
	if depth > maxDepth {
		t.tooDeep(pos)
		return &Node{Kind: NullNode, Pos: pos}, end
	}
	switch v.Kind {
	case unstable.String:
	case unstable.Bool:
		n.Type = Bool
	case unstable.Integer:
		n.Type = Int
		if i, err := parseTOMLInt(n.Scalar); err == nil {
			n.Scalar = strconv.FormatInt(i, 10)
		} else {
			t.errorf(pos, "the number %s is too large", n.Scalar)
		}
	case unstable.Float:
		n.Type = Float
		n.Scalar = strings.ReplaceAll(n.Scalar, "_", "")
	case unstable.DateTime, unstable.LocalDate, unstable.LocalDateTime, unstable.LocalTime:
		s, err := tomlTime(v.Kind, n.Scalar)
		if err != nil {
			t.errorf(pos, "invalid date or time %s", quote(n.Scalar))
		}
		n.Scalar = s
	case unstable.Array:
		n = &Node{Kind: ListNode, Pos: pos}
		end = start + 1
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind != unstable.Comment {
				var item *Node
				item, end = t.value(c, skipTOML(t.src, end, " \t\n,#"), depth+1)
				n.Items = append(n.Items, item)
			}
		}
		end = skipTOML(t.src, end, " \t\n,#") + 1
	case unstable.InlineTable:
		n = t.newMap(pos, inlineTable)
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				t.keyValue(n, c, depth+1)
				end = int(c.Raw.Offset + c.Raw.Length)
			}
		}
		end = skipTOML(t.src, end, " \t\n,#") + 1
	}
	return n, end
}

// skipTOML returns the offset of the first byte at or after off that is not
// in set; when set holds '#', comments are skipped to the end of their line.
func skipTOML(src []byte, off int, set string) int {
	for off < len(src) {
		switch c := src[off]; {
		case c == '#' && strings.IndexByte(set, '#') >= 0:
			for off < len(src) && src[off] != '\n' {
				off++
			}
		case strings.IndexByte(set, c) >= 0:
			off++
		default:
			return off
		}
	}
	return off
}

// parseTOMLInt parses a TOML integer: decimal with an optional sign, or
// hexadecimal, octal or binary with a prefix, with underscores between digits.
func parseTOMLInt(s string) (int64, error) {
	s = strings.ReplaceAll(s, "_", "")
	if len(s) > 2 && s[0] == '0' {
		switch s[1] {
		case 'x':
			return strconv.ParseInt(s[2:], 16, 64)
		case 'o':
			return strconv.ParseInt(s[2:], 8, 64)
		case 'b':
			return strconv.ParseInt(s[2:], 2, 64)
		}
	}
	return strconv.ParseInt(s, 10, 64)
}

// tomlTime checks a TOML date or time and writes it as RFC 3339: "T"
// between date and time, "Z" for UTC, seconds always present. Local dates
// and times keep having no offset.
func tomlTime(kind unstable.Kind, s string) (string, error) {
	if len(s) > 10 && (s[10] == ' ' || s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	s = strings.Replace(s, "z", "Z", 1)
	layouts := map[unstable.Kind]string{
		unstable.DateTime:      time.RFC3339Nano,
		unstable.LocalDateTime: "2006-01-02T15:04:05.999999999",
		unstable.LocalDate:     time.DateOnly,
		unstable.LocalTime:     "15:04:05.999999999",
	}
	// TOML 1.1 lets seconds be left out.
	clock := 11
	if kind == unstable.LocalTime {
		clock = 0
	}
	if kind != unstable.LocalDate && len(s) >= clock+5 && (len(s) == clock+5 || s[clock+5] != ':') {
		s = s[:clock+5] + ":00" + s[clock+5:]
	}
	if _, err := time.Parse(layouts[kind], s); err != nil {
		return s, errors.New("invalid date or time")
	}
	return s, nil
}

// syntaxError turns an error of go-toml's parser into a diagnostic at the
// place it highlights.
func (t *tomlParser) syntaxError(err error) diag.Diagnostic {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) {
		return diag.Errorf(t.path, t.loc.pos(0), "invalid TOML: %v", err)
	}
	pos := t.loc.pos(t.offsetOf(pe.Highlight))
	msg := pe.Message
	switch msg {
	case "expected '=' after key":
		msg = `expected "=" after the key`
	case "strings must be quoted":
		msg = "text must be in quotes"
	case "basic strings cannot have new lines", "literal strings cannot have new lines":
		msg = "the quoted text is not closed on its line"
	case "array is incomplete", "expected ',' or ']' after array value":
		msg = `expected "," or "]" to continue or close the list`
	case "inline table is incomplete", "expected ',' or '}' after inline table key-value":
		msg = `expected "," or "}" to continue or close the map`
	default:
		if strings.HasSuffix(msg, "at start of value") {
			msg = "expected a value; text must be in quotes"
		} else {
			msg = "invalid TOML: " + msg
		}
	}
	return diag.Errorf(t.path, pos, "%s", msg)
}

// offsetOf returns the offset of highlight in the parsed text, or 0 when
// the parser gave a highlight outside it.
func (t *tomlParser) offsetOf(highlight []byte) (off int) {
	defer func() {
		if recover() != nil {
			off = 0
		}
	}()
	return int(t.p.Range(highlight).Offset)
}
