package templateexec

import (
	"fmt"
	"reflect"
)

// builtin is a builtin function of text/template: it gets its arguments
// unevaluated, so that and and or can stop early.
type builtin func(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error)

// builtins are the builtins this package runs; a template calling another
// one is refused.
var builtins = map[string]builtin{
	"and":     andOr(false),
	"or":      andOr(true),
	"not":     not,
	"eq":      compare(func(c int) bool { return c == 0 }, true),
	"ne":      compare(func(c int) bool { return c != 0 }, false),
	"lt":      compare(func(c int) bool { return c < 0 }, false),
	"le":      compare(func(c int) bool { return c <= 0 }, false),
	"gt":      compare(func(c int) bool { return c > 0 }, false),
	"ge":      compare(func(c int) bool { return c >= 0 }, false),
	"len":     length,
	"index":   index,
	"printf":  printf,
	"print":   sprint(fmt.Sprint),
	"println": sprint(fmt.Sprintln),
}

// builtinCommand calls a builtin.
type builtinCommand struct {
	name string
	fn   builtin
	args []operand
}

func (b *builtinCommand) eval(st *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	return b.fn(st, dot, b.args, final, hasFinal)
}

// values evaluates the arguments of a builtin, final last.
func values(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) ([]reflect.Value, error) {
	out := make([]reflect.Value, 0, len(args)+1)
	for _, a := range args {
		if _, ok := a.(nilOperand); ok {
			return nil, fallback("nil is not a command")
		}
		v, err := a.value(st, dot)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if hasFinal {
		out = append(out, final)
	}
	return out, nil
}

// andOr returns and (or: false) or or (true): the first argument whose
// truth is or's, else the last one.
func andOr(or bool) builtin {
	return func(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		if len(args) == 0 && !hasFinal {
			return reflect.Value{}, fallback("wrong number of arguments")
		}
		var v reflect.Value
		for _, a := range args {
			var err error
			if v, err = a.value(st, dot); err != nil {
				return reflect.Value{}, err
			}
			if ok, _ := truth(dynamic(v)); ok == or {
				return v, nil
			}
		}
		if hasFinal {
			v = final
		}
		return v, nil
	}
}

func not(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(st, dot, args, final, hasFinal)
	if err != nil {
		return reflect.Value{}, err
	}
	if len(vs) != 1 {
		return reflect.Value{}, fallback("wrong number of arguments for not")
	}
	ok, _ := truth(dynamic(vs[0]))
	return reflect.ValueOf(!ok), nil
}

func length(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(st, dot, args, final, hasFinal)
	if err != nil {
		return reflect.Value{}, err
	}
	if len(vs) != 1 {
		return reflect.Value{}, fallback("wrong number of arguments for len")
	}
	v, isNil := indirect(vs[0])
	if isNil {
		return reflect.Value{}, fallback("len of nil pointer")
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(v.Len()), nil
	}
	return reflect.Value{}, fallback("len of %s", v.Kind())
}

// sprint returns print or println: the arguments given to fmt.Sprint or
// fmt.Sprintln.
func sprint(f func(...any) string) builtin {
	return func(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		vs, err := values(st, dot, args, final, hasFinal)
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(f(interfaces(vs)...)), nil
	}
}

// interfaces returns the values as arguments of type any; an invalid
// value is nil.
func interfaces(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		if v.IsValid() {
			out[i] = v.Interface()
		}
	}
	return out
}

