package site

import (
	"cmp"
	"slices"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sorter orders lists of one language: weight ascending with unset weights
// last, then date from newest, then title in the language's collation, then
// path. A collate.Collator is not safe for concurrent use, so each
// language has its own sorter, used by one goroutine at a time.
type sorter struct {
	collator *collate.Collator
	loc      *time.Location
}

func newSorter(lang string, loc *time.Location) *sorter {
	return &sorter{collator: collate.New(language.Make(lang)), loc: loc}
}

// compare is the list order of two pages.
func (s *sorter) compare(x, y *Page) int {
	return cmp.Or(
		compareWeight(x.Weight, y.Weight),
		y.Time().Compare(x.Time()),
		s.collator.CompareString(x.Title, y.Title),
		cmp.Compare(x.Path, y.Path),
	)
}

// sort sorts pages in list order, in place.
func (s *sorter) sort(pages []*Page) { slices.SortStableFunc(pages, s.compare) }

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
	return cmp.Or(y.Time().Compare(x.Time()), cmp.Compare(x.Path, y.Path))
}
