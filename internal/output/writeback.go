package output

import "sync"

// writebackEvery is how many bytes a Stage takes between two early
// writebacks.
const writebackEvery = 32 << 20

// writeback starts writing a staging folder's files to disk while the
// build goes on. Left to the kernel, the files of a build stay in memory
// until Commit's sync, which then spends a noticeable part of the build
// (a third of a second for 400 MB here) on the disk while every core
// idles. Started every writebackEvery bytes, most of that work overlaps
// with rendering, and Commit's sync has little left to do. Its errors are
// ignored: Commit's own sync reports them.
type writeback struct {
	dir string
	// start writes back the file system that holds dir; nil on systems
	// where only a sync file by file is possible, which would walk the
	// whole staging folder every time.
	start   func(dir string)
	mu      sync.Mutex
	pending int64 // bytes written since the last writeback started
	running bool
	done    sync.WaitGroup
}

// wrote records n bytes written and starts a writeback when enough have
// been written and none is running.
func (w *writeback) wrote(n int) {
	if w.start == nil {
		return
	}
	w.mu.Lock()
	w.pending += int64(n)
	start := !w.running && w.pending >= writebackEvery
	if start {
		w.running, w.pending = true, 0
	}
	w.mu.Unlock()
	if start {
		w.done.Go(func() {
			w.start(w.dir)
			w.mu.Lock()
			w.running = false
			w.mu.Unlock()
		})
	}
}

// wait waits for the writeback that is running, if any.
func (w *writeback) wait() { w.done.Wait() }
