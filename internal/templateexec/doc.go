// Package templateexec executes html/template templates that html/template
// has already escaped, producing the same bytes as html/template with a
// fraction of its cost per action.
//
// html/template's own executor (text/template's) looks every field, method
// and function up by name each time an action runs, and calls every
// function, the escapers that html/template inserts into each printing
// action included, through reflect.Value.Call. On a page of a hundred
// actions that is most of the time spent in templates. This package
// compiles an escaped parse tree once into nodes that remember how a name
// resolved for the type last seen there, calls the escapers as Go
// functions, and writes escaped text straight into the output.
//
// # What it runs, and what it leaves to html/template
//
// Compile accepts the text, actions, if, with, range and template nodes,
// variables, field and method chains, the functions of the FuncMap, the
// builtins and, or, not, eq, ne, lt, le, gt, ge, len and printf, and the
// escapers html/template inserts for HTML text, quoted attribute values,
// RCDATA (such as <title>), URLs in attributes and JSON in scripts. A
// template that needs anything else (another builtin, break or continue,
// a template html/template derived for another context, a printing action
// without an escaper) is refused with ErrUnsupported.
//
// At run time, Execute returns an error wrapping ErrFallback for any value
// it does not handle exactly as html/template would (an attribute given
// typed HTML, which html/template strips of tags; JSON that is not
// template.JS; a map ranged over) and for every error, of a function or of
// a nil pointer: the caller then executes the template with html/template,
// which produces the output or the error message with its position. Both
// executors are expected to agree byte for byte whenever Execute
// succeeds; the tests of this package and of the theme check it.
//
// # The contract with html/template
//
// Compile reads the trees through Template.Lookup(name).Tree, which
// html/template documents as updated to be HTML-safe once the template is
// escaped. A template is escaped when it is first executed, together with
// every template it calls, so a caller compiles a name only after
// html/template has executed that name on the same set. Reading a tree
// that is not escaped would print unescaped text; Compile cannot tell, so
// the order is the caller's duty.
package templateexec
