package templateexec

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// maxDepth bounds how deep templates may call templates here; deeper
// calls are left to html/template, which reports them.
const maxDepth = 1000

// Execute writes the template applied to data to w. On an error, which
// wraps ErrFallback, w holds part of the output; the caller discards it
// and executes the template with html/template.
func (t *Template) Execute(w *bytes.Buffer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s panicked: %v", ErrFallback, t.name, r)
		}
	}()
	dot := reflect.ValueOf(data)
	st := &state{w: w, vars: make([]variable, 1, 16)}
	st.vars[0] = variable{"$", dot}
	return t.exec(st, dot)
}

func (t *Template) exec(st *state, dot reflect.Value) error {
	if t.root == nil {
		return nil
	}
	return t.root.exec(st, dot)
}

// state is one execution: the output and the variables in scope, those
// of the template being executed starting at base (with $).
type state struct {
	w     *bytes.Buffer
	vars  []variable
	base  int
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

func (st *state) push(name string, v reflect.Value) { st.vars = append(st.vars, variable{name, v}) }
func (st *state) mark() int                         { return len(st.vars) }
func (st *state) pop(mark int)                      { st.vars = st.vars[:mark] }

// lookup returns the variable name of the template being executed.
func (st *state) lookup(name string) (reflect.Value, error) {
	for i := len(st.vars) - 1; i >= st.base; i-- {
		if st.vars[i].name == name {
			return st.vars[i].value, nil
		}
	}
	return reflect.Value{}, fallback("undefined variable %s", name)
}

// set assigns to the variable name ($x = ...).
func (st *state) set(name string, v reflect.Value) error {
	for i := len(st.vars) - 1; i >= st.base; i-- {
		if st.vars[i].name == name {
			st.vars[i].value = v
			return nil
		}
	}
	return fallback("undefined variable %s", name)
}

func fallback(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrFallback, fmt.Sprintf(format, args...))
}

// node is a compiled node of a template's tree.
type node interface {
	exec(st *state, dot reflect.Value) error
}

type listNode []node

func (l listNode) exec(st *state, dot reflect.Value) error {
	for _, n := range l {
		if err := n.exec(st, dot); err != nil {
			return err
		}
	}
	return nil
}

type textNode []byte

func (t textNode) exec(st *state, _ reflect.Value) error {
	st.w.Write(t)
	return nil
}

// actionNode prints its pipeline's escaped value, or declares variables
// (which stay in scope until the end of the enclosing control structure).
type actionNode struct {
	pipe *pipeline
	// direct is the pipeline's one command when it is a call whose text
	// goes to the escapers without a reflect.Value in between.
	direct *callCommand
}

func (a *actionNode) exec(st *state, dot reflect.Value) error {
	var s string
	var err error
	if a.direct != nil {
		var kind content
		if s, kind, err = a.direct.text(st, dot, reflect.Value{}, false); err == nil {
			s, err = escapeText(a.pipe.escape, s, kind)
		}
	} else {
		var v reflect.Value
		if v, err = a.pipe.eval(st, dot); err != nil || a.pipe.escape == nil {
			return err
		}
		args := [1]reflect.Value{v}
		s, err = escape(a.pipe.escape, args[:])
	}
	if err != nil {
		return err
	}
	st.w.WriteString(s)
	return nil
}

// branchNode is if, or with (which moves dot to the pipeline's value).
type branchNode struct {
	with           bool
	pipe           *pipeline
	list, elseList node
}

func (b *branchNode) exec(st *state, dot reflect.Value) error {
	defer st.pop(st.mark())
	v, err := b.pipe.eval(st, dot)
	if err != nil {
		return err
	}
	ok, known := truth(dynamic(v))
	if !known {
		return fallback("if/with can't use %v", v)
	}
	switch {
	case ok && b.list != nil:
		if b.with {
			return b.list.exec(st, v)
		}
		return b.list.exec(st, dot)
	case !ok && b.elseList != nil:
		return b.elseList.exec(st, dot)
	}
	return nil
}

