// Package diag defines the errors and warnings that alumni reports to editors.
//
// # Format
//
// A Diagnostic prints as one line:
//
//	path:line:col: message            an error with a position
//	path:line:col: warning: message   a warning with a position
//	path:line: message                a position known to the line only
//	path: message                     no position
//
// Paths are slash-separated and, once a build reports them, relative to the
// working directory. Lines and columns are 1-based and count as the editor
// sees the file: every delimiter and blank line counts, and a column counts
// characters (runes), not bytes.
//
// # Collecting
//
// A build collects every diagnostic of a run in a List so an editor can fix
// all problems in one go. List.Sort orders them by path, line, column and
// message, which makes the output deterministic whatever order parallel work
// finished in.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is reported but the build goes on, unless --strict is set.
	Warning
)

// Pos is a position in a file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	Line int
	Col  int
}

// Diagnostic is one error or warning about one file.
type Diagnostic struct {
	Path     string
	Pos      Pos
	Severity Severity
	Message  string
}

// String formats d as described in the package documentation.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Pos.Line)
		if d.Pos.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Pos.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Error makes a Diagnostic usable as an error value.
func (d Diagnostic) Error() string { return d.String() }

// Errorf returns an error diagnostic at path and pos.
func Errorf(path string, pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Path: path, Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning diagnostic at path and pos.
func Warnf(path string, pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Path: path, Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)}
}

// List collects diagnostics. Its zero value is ready to use and it is safe
// for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends diagnostics to l.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Items returns the diagnostics sorted by path, line, column and message.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	Sort(items)
	return items
}

// HasErrors reports whether l holds an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.ContainsFunc(l.items, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders ds by path, line, column, severity and message.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Missing returns the diagnostics of ds that known does not hold, in the
// order of ds: what a run found after it had reported known.
func Missing(ds, known []Diagnostic) []Diagnostic {
	seen := make(map[Diagnostic]bool, len(known))
	for _, d := range known {
		seen[d] = true
	}
	var out []Diagnostic
	for _, d := range ds {
		if !seen[d] {
			out = append(out, d)
		}
	}
	return out
}

// Strict turns every warning in ds into an error, as --strict asks.
func Strict(ds []Diagnostic) []Diagnostic {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Severity = Error
	}
	return out
}

// PosAt returns the position of byte offset off in src, counting lines from
// firstLine (the file line on which src starts) and columns in runes from
// firstCol on that first line (1 for a src that starts a line). Callers pass
// text whose line endings were already normalised to "\n".
func PosAt(src []byte, off, firstLine, firstCol int) Pos {
	off = min(max(off, 0), len(src))
	line, col := firstLine, firstCol
	for i := 0; i < off; {
		if src[i] == '\n' {
			line++
			col = 1
			i++
			continue
		}
		_, size := utf8.DecodeRune(src[i:])
		i += size
		col++
	}
	return Pos{Line: line, Col: col}
}
