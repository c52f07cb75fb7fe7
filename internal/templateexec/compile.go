package templateexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
)

// ErrUnsupported is wrapped by Compile's errors: the template needs
// something this package leaves to html/template.
var ErrUnsupported = errors.New("not supported by templateexec")

// ErrFallback is wrapped by Execute's errors: html/template must execute
// the template instead, for its output or for its error message.
var ErrFallback = errors.New("left to html/template")

// A Set compiles the templates of one html/template set. It is safe for
// concurrent use.
type Set struct {
	tmpl  *template.Template
	funcs template.FuncMap

	mu       sync.Mutex
	compiled map[string]*Template
	refused  map[string]error
}

// New returns a Set for the templates of tmpl, whose functions are funcs
// (the FuncMap the set was given; html/template's escapers are known
// without it).
func New(tmpl *template.Template, funcs template.FuncMap) *Set {
	return &Set{tmpl: tmpl, funcs: funcs, compiled: map[string]*Template{}, refused: map[string]error{}}
}

// Template is a compiled template.
type Template struct {
	name string
	root node
}

// Compile compiles the template name and every template it calls. Only a
// template that html/template has executed on the same set may be compiled
// (see the package documentation). A template this package cannot run is
// refused with an error wrapping ErrUnsupported, the same error every time.
func (s *Set) Compile(name string) (*Template, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refused[name]; err != nil {
		return nil, err
	}
	c := &compiler{set: s, pending: map[string]*Template{}}
	t, err := c.template(name)
	if err != nil {
		s.refused[name] = err
		return nil, err
	}
	for n, pt := range c.pending {
		s.compiled[n] = pt
	}
	return t, nil
}

// compiler compiles one template and those it calls; pending holds the
// templates compiled so far in this run, which become the set's only when
// the whole run succeeds.
type compiler struct {
	set     *Set
	pending map[string]*Template
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

// template returns the compiled template name, compiling it first. A
// template that calls itself gets the Template being compiled.
func (c *compiler) template(name string) (*Template, error) {
	if t := c.set.compiled[name]; t != nil {
		return t, nil
	}
	if t := c.pending[name]; t != nil {
		return t, nil
	}
	src := c.set.tmpl.Lookup(name)
	if src == nil || src.Tree == nil || src.Tree.Root == nil {
		return nil, unsupported("no template %q in the set", name)
	}
	t := &Template{name: name}
	c.pending[name] = t
	root, err := c.list(src.Tree.Root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t.root = root
	return t, nil
}

func (c *compiler) list(l *parse.ListNode) (node, error) {
	if l == nil {
		return nil, nil
	}
	var out listNode
	for _, n := range l.Nodes {
		x, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if x == nil {
			continue
		}
		// Adjacent text (html/template leaves some) is written at once.
		if t, ok := x.(textNode); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(textNode); ok {
				out[len(out)-1] = textNode(append(bytes.Clone(prev), t...))
				continue
			}
		}
		out = append(out, x)
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return out, nil
}

func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) == 0 {
			return nil, nil
		}
		return textNode(bytes.Clone(n.Text)), nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		p, err := c.pipeline(n.Pipe)
		if err != nil {
			return nil, err
		}
		if len(p.decl) == 0 && p.escape == nil {
			return nil, unsupported("line %d: an action prints without an escaper", n.Line)
		}
		if len(p.decl) > 0 && p.escape != nil {
			return nil, unsupported("line %d: an escaped declaration", n.Line)
		}
		a := &actionNode{pipe: p}
		// {{ T "key" }}, {{ partialCached ... }}: the text goes from the
		// function to the escapers as it is.
		if c, ok := p.cmds[0].(*callCommand); ok && len(p.cmds) == 1 && c.direct != nil && p.escape != nil {
			a.direct = c
		}
		return a, nil
	case *parse.IfNode:
		p, list, elseList, err := c.branch(&n.BranchNode)
		return &branchNode{pipe: p, list: list, elseList: elseList}, err
	case *parse.WithNode:
		p, list, elseList, err := c.branch(&n.BranchNode)
		return &branchNode{with: true, pipe: p, list: list, elseList: elseList}, err
	case *parse.RangeNode:
		p, list, elseList, err := c.branch(&n.BranchNode)
		if err == nil && len(p.decl) > 2 {
			err = unsupported("line %d: range with %d variables", n.Line, len(p.decl))
		}
		return &rangeNode{pipe: p, list: list, elseList: elseList}, err
	case *parse.TemplateNode:
		t, err := c.template(n.Name)
		if err != nil {
			return nil, err
		}
		var p *pipeline
		if n.Pipe != nil {
			if p, err = c.control(n.Pipe); err != nil {
				return nil, err
			}
		}
		return &templateNode{tmpl: t, pipe: p}, nil
	}
	return nil, unsupported("%s", n)
}

// branch compiles the parts of an if, a with or a range: its pipeline,
// which must not print, its list and its else list.
func (c *compiler) branch(b *parse.BranchNode) (p *pipeline, list, elseList node, err error) {
	if p, err = c.control(b.Pipe); err != nil {
		return nil, nil, nil, err
	}
	if list, err = c.list(b.List); err != nil {
		return nil, nil, nil, err
	}
	elseList, err = c.list(b.ElseList)
	return p, list, elseList, err
}

// control compiles the pipeline of a control structure, which must not
// print.
func (c *compiler) control(pipe *parse.PipeNode) (*pipeline, error) {
	p, err := c.pipeline(pipe)
	if err == nil && p.escape != nil {
		err = unsupported("line %d: an escaper in a control pipeline", pipe.Line)
	}
	return p, err
}