// rangeNode ranges over a slice or an array; anything else is left to
// html/template.
type rangeNode struct {
	pipe           *pipeline
	list, elseList node
}

func (r *rangeNode) exec(st *state, dot reflect.Value) error {
	defer st.pop(st.mark())
	v, err := r.pipe.eval(st, dot)
	if err != nil {
		return err
	}
	v, _ = indirect(v)
	switch {
	case !v.IsValid():
	case v.Kind() == reflect.Slice, v.Kind() == reflect.Array:
	case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String:
	default:
		return fallback("range over %s", v.Kind())
	}
	if !v.IsValid() || v.Len() == 0 {
		if r.elseList != nil {
			return r.elseList.exec(st, dot)
		}
		return nil
	}
	if v.Kind() == reflect.Map {
		return r.overMap(st, v)
	}
	// The pipeline pushed its variables; each iteration sets them, the
	// element into the last one and the index into the one before.
	mark := st.mark()
	for i := range v.Len() {
		if err := r.iteration(st, mark, reflect.ValueOf(i), v.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

// overMap ranges over a map with string keys, in the keys' order, the key
// being the index.
func (r *rangeNode) overMap(st *state, m reflect.Value) error {
	keys := m.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	mark := st.mark()
	for _, k := range keys {
		if err := r.iteration(st, mark, k, m.MapIndex(k)); err != nil {
			return err
		}
	}
	return nil
}

// iteration runs the body once, with elem as dot.
func (r *rangeNode) iteration(st *state, mark int, index, elem reflect.Value) error {
	if err := r.setVars(st, mark, index, elem); err != nil {
		return err
	}
	if r.list != nil {
		if err := r.list.exec(st, elem); err != nil {
			return err
		}
	}
	st.pop(mark)
	return nil
}

func (r *rangeNode) setVars(st *state, mark int, index, elem reflect.Value) error {
	decl := r.pipe.decl
	if len(decl) == 0 {
		return nil
	}
	if r.pipe.assign {
		if len(decl) == 1 {
			return st.set(decl[0], elem)
		}
		if err := st.set(decl[0], index); err != nil {
			return err
		}
		return st.set(decl[1], elem)
	}
	st.vars[mark-1].value = elem
	if len(decl) == 2 {
		st.vars[mark-2].value = index
	}
	return nil
}

// templateNode executes another template with the pipeline's value as
// dot and $, and none of the caller's variables.
type templateNode struct {
	tmpl *Template
	pipe *pipeline // nil: dot is nil
}

func (t *templateNode) exec(st *state, dot reflect.Value) error {
	var v reflect.Value
	if t.pipe != nil {
		var err error
		if v, err = t.pipe.eval(st, dot); err != nil {
			return err
		}
	}
	if st.depth >= maxDepth {
		return fallback("templates nested deeper than %d", maxDepth)
	}
	base, mark := st.base, st.mark()
	st.depth++
	st.base = mark
	st.push("$", v)
	err := t.tmpl.exec(st, v)
	st.pop(mark)
	st.base = base
	st.depth--
	return err
}

// pipeline is a compiled pipeline: its commands, the variables it
// declares, and the escapers html/template put at its end.
type pipeline struct {
	decl   []string
	assign bool
	cmds   []command
	escape []escaper
}

func (p *pipeline) eval(st *state, dot reflect.Value) (reflect.Value, error) {
	var v reflect.Value
	for i, c := range p.cmds {
		var err error
		if v, err = c.eval(st, dot, v, i > 0); err != nil {
			return reflect.Value{}, err
		}
		// A value of type any is looked at as the value inside it.
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	for _, name := range p.decl {
		if p.assign {
			if err := st.set(name, v); err != nil {
				return reflect.Value{}, err
			}
		} else {
			st.push(name, v)
		}
	}
	return v, nil
}

// truth reports whether v is true for if and with: not the zero value of
// its kind, and not empty; known is false for a kind that has no truth.
func truth(v reflect.Value) (ok, known bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// indirect follows pointers and interfaces down to a value that is
// neither, or to a nil one (isNil).
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}
