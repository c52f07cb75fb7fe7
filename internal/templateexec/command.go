package templateexec

import (
	"html/template"
	"reflect"
	"sync/atomic"
	"time"
)

// command is one command of a pipeline; final is the value of the command
// before it, passed as the last argument when hasFinal.
type command interface {
	eval(st *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error)
}

// operand is an argument of a function or the receiver of a chain.
type operand interface {
	value(st *state, dot reflect.Value) (reflect.Value, error)
}

type dotOperand struct{}

func (dotOperand) value(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }

type nilOperand struct{}

func (nilOperand) value(*state, reflect.Value) (reflect.Value, error) {
	return reflect.Value{}, fallback("nil is not a value")
}

type variableOperand string

func (v variableOperand) value(st *state, _ reflect.Value) (reflect.Value, error) {
	return st.lookup(string(v))
}

// constOperand is a string, number or boolean constant; v is its value
// where no type is asked for (constValue gives it a parameter's type).
type constOperand struct{ v reflect.Value }

func (c constOperand) value(*state, reflect.Value) (reflect.Value, error) { return c.v, nil }

type pipeOperand struct{ p *pipeline }

// value evaluates a parenthesized pipeline; a variable it declares stays
// in scope after it, as in text/template.
func (o pipeOperand) value(st *state, dot reflect.Value) (reflect.Value, error) {
	return o.p.eval(st, dot)
}

type commandOperand struct{ cmd command }

func (o commandOperand) value(st *state, dot reflect.Value) (reflect.Value, error) {
	return o.cmd.eval(st, dot, reflect.Value{}, false)
}

// operandCommand is a command that is just a value.
type operandCommand struct{ o operand }

func (c operandCommand) eval(st *state, dot, _ reflect.Value, hasFinal bool) (reflect.Value, error) {
	if hasFinal {
		return reflect.Value{}, fallback("can't give argument to non-function")
	}
	return c.o.value(st, dot)
}

// chainCommand is a receiver followed by field, key or method names:
// .A.B, $x.A, (pipeline).A. The last name gets the arguments.
type chainCommand struct {
	recv  operand
	steps []*step
	args  []operand
}

func (c *chainCommand) eval(st *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	v, err := c.recv.value(st, dot)
	if err != nil {
		return reflect.Value{}, err
	}
	last := len(c.steps) - 1
	for i, s := range c.steps {
		if i < last {
			v, err = s.eval(st, dot, v, nil, reflect.Value{}, false)
		} else {
			v, err = s.eval(st, dot, v, c.args, final, hasFinal)
		}
		if err != nil {
			return reflect.Value{}, err
		}
	}
	return v, nil
}

// step is one name of a chain. It remembers how the name resolved for the
// receiver type it last saw, so that a template executed for page after
// page of the same type looks each name up once.
type step struct {
	name  string
	key   reflect.Value // name as a map key
	cache atomic.Pointer[resolution]
}

// resolution is how a name resolved on a receiver type.
type resolution struct {
	// recv is the receiver's type once pointers and interfaces are
	// followed; ptr is the type whose methods are looked at (a pointer to
	// recv when the receiver can be addressed).
	recv, ptr reflect.Type
	method    int          // the index of the method in ptr's method set, or -1
	mtype     reflect.Type // the method's type, receiver bound
	field     []int        // the index of the field
	mapKey    bool         // the receiver is a map with string keys
}

