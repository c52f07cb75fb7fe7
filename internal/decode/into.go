package decode

import (
	"encoding"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
)

// Positions maps a dotted key path ("title", "host.country", "tags.2") to
// the position of its value. The empty path is the root.
type Positions map[string]diag.Pos

// Into decodes n into v, a pointer (usually to a struct), by the rules in
// the package documentation. It reports every problem, not just the first, and returns
// the position of every value it decoded. A nil n decodes nothing.
func Into(path string, n *Node, v any) (Positions, []diag.Diagnostic) {
	d := &decoder{path: path, pos: Positions{}}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		d.errorf("", diag.Pos{}, "internal error: cannot decode into %T, a pointer is needed", v)
		return d.pos, d.diags
	}
	if n != nil {
		d.value("", n, rv.Elem(), 0)
	}
	return d.pos, d.diags
}

// decoder holds the state of one Into call.
type decoder struct {
	path  string
	pos   Positions
	diags []diag.Diagnostic
	deep  bool // nesting beyond maxDepth was reported
}

// errorf reports an error about the value at key path at pos.
func (d *decoder) errorf(key string, pos diag.Pos, format string, args ...any) {
	if key != "" {
		format = "%s: " + format
		args = append([]any{key}, args...)
	}
	d.diags = append(d.diags, diag.Errorf(d.path, pos, format, args...))
}

// join appends a map key or a list index to key path.
func join(key, part string) string {
	if key == "" {
		return part
	}
	return key + "." + part
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// value decodes n into v, which is settable. A NullNode leaves v as it is.
func (d *decoder) value(key string, n *Node, v reflect.Value, depth int) {
	if depth > maxDepth {
		if !d.deep {
			d.deep = true
			d.diags = append(d.diags, nestedTooDeeply(d.path, n.Pos))
		}
		return
	}
	d.pos[key] = n.Pos
	if n.Kind == NullNode {
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(key, n, v.Elem(), depth+1)
		return
	}
	if reflect.PointerTo(v.Type()).Implements(textUnmarshaler) {
		d.text(key, n, v)
		return
	}
	switch v.Kind() {
	case reflect.String:
		if d.scalar(key, n, "text") {
			v.SetString(n.Scalar)
		}
	case reflect.Bool:
		d.bool(key, n, v)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.int(key, n, v)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		d.uint(key, n, v)
	case reflect.Float32, reflect.Float64:
		d.float(key, n, v)
	case reflect.Slice:
		d.list(key, n, v, depth)
	case reflect.Map:
		d.mapping(key, n, v, depth)
	case reflect.Struct:
		d.structure(key, n, v, depth)
	case reflect.Interface:
		if v.NumMethod() > 0 {
			d.errorf(key, n.Pos, "internal error: cannot decode into %s", v.Type())
			return
		}
		if x := d.plain(key, n, depth); x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		d.errorf(key, n.Pos, "internal error: cannot decode into %s", v.Type())
	}
}

// scalar reports, and returns false, when n is not a scalar.
func (d *decoder) scalar(key string, n *Node, want string) bool {
	if n.Kind == ScalarNode {
		return true
	}
	d.errorf(key, n.Pos, "expected %s, got %s", want, describe(n))
	return false
}

// unquote hints at removing quotes around text that would otherwise have
// had the wanted type.
func unquote(n *Node, fits bool) string {
	if n.Type == String && fits {
		return " (remove the quotes)"
	}
	return ""
}

func (d *decoder) text(key string, n *Node, v reflect.Value) {
	if !d.scalar(key, n, "a single value") {
		return
	}
	if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Scalar)); err != nil {
		d.errorf(key, n.Pos, "%s", err.Error())
	}
}

// bool accepts only true and false, as YAML 1.2 spells them: yes, no, on
// and off are text.
func (d *decoder) bool(key string, n *Node, v reflect.Value) {
	const want = "true or false"
	if !d.scalar(key, n, want) {
		return
	}
	if n.Type != String && isBool(n.Scalar) {
		v.SetBool(n.Scalar[0] == 't' || n.Scalar[0] == 'T')
		return
	}
	d.errorf(key, n.Pos, "expected %s, got %s%s", want, quote(n.Scalar), unquote(n, isBool(n.Scalar)))
}

