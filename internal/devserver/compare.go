package devserver

import (
	"bytes"
	"path"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// change is what a new build changed, as far as open pages care.
type change int

const (
	noChange   change = iota // the same Site again
	cssChange                // stylesheets only
	fullChange               // anything else, or not known
)

// compareSites tells what changed from old to new. Comparing the files
// other than stylesheets may produce every page of both builds, so it stops
// after budget and answers fullChange.
func compareSites(old, new Site, budget time.Duration) change {
	if sameSite(old, new) {
		return noChange
	}
	ol, ok1 := old.(Lister)
	nl, ok2 := new.(Lister)
	if !ok1 || !ok2 {
		return fullChange
	}
	// Both lists are sorted: one walk finds the paths removed, added and
	// kept.
	op, np := ol.Paths(), nl.Paths()
	cssChanged := false
	var kept []string
	for len(op) > 0 || len(np) > 0 {
		var p string
		switch {
		case len(np) == 0 || (len(op) > 0 && op[0] < np[0]):
			p, op = op[0], op[1:] // removed
		case len(op) == 0 || np[0] < op[0]:
			p, np = np[0], np[1:] // added
		default:
			kept = append(kept, op[0])
			op, np = op[1:], np[1:]
			continue
		}
		if !isCSS(p) {
			return fullChange
		}
		cssChanged = true
	}
	var others []string
	for _, p := range kept {
		if !isCSS(p) {
			others = append(others, p)
		} else if !sameFile(old, new, p) {
			cssChanged = true
		}
	}
	if !cssChanged || !sameFiles(old, new, others, time.Now().Add(budget)) {
		return fullChange
	}
	return cssChange
}

// sameSite reports whether a and b are the same Site value; values of
// types that cannot be compared, such as maps, are never the same.
func sameSite(a, b Site) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if reflect.TypeOf(a) != reflect.TypeOf(b) || !reflect.ValueOf(a).Comparable() {
		return false
	}
	return a == b
}

// isCSS reports whether the slash path p names a stylesheet.
func isCSS(p string) bool {
	return strings.EqualFold(path.Ext(p), ".css")
}

// sameFile reports whether rel has the same bytes and media type in a and b.
func sameFile(a, b Site, rel string) bool {
	ad, am, aok := a.File(rel)
	bd, bm, bok := b.File(rel)
	return aok == bok && am == bm && bytes.Equal(ad, bd)
}

// sameFiles reports whether every file of paths is the same in a and b,
// comparing in parallel; it gives up, answering false, at the first
// difference or at the deadline.
func sameFiles(a, b Site, paths []string, deadline time.Time) bool {
	var next atomic.Int64
	var differ atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for !differ.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				if time.Now().After(deadline) || !sameFile(a, b, paths[i]) {
					differ.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !differ.Load()
}