// eval resolves the name on recv as text/template does: a method of the
// receiver (or of a pointer to it), else a field of a struct, else a key
// of a map.
func (s *step) eval(st *state, dot, recv reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if !recv.IsValid() {
		return reflect.Value{}, fallback("nil data; no entry for key %q", s.name)
	}
	r, isNil := indirect(recv)
	if r.Kind() == reflect.Interface && isNil {
		return reflect.Value{}, fallback("nil pointer evaluating %s.%s", recv.Type(), s.name)
	}
	ptr := r
	if ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	res := s.cache.Load()
	if res == nil || res.recv != r.Type() || res.ptr != ptr.Type() {
		res = s.resolve(r, ptr)
		s.cache.Store(res)
	}
	hasArgs := len(args) > 0 || hasFinal
	switch {
	case res.method >= 0:
		return call(st, dot, ptr.Method(res.method), res.mtype, args, final, hasFinal)
	case res.field != nil:
		if isNil || hasArgs {
			return reflect.Value{}, fallback("field %s of a nil pointer or with arguments", s.name)
		}
		v, err := r.FieldByIndexErr(res.field)
		if err != nil {
			return reflect.Value{}, fallback("%v", err)
		}
		return v, nil
	case res.mapKey:
		if hasArgs {
			return reflect.Value{}, fallback("%s is not a method but has arguments", s.name)
		}
		return r.MapIndex(s.key), nil
	}
	return reflect.Value{}, fallback("can't evaluate field %s in type %s", s.name, recv.Type())
}

func (s *step) resolve(r, ptr reflect.Value) *resolution {
	res := &resolution{recv: r.Type(), ptr: ptr.Type(), method: -1}
	if m, ok := ptr.Type().MethodByName(s.name); ok && ptr.Kind() != reflect.Interface {
		res.method = m.Index
		res.mtype = ptr.Method(m.Index).Type()
		return res
	}
	switch r.Kind() {
	case reflect.Struct:
		if f, ok := r.Type().FieldByName(s.name); ok && f.IsExported() {
			res.field = f.Index
		}
	case reflect.Map:
		res.mapKey = r.Type().Key() == stringType
	}
	return res
}

// callCommand calls a function of the FuncMap.
type callCommand struct {
	name string
	fn   reflect.Value
	args []operand
	// direct, when set, calls fn without reflect (see directCall).
	direct directFunc
}

// directFunc calls a function of a known signature with arguments already
// of its parameters' types, and returns its result as text of a content
// kind.
type directFunc func(args []reflect.Value) (string, content, error)

var timeType = reflect.TypeFor[time.Time]()

// directCall returns a directFunc for the signatures of the functions
// that layouts call most (T, asset, country, date, partialCached), and
// nil for any other.
func directCall(fn any) directFunc {
	switch f := fn.(type) {
	case func(string) string:
		return func(a []reflect.Value) (string, content, error) { return f(a[0].String()), plainText, nil }
	case func(string) (string, error):
		return func(a []reflect.Value) (string, content, error) {
			s, err := f(a[0].String())
			return s, plainText, err
		}
	case func(time.Time) string:
		return func(a []reflect.Value) (string, content, error) {
			if a[0].Type() != timeType {
				return "", 0, fallback("not a time.Time")
			}
			return f(a[0].Interface().(time.Time)), plainText, nil
		}
	case func(string, any, ...any) (template.HTML, error):
		return func(a []reflect.Value) (string, content, error) {
			h, err := f(a[0].String(), anyOf(a[1]), interfaces(a[2:])...)
			return string(h), htmlContent, err
		}
	}
	return nil
}

// anyOf returns v as an any; an invalid value is nil.
func anyOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func newCall(name string, fn reflect.Value, args []operand) *callCommand {
	return &callCommand{name: name, fn: fn, args: args, direct: directCall(fn.Interface())}
}

func (c *callCommand) eval(st *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if c.direct == nil {
		return call(st, dot, c.fn, c.fn.Type(), c.args, final, hasFinal)
	}
	s, kind, err := c.text(st, dot, final, hasFinal)
	if err != nil {
		return reflect.Value{}, err
	}
	if kind == htmlContent {
		return reflect.ValueOf(template.HTML(s)), nil
	}
	return reflect.ValueOf(s), nil
}

// text calls a function that has a directFunc and returns its result as
// text, without making a reflect.Value of it.
func (c *callCommand) text(st *state, dot, final reflect.Value, hasFinal bool) (string, content, error) {
	var buf [4]reflect.Value
	argv, err := arguments(st, dot, c.fn.Type(), c.args, final, hasFinal, buf[:0])
	if err != nil {
		return "", 0, err
	}
	s, kind, err := c.direct(argv)
	if err != nil {
		return "", 0, fallback("%s: %v", c.name, err)
	}
	return s, kind, nil
}