// isBool reports whether s spells true or false as YAML 1.2 does.
func isBool(s string) bool {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return true
	}
	return false
}

func (d *decoder) int(key string, n *Node, v reflect.Value) {
	const want = "a whole number"
	if !d.scalar(key, n, want) {
		return
	}
	i, err := parseInt(n.Scalar)
	switch {
	case n.Type == String || n.Type == Bool || (err != nil && !errors.Is(err, strconv.ErrRange)):
		d.errorf(key, n.Pos, "expected %s, got %s%s", want, quote(n.Scalar), unquote(n, err == nil))
	case err != nil || v.OverflowInt(i):
		d.errorf(key, n.Pos, "%s is out of range (expected %s between %d and %d)",
			n.Scalar, want, minInt(v.Type()), maxInt(v.Type()))
	default:
		v.SetInt(i)
	}
}

func (d *decoder) uint(key string, n *Node, v reflect.Value) {
	const want = "a whole number"
	if !d.scalar(key, n, want) {
		return
	}
	i, err := parseInt(n.Scalar)
	switch {
	case n.Type == String || n.Type == Bool || (err != nil && !errors.Is(err, strconv.ErrRange)):
		d.errorf(key, n.Pos, "expected %s, got %s%s", want, quote(n.Scalar), unquote(n, err == nil))
	case err != nil || i < 0 || v.OverflowUint(uint64(i)):
		d.errorf(key, n.Pos, "%s is out of range (expected %s between 0 and %d)",
			n.Scalar, want, uint64(math.MaxUint64)>>(64-v.Type().Bits()))
	default:
		v.SetUint(uint64(i))
	}
}

func minInt(t reflect.Type) int64 { return math.MinInt64 >> (64 - t.Bits()) }
func maxInt(t reflect.Type) int64 { return math.MaxInt64 >> (64 - t.Bits()) }

func (d *decoder) float(key string, n *Node, v reflect.Value) {
	const want = "a number"
	if !d.scalar(key, n, want) {
		return
	}
	f, err := parseFloat(n)
	switch {
	case (n.Type != Int && n.Type != Float) || (err != nil && !errors.Is(err, strconv.ErrRange)):
		d.errorf(key, n.Pos, "expected %s, got %s%s", want, quote(n.Scalar), unquote(n, err == nil))
	case err != nil || v.OverflowFloat(f):
		d.errorf(key, n.Pos, "%s is out of range", n.Scalar)
	default:
		v.SetFloat(f)
	}
}

func (d *decoder) list(key string, n *Node, v reflect.Value, depth int) {
	if n.Kind != ListNode {
		d.errorf(key, n.Pos, "expected a list, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Items), len(n.Items))
	for i, item := range n.Items {
		d.value(join(key, strconv.Itoa(i)), item, s.Index(i), depth+1)
	}
	v.Set(s)
}

// mapping decodes a map into a Go map with string keys, adding to the
// entries it already holds.
func (d *decoder) mapping(key string, n *Node, v reflect.Value, depth int) {
	t := v.Type()
	if t.Key().Kind() != reflect.String {
		d.errorf(key, n.Pos, "internal error: cannot decode into %s", t)
		return
	}
	if n.Kind != MapNode {
		d.errorf(key, n.Pos, "expected a map, got %s", describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(t, len(n.Entries)))
	}
	for _, e := range n.Entries {
		elem := reflect.New(t.Elem()).Elem()
		d.value(join(key, e.Key), e.Value, elem, depth+1)
		v.SetMapIndex(reflect.ValueOf(e.Key).Convert(t.Key()), elem)
	}
}

// structure decodes a map into a struct, field by field, and warns about
// keys that name no field.
func (d *decoder) structure(key string, n *Node, v reflect.Value, depth int) {
	if n.Kind != MapNode {
		if key == "" {
			d.errorf(key, n.Pos, "expected keys with values at the top level, got %s", describe(n))
			return
		}
		d.errorf(key, n.Pos, "expected a map, got %s", describe(n))
		return
	}
	fields := cachedFields(v.Type())
	for _, e := range n.Entries {
		i, ok := fields[e.Key]
		if !ok {
			d.unknown(e, fields)
			continue
		}
		d.value(join(key, e.Key), e.Value, v.FieldByIndex(i), depth+1)
	}
}

// fieldCache holds fieldsOf of every struct type decoded so far. Like
// encoding/json's cache of struct fields, it is shared by every decoding:
// it only ever holds what reflection says about a type, which never
// changes.
var fieldCache sync.Map // reflect.Type -> map[string][]int

// cachedFields returns fieldsOf(t), computed once per type. The map is
// shared: callers only read it.
func cachedFields(t reflect.Type) map[string][]int {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string][]int)
	}
	f, _ := fieldCache.LoadOrStore(t, fieldsOf(t))
	return f.(map[string][]int)
}

