package site

import (
	"bytes"
	"cmp"
	"math"
	"slices"

	"golang.org/x/text/collate"
)

// sorter orders lists of one language: weight ascending with unset weights
// last, then date from the newest, then title in the language's collation,
// then path. Each page's order key is computed once per build (keyPages),
// so that sorting compares plain values. A collate.Collator is not safe
// for concurrent use, so each language has its own sorter, whose keyPages
// and collator are used by one goroutine at a time; sort compares the
// order keys alone, and may run alongside.
type sorter struct {
	collator *collate.Collator
	buf      collate.Buffer
	// keys are the collation keys of titles computed by this build;
	// previous those of the last one (see derived).
	keys, previous map[string][]byte
}

// orderKey is a page's place in list order.
type orderKey struct {
	weight int   // unset weights sort last
	newest int64 // minus the Unix time, so the newest sorts first
	title  []byte
}

// keyPages computes the order key of every page.
func (s *sorter) keyPages(pages []*Page) {
	for _, p := range pages {
		w := p.Weight
		if w == 0 {
			w = math.MaxInt
		}
		var newest int64
		if t := p.Time(); !t.IsZero() {
			newest = -t.Unix()
		}
		p.order = orderKey{weight: w, newest: newest, title: s.sortKey(p.Page.Title)}
	}
}

// compare is the list order of two pages with order keys. It returns at
// the first key that differs (cmp.Or would compute every one: sorting
// calls this a hundred thousand times per list of ten thousand).
func compare(x, y *Page) int {
	if c := cmp.Compare(x.order.weight, y.order.weight); c != 0 {
		return c
	}
	if c := cmp.Compare(x.order.newest, y.order.newest); c != 0 {
		return c
	}
	if c := bytes.Compare(x.order.title, y.order.title); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Path, y.Path); c != 0 {
		return c
	}
	return cmp.Compare(x.OutputPath, y.OutputPath)
}

// sort sorts pages in list order, in place. The order is total (the output
// path is unique), so a stable sort is not needed.
func (s *sorter) sort(pages []*Page) { slices.SortFunc(pages, compare) }

// compareWeight orders set weights ascending and puts unset (zero) weights
// last.
func compareWeight(a, b int) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

// byNewest orders pages from the newest, then by path.
func byNewest(x, y *Page) int {
	if c := cmp.Compare(x.order.newest, y.order.newest); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Path, y.Path); c != 0 {
		return c
	}
	return cmp.Compare(x.OutputPath, y.OutputPath)
}