// index indexes slices, arrays and strings with integers and maps with
// keys of their key type; a missing key gives the zero value.
func index(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(st, dot, args, final, hasFinal)
	if err != nil {
		return reflect.Value{}, err
	}
	if len(vs) == 0 {
		return reflect.Value{}, fallback("wrong number of arguments for index")
	}
	item := dynamic(vs[0])
	if !item.IsValid() || item.Kind() == reflect.Interface {
		return reflect.Value{}, fallback("index of untyped nil")
	}
	for _, x := range vs[1:] {
		x = dynamic(x)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, fallback("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			var i int64
			switch basicKind(x) {
			case kindInt:
				i = x.Int()
			case kindUint:
				if x.Uint() > uint64(item.Len()) {
					return reflect.Value{}, fallback("index out of range")
				}
				i = int64(x.Uint())
			default:
				return reflect.Value{}, fallback("cannot index with %s", x.Kind())
			}
			if i < 0 || i >= int64(item.Len()) {
				return reflect.Value{}, fallback("index out of range: %d", i)
			}
			item = item.Index(int(i))
		case reflect.Map:
			if !x.IsValid() || !x.Type().AssignableTo(item.Type().Key()) {
				return reflect.Value{}, fallback("a map key of another type")
			}
			if v := item.MapIndex(x); v.IsValid() {
				item = v
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, fallback("can't index item of type %s", item.Type())
		}
	}
	return item, nil
}

func printf(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	vs, err := values(st, dot, args, final, hasFinal)
	if err != nil {
		return reflect.Value{}, err
	}
	if len(vs) == 0 {
		return reflect.Value{}, fallback("wrong number of arguments for printf")
	}
	format, err := convert(vs[0], stringType)
	if err != nil {
		return reflect.Value{}, err
	}
	return reflect.ValueOf(fmt.Sprintf(format.String(), interfaces(vs[1:])...)), nil
}

// compare returns eq (many: it takes several right-hand values, any of
// which may match), ne, lt, le, gt or ge, for values of the basic kinds;
// pointers and other kinds are left to html/template.
func compare(holds func(int) bool, many bool) builtin {
	return func(st *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		vs, err := values(st, dot, args, final, hasFinal)
		if err != nil {
			return reflect.Value{}, err
		}
		if len(vs) < 2 || (!many && len(vs) != 2) {
			return reflect.Value{}, fallback("wrong number of arguments for a comparison")
		}
		a := dynamic(vs[0])
		for _, b := range vs[1:] {
			c, err := order(a, dynamic(b), many)
			if err != nil {
				return reflect.Value{}, err
			}
			if holds(c) {
				return reflect.ValueOf(true), nil
			}
		}
		return reflect.ValueOf(false), nil
	}
}

// order compares a and b of the basic kinds (-1, 0, 1); for equality
// alone (eqOnly), booleans compare too, as unequal (1) when they differ.
func order(a, b reflect.Value, eqOnly bool) (int, error) {
	ka, kb := basicKind(a), basicKind(b)
	switch {
	case ka == kindInt && kb == kindInt:
		return cmp3(a.Int(), b.Int()), nil
	case ka == kindUint && kb == kindUint:
		return cmp3(a.Uint(), b.Uint()), nil
	case ka == kindInt && kb == kindUint:
		if a.Int() < 0 {
			return -1, nil
		}
		return cmp3(uint64(a.Int()), b.Uint()), nil
	case ka == kindUint && kb == kindInt:
		if b.Int() < 0 {
			return 1, nil
		}
		return cmp3(a.Uint(), uint64(b.Int())), nil
	case ka == kindFloat && kb == kindFloat:
		x, y := a.Float(), b.Float()
		if x != x || y != y {
			return 0, fallback("NaN in a comparison")
		}
		return cmp3(x, y), nil
	case ka == kindString && kb == kindString:
		return cmp3(a.String(), b.String()), nil
	case ka == kindBool && kb == kindBool && eqOnly:
		if a.Bool() == b.Bool() {
			return 0, nil
		}
		return 1, nil
	}
	return 0, fallback("a comparison of %s and %s", a.Kind(), b.Kind())
}

type kind int

const (
	kindOther kind = iota
	kindBool
	kindInt
	kindUint
	kindFloat
	kindString
)

func basicKind(v reflect.Value) kind {
	switch v.Kind() {
	case reflect.Bool:
		return kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return kindInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return kindUint
	case reflect.Float32, reflect.Float64:
		return kindFloat
	case reflect.String:
		return kindString
	}
	return kindOther
}

func cmp3[T int64 | uint64 | float64 | string](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
