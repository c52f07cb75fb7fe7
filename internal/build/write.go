package build

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/theme"
)

// Sink receives the files of a build. *output.Stage writes them into the
// staging folder. WriteFile must not keep data once it returns: a page's
// bytes are in a buffer that the next page is rendered into.
type Sink interface {
	WriteFile(rel string, data []byte) error
}

// workersPerCore is how many files write produces at once per core. A
// worker spends part of its time waiting in the kernel without using the
// core (a runtime trace shows workers blocked in mkdir, open and write);
// with a second worker per core another page is rendered meanwhile. Two
// per core measured 0.90x-0.94x the build time and CPU of one at 10,000
// stories (alumni-bench -baseline, two rounds of five runs), for a peak
// RSS some 20 MB higher.
const workersPerCore = 2

// write produces every planned file and writes it to sink, in parallel:
// each worker renders, minifies and writes one file after another, so the
// three overlap across workers. A file that fails is reported and the
// others are still produced, so that every error of a run is reported. It
// returns the number of files written.
func write(ctx context.Context, files []file, sink Sink, diags *diag.List) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	written := 0
	next := make(chan file)
	for range workersPerCore * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// A page is rendered into the worker's buffer and written
			// from there, rather than copied out of it.
			var scratch bytes.Buffer
			for f := range next {
				data, err := f.make(&scratch)
				if errors.Is(err, theme.ErrReported) {
					continue
				}
				if err == nil {
					err = sink.WriteFile(f.path, data)
				}
				if err != nil {
					diags.Add(asDiagnostic(f.shown, err))
					continue
				}
				mu.Lock()
				written++
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
	return written
}

// asDiagnostic returns err as a diagnostic about the file shown.
func asDiagnostic(shown string, err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return diag.Errorf(shown, diag.Pos{}, "%v", err)
}
