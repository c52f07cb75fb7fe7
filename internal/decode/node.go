package decode

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/alumni-site/alumni/internal/diag"
)

// Format is the syntax of a front matter block or a configuration file.
type Format int

const (
	// YAML is YAML 1.2, delimited by "---" lines in front matter.
	YAML Format = iota + 1
	// TOML is TOML 1.1, delimited by "+++" lines in front matter.
	TOML
	// JSON is a JSON object whose "{" and "}" stand on lines of their own.
	JSON
)

// String returns the name of f as editors know it.
func (f Format) String() string {
	switch f {
	case YAML:
		return "YAML"
	case TOML:
		return "TOML"
	case JSON:
		return "JSON"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// Kind is the shape of a Node.
type Kind int

const (
	// NullNode is an absent value, such as "photo:" with nothing after it.
	NullNode Kind = iota
	// ScalarNode is a single value: text, a number or true/false.
	ScalarNode
	// MapNode is a set of keys with values.
	MapNode
	// ListNode is a sequence of values.
	ListNode
)

// String returns the name of k.
func (k Kind) String() string {
	switch k {
	case NullNode:
		return "NullNode"
	case ScalarNode:
		return "ScalarNode"
	case MapNode:
		return "MapNode"
	case ListNode:
		return "ListNode"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ScalarType is the type a format gives a scalar: YAML resolves plain
// scalars with the YAML 1.2 core schema, TOML and JSON by their syntax.
type ScalarType int

const (
	// String is text: a quoted scalar, or a plain one that is no other type.
	String ScalarType = iota
	// Int is a whole number, such as 2020 or 0x1F.
	Int
	// Float is a number with a fraction or an exponent, or infinity or NaN.
	Float
	// Bool is true or false.
	Bool
)

// String returns the name of t.
func (t ScalarType) String() string {
	switch t {
	case String:
		return "String"
	case Int:
		return "Int"
	case Float:
		return "Float"
	case Bool:
		return "Bool"
	}
	return "ScalarType(" + strconv.Itoa(int(t)) + ")"
}

// Node is one value of a parsed document, with its position in the file.
type Node struct {
	Kind    Kind
	Pos     diag.Pos   // position of the value in the file
	Scalar  string     // literal text of a scalar
	Type    ScalarType // type of a scalar
	Entries []Entry    // entries of a MapNode, in document order
	Items   []*Node    // items of a ListNode
}

// Entry is one key of a MapNode with its value.
type Entry struct {
	Key    string
	KeyPos diag.Pos
	Value  *Node
}

// maxDepth bounds how deeply maps and lists may nest. Real front matter nests
// a few levels; the bound keeps every recursive walk in this package small.
const maxDepth = 100

// Parse parses src, written in format f, into a tree of Nodes. firstLine is
// the file line of src's first byte, so that every position is a file
// position. After a syntax error Parse returns a nil Node; after problems of
// meaning (a repeated key, an alias) it returns the tree without the
// offending values, so that Into can report further problems.
func Parse(path string, f Format, src []byte, firstLine int) (*Node, []diag.Diagnostic) {
	switch f {
	case YAML:
		return parseYAML(path, src, firstLine)
	case TOML:
		return parseTOML(path, src, firstLine)
	case JSON:
		return parseJSON(path, src, firstLine)
	}
	return nil, []diag.Diagnostic{diag.Errorf(path, diag.Pos{Line: firstLine}, "unknown format %v", f)}
}

// mapBuilder appends entries to a MapNode and refuses a key it already holds.
type mapBuilder struct {
	node  *Node
	index map[string]int // position of each key in node.Entries
}

func newMapBuilder(pos diag.Pos) *mapBuilder {
	return &mapBuilder{node: &Node{Kind: MapNode, Pos: pos}, index: map[string]int{}}
}

// lookup returns the entry for key, if there is one.
func (m *mapBuilder) lookup(key string) (Entry, bool) {
	i, ok := m.index[key]
	if !ok {
		return Entry{}, false
	}
	return m.node.Entries[i], true
}

// add appends key and its value, or returns the diagnostic for a key that
// is already present.
func (m *mapBuilder) add(path, key string, keyPos diag.Pos, v *Node) (diag.Diagnostic, bool) {
	if first, ok := m.lookup(key); ok {
		return repeatedKey(path, key, keyPos, first.KeyPos), false
	}
	m.index[key] = len(m.node.Entries)
	m.node.Entries = append(m.node.Entries, Entry{Key: key, KeyPos: keyPos, Value: v})
	return diag.Diagnostic{}, true
}

// repeatedKey reports key at pos, first seen at first.
func repeatedKey(path, key string, pos, first diag.Pos) diag.Diagnostic {
	return diag.Errorf(path, pos, "key %q repeated (first at line %d)", key, first.Line)
}

// nestedTooDeeply reports input nested beyond maxDepth.
func nestedTooDeeply(path string, pos diag.Pos) diag.Diagnostic {
	return diag.Errorf(path, pos, "values are nested too deeply (more than %d levels)", maxDepth)
}

// locator turns byte offsets in a text into file positions. It remembers
// the last column it computed, so that walking a long line from left to
// right stays linear.
type locator struct {
	src       []byte
	firstLine int
	starts    []int // byte offset of each line start
	lastOff   int
	lastCol   int
}

func newLocator(src []byte, firstLine int) *locator {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &locator{src: src, firstLine: firstLine, starts: starts, lastOff: -1}
}

// pos returns the file position of byte offset off.
func (l *locator) pos(off int) diag.Pos {
	off = min(max(off, 0), len(l.src))
	for off > 0 && off < len(l.src) && !utf8.RuneStart(l.src[off]) {
		off--
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start, col := l.starts[i], 1
	if l.lastOff >= start && l.lastOff <= off {
		start, col = l.lastOff, l.lastCol
	}
	col += utf8.RuneCount(l.src[start:off])
	l.lastOff, l.lastCol = off, col
	return diag.Pos{Line: l.firstLine + i, Col: col}
}

// clamp returns the file position of a 1-based line and column (in runes)
// counted from the start of src, moved back to the end of the text or of
// the line when it lies beyond: parsers may report a place after the end.
func (l *locator) clamp(line, col int) diag.Pos {
	if line > len(l.starts) {
		return l.pos(len(l.src))
	}
	end := len(l.src)
	if line < len(l.starts) {
		end = l.starts[line] - 1
	}
	col = min(col, utf8.RuneCount(l.src[l.starts[line-1]:end])+1)
	return diag.Pos{Line: l.firstLine + line - 1, Col: col}
}

// offset returns the byte offset of a 1-based line and column (in runes)
// counted from the start of src, or -1 when src has no such place.
func (l *locator) offset(line, col int) int {
	if line < 1 || line > len(l.starts) || col < 1 {
		return -1
	}
	off := l.starts[line-1]
	for range col - 1 {
		if off >= len(l.src) || l.src[off] == '\n' {
			return -1
		}
		_, size := utf8.DecodeRune(l.src[off:])
		off += size
	}
	return off
}

// describe names what n is, for messages that expect a map or a list.
func describe(n *Node) string {
	switch n.Kind {
	case MapNode:
		return "a map"
	case ListNode:
		return "a list"
	case NullNode:
		return "nothing"
	}
	switch n.Type {
	case Int, Float:
		return "a number"
	case Bool:
		return "the value " + n.Scalar
	}
	return "text"
}

// quote quotes the text of a scalar for a message, shortened if long.
func quote(s string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes]) + "…"
	}
	return strconv.Quote(s)
}

// found describes n after "got" in a message about a scalar value.
func found(n *Node) string {
	if n.Kind == ScalarNode {
		return quote(n.Scalar)
	}
	return describe(n)
}