// call calls fn, of type typ, with the arguments args and final, each
// converted to its parameter's type as text/template does. A function that
// returns an error fails the call.
func call(st *state, dot, fn reflect.Value, typ reflect.Type, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if typ.NumOut() == 0 || typ.NumOut() > 2 || (typ.NumOut() == 2 && typ.Out(1) != errorType) {
		return reflect.Value{}, fallback("a function of %d results", typ.NumOut())
	}
	var buf [4]reflect.Value
	argv, err := arguments(st, dot, typ, args, final, hasFinal, buf[:0])
	if err != nil {
		return reflect.Value{}, err
	}
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, fallback("%v", out[1].Interface())
	}
	if v := out[0]; v.Type() == reflectValueType {
		return v.Interface().(reflect.Value), nil
	}
	return out[0], nil
}

// arguments evaluates the arguments of a call of a function of type typ
// and appends them to argv, each converted to its parameter's type.
func arguments(st *state, dot reflect.Value, typ reflect.Type, args []operand, final reflect.Value, hasFinal bool, argv []reflect.Value) ([]reflect.Value, error) {
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return nil, fallback("wrong number of arguments")
		}
	} else if numIn != typ.NumIn() {
		return nil, fallback("wrong number of arguments")
	}
	for i, a := range args {
		var t reflect.Type
		if i < numFixed {
			t = typ.In(i)
		} else {
			t = typ.In(typ.NumIn() - 1).Elem()
		}
		v, err := argValue(st, dot, a, t)
		if err != nil {
			return nil, err
		}
		argv = append(argv, v)
	}
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		v, err := convert(final, t)
		if err != nil {
			return nil, err
		}
		argv = append(argv, v)
	}
	return argv, nil
}

// argValue evaluates an argument for a parameter of type t: a constant
// becomes a value of t's kind, anything else is converted (convert).
func argValue(st *state, dot reflect.Value, a operand, t reflect.Type) (reflect.Value, error) {
	switch a := a.(type) {
	case nilOperand:
		if canBeNil(t) {
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fallback("cannot assign nil to %s", t)
	case constOperand:
		return constValue(a, t)
	}
	v, err := a.value(st, dot)
	if err != nil {
		return reflect.Value{}, err
	}
	return convert(v, t)
}

// constValue is a constant as a value of type t.
func constValue(c constOperand, t reflect.Type) (reflect.Value, error) {
	v := c.v
	if t.Kind() == reflect.Interface && t.NumMethod() == 0 {
		return v, nil
	}
	switch {
	case v.Kind() == reflect.String && t.Kind() == reflect.String,
		v.Kind() == reflect.Bool && t.Kind() == reflect.Bool,
		v.Kind() == reflect.Int && isInt(t.Kind()):
		return v.Convert(t), nil
	}
	return reflect.Value{}, fallback("constant for a parameter of type %s", t)
}

func isInt(k reflect.Kind) bool {
	return k == reflect.Int || k == reflect.Int8 || k == reflect.Int16 || k == reflect.Int32 || k == reflect.Int64
}

// convert makes v fit a parameter of type t, as text/template does: an
// invalid value becomes t's nil, an interface gives its content, and one
// dereference or one address-of is tried.
func convert(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if canBeNil(t) {
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fallback("invalid value; expected %s", t)
	}
	if t == reflectValueType && v.Type() != t {
		return reflect.ValueOf(v), nil
	}
	if v.Type().AssignableTo(t) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(t) {
			return v, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(t):
		if v.IsNil() {
			return reflect.Value{}, fallback("dereference of nil pointer of type %s", t)
		}
		return v.Elem(), nil
	case reflect.PointerTo(v.Type()).AssignableTo(t) && v.CanAddr():
		return v.Addr(), nil
	}
	return reflect.Value{}, fallback("wrong type for value; expected %s; got %s", t, v.Type())
}

func canBeNil(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return t == reflectValueType
	}
	return false
}

var reflectValueType = reflect.TypeFor[reflect.Value]()
