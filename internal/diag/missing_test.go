package diag

import (
	"slices"
	"testing"
)

func TestMissing(t *testing.T) {
	a := Warnf("content/a.md", Pos{Line: 3, Col: 1}, "raw HTML omitted")
	b := Errorf("content/b.md", Pos{Line: 1, Col: 1}, "title is required")
	c := Warnf("content/a.md", Pos{Line: 3, Col: 1}, "unsafe link removed")
	// The same place and message with another severity (--strict) is
	// another diagnostic.
	strictA := Errorf("content/a.md", Pos{Line: 3, Col: 1}, "raw HTML omitted")
	got := Missing([]Diagnostic{c, a, b, strictA}, []Diagnostic{a, b})
	if want := []Diagnostic{c, strictA}; !slices.Equal(got, want) {
		t.Errorf("Missing = %v, want %v", got, want)
	}
	if got := Missing([]Diagnostic{a}, nil); !slices.Equal(got, []Diagnostic{a}) {
		t.Errorf("Missing with nothing known = %v", got)
	}
}
