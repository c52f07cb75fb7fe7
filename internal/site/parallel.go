package site

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// inParallel calls do(i) for every i in [0, n), on every core. The calls
// must be independent: each writes only what belongs to its i.
func inParallel(n int, do func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
}