// pipeline compiles a pipeline; the escapers at its end become its escape
// chain.
func (c *compiler) pipeline(pipe *parse.PipeNode) (*pipeline, error) {
	p := &pipeline{assign: pipe.IsAssign}
	for _, v := range pipe.Decl {
		if len(v.Ident) != 1 {
			return nil, unsupported("line %d: a declaration of a field", pipe.Line)
		}
		p.decl = append(p.decl, v.Ident[0])
	}
	for i, cmd := range pipe.Cmds {
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
			if e, ok := escapers[id.Ident]; ok {
				if len(cmd.Args) != 1 || i == 0 {
					return nil, unsupported("line %d: escaper %s with arguments", pipe.Line, id.Ident)
				}
				p.escape = append(p.escape, e)
				continue
			}
		}
		if p.escape != nil {
			return nil, unsupported("line %d: a command after an escaper", pipe.Line)
		}
		x, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		p.cmds = append(p.cmds, x)
	}
	return p, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	args := cmd.Args[1:]
	switch first := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.chain(dotOperand{}, first.Ident, args)
	case *parse.VariableNode:
		if len(first.Ident) == 1 && len(args) > 0 {
			return nil, unsupported("arguments to a variable in %s", cmd)
		}
		return c.chain(variableOperand(first.Ident[0]), first.Ident[1:], args)
	case *parse.ChainNode:
		base, err := c.operand(first.Node)
		if err != nil {
			return nil, err
		}
		return c.chain(base, first.Field, args)
	case *parse.IdentifierNode:
		return c.function(first.Ident, args)
	case *parse.PipeNode:
		if len(args) > 0 {
			return nil, unsupported("arguments to a pipeline in %s", cmd)
		}
		p, err := c.control(first)
		if err != nil {
			return nil, err
		}
		return operandCommand{pipeOperand{p}}, nil
	case *parse.DotNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
		if len(args) > 0 {
			return nil, unsupported("arguments to a constant in %s", cmd)
		}
		o, err := c.operand(first)
		if err != nil {
			return nil, err
		}
		return operandCommand{o}, nil
	}
	return nil, unsupported("command %s", cmd)
}

// chain compiles a receiver followed by field or method names, the last
// of which gets args.
func (c *compiler) chain(recv operand, names []string, args []parse.Node) (command, error) {
	if len(names) == 0 {
		if len(args) > 0 {
			return nil, unsupported("arguments to a value that is not a function")
		}
		return operandCommand{recv}, nil
	}
	ch := &chainCommand{recv: recv}
	for _, n := range names {
		ch.steps = append(ch.steps, &step{name: n, key: reflect.ValueOf(n)})
	}
	for _, a := range args {
		o, err := c.operand(a)
		if err != nil {
			return nil, err
		}
		ch.args = append(ch.args, o)
	}
	return ch, nil
}

// operand compiles an argument or the base of a chain.
func (c *compiler) operand(n parse.Node) (operand, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotOperand{}, nil
	case *parse.NilNode:
		return nilOperand{}, nil
	case *parse.StringNode:
		return constOperand{reflect.ValueOf(n.Text)}, nil
	case *parse.BoolNode:
		return constOperand{reflect.ValueOf(n.True)}, nil
	case *parse.NumberNode:
		v, ok := idealConstant(n)
		if !ok {
			return nil, unsupported("number %s", n.Text)
		}
		return constOperand{v}, nil
	case *parse.FieldNode, *parse.VariableNode, *parse.ChainNode, *parse.IdentifierNode:
		cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		if err != nil {
			return nil, err
		}
		return commandOperand{cmd}, nil
	case *parse.PipeNode:
		p, err := c.control(n)
		if err != nil {
			return nil, err
		}
		return pipeOperand{p}, nil
	}
	return nil, unsupported("argument %s", n)
}

// idealConstant returns the value text/template gives a number where no
// type is asked for: a float64 when it is written as one, else an int.
func idealConstant(n *parse.NumberNode) (reflect.Value, bool) {
	hex := len(n.Text) > 2 && n.Text[0] == '0' && (n.Text[1] == 'x' || n.Text[1] == 'X') && !strings.ContainsAny(n.Text, "pP")
	rune := n.Text != "" && n.Text[0] == '\''
	switch {
	case n.IsComplex:
		return reflect.Value{}, false
	case n.IsFloat && !hex && !rune && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), true
	case n.IsInt && int64(int(n.Int64)) == n.Int64:
		return reflect.ValueOf(int(n.Int64)), true
	}
	return reflect.Value{}, false
}

// function compiles a call of a function of the FuncMap or a builtin.
func (c *compiler) function(name string, args []parse.Node) (command, error) {
	var ops []operand
	for _, a := range args {
		o, err := c.operand(a)
		if err != nil {
			return nil, err
		}
		ops = append(ops, o)
	}
	if fn, ok := c.set.funcs[name]; ok {
		v := reflect.ValueOf(fn)
		if v.Kind() != reflect.Func {
			return nil, unsupported("%s is not a function", name)
		}
		t := v.Type()
		if t.NumOut() == 0 || t.NumOut() > 2 || (t.NumOut() == 2 && t.Out(1) != errorType) {
			return nil, unsupported("%s returns %d values", name, t.NumOut())
		}
		return newCall(name, v, ops), nil
	}
	if b, ok := builtins[name]; ok {
		return &builtinCommand{name: name, fn: b, args: ops}, nil
	}
	return nil, unsupported("function %s", name)
}