// fieldsOf maps the yaml tag names of t's exported fields to field index
// paths. A field without a yaml tag, or tagged "-", is not decoded. An
// embedded struct tagged `yaml:",inline"` contributes its own fields, as if
// they were written in t.
func fieldsOf(t reflect.Type) map[string][]int {
	fields := map[string][]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("yaml")
		if !ok || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" && opts == "inline" && f.Anonymous && f.Type.Kind() == reflect.Struct {
			for inner, index := range fieldsOf(f.Type) {
				fields[inner] = append([]int{i}, index...)
			}
			continue
		}
		if name != "" && name != "-" {
			fields[name] = []int{i}
		}
	}
	return fields
}

// plain converts n into plain Go values: string, int, float64, bool,
// []any, map[string]any, or nil for a NullNode.
func (d *decoder) plain(key string, n *Node, depth int) any {
	if depth > maxDepth {
		if !d.deep {
			d.deep = true
			d.diags = append(d.diags, nestedTooDeeply(d.path, n.Pos))
		}
		return nil
	}
	d.pos[key] = n.Pos
	switch n.Kind {
	case MapNode:
		m := make(map[string]any, len(n.Entries))
		for _, e := range n.Entries {
			m[e.Key] = d.plain(join(key, e.Key), e.Value, depth+1)
		}
		return m
	case ListNode:
		l := make([]any, len(n.Items))
		for i, item := range n.Items {
			l[i] = d.plain(join(key, strconv.Itoa(i)), item, depth+1)
		}
		return l
	case NullNode:
		return nil
	}
	switch n.Type {
	case Bool:
		if isBool(n.Scalar) {
			return n.Scalar[0] == 't' || n.Scalar[0] == 'T'
		}
	case Int:
		if i, err := parseInt(n.Scalar); err == nil && int64(int(i)) == i {
			return int(i)
		}
	case Float:
		if f, err := parseFloat(n); err == nil {
			return f
		}
	}
	return n.Scalar
}

// parseInt parses a whole number as YAML 1.2, TOML and JSON write it:
// decimal with an optional sign, 0x hexadecimal, 0o octal or 0b binary,
// with underscores between digits.
func parseInt(s string) (int64, error) {
	s = strings.ReplaceAll(s, "_", "")
	sign, digits := "", s
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		sign, digits = digits[:1], digits[1:]
	}
	base := 10
	if len(digits) > 2 && digits[0] == '0' {
		switch digits[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 10 {
			digits = digits[2:]
		}
	}
	if digits == "" || digits[0] == '+' || digits[0] == '-' {
		return 0, strconv.ErrSyntax
	}
	i, err := strconv.ParseInt(sign+digits, base, 64)
	if err != nil {
		return i, err.(*strconv.NumError).Err
	}
	return i, nil
}

// parseFloat parses an Int or Float scalar, including the spellings of
// infinity and NaN that YAML (.inf, .nan) and TOML (inf, nan) use.
func parseFloat(n *Node) (float64, error) {
	if n.Type == Int {
		i, err := parseInt(n.Scalar)
		return float64(i), err
	}
	s := strings.ToLower(strings.ReplaceAll(n.Scalar, "_", ""))
	switch strings.TrimLeft(s, "+-") {
	case ".inf", "inf":
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case ".nan", "nan":
		return math.NaN(), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return f, err.(*strconv.NumError).Err
	}
	return f, nil
}
