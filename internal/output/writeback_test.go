package output

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestWriteback checks when early writebacks start: once enough bytes have
// been written since the last one started, never two at a time, and wait
// returns only when the one running has ended.
func TestWriteback(t *testing.T) {
	var started, running, overlapped atomic.Int32
	release := make(chan struct{})
	w := writeback{dir: "stage", start: func(dir string) {
		if dir != "stage" {
			t.Errorf("writeback of %q, want the staging folder", dir)
		}
		started.Add(1)
		if running.Add(1) > 1 {
			overlapped.Add(1)
		}
		<-release
		running.Add(-1)
	}}
	const chunk = 1 << 20
	for range writebackEvery/chunk - 1 {
		w.wrote(chunk)
	}
	if n := started.Load(); n != 0 {
		t.Fatalf("%d writebacks started before %d bytes were written", n, writebackEvery)
	}
	w.wrote(chunk)
	// More than enough for a second one while the first is running: it
	// must not start, and the bytes count afresh from the first's start.
	for range 2 * writebackEvery / chunk {
		w.wrote(chunk)
	}
	var waited sync.WaitGroup
	waited.Go(w.wait)
	close(release)
	waited.Wait()
	if n := started.Load(); n != 1 {
		t.Errorf("%d writebacks started, want 1 while the first was running", n)
	}
	if running.Load() != 0 {
		t.Error("wait returned while a writeback was running")
	}
	w.wrote(chunk) // the bytes written meanwhile are enough for another
	w.wait()
	if n := started.Load(); n != 2 {
		t.Errorf("%d writebacks started after the first ended, want 2", n)
	}
	if overlapped.Load() != 0 {
		t.Error("two writebacks ran at once")
	}

	off := writeback{dir: "stage"} // no start function: nothing happens
	off.wrote(2 * writebackEvery)
	off.wait()
}
