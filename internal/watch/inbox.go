package watch

import (
	"sync"

	"github.com/fsnotify/fsnotify"
)

const (
	// maxQueued is how many events may wait for the run goroutine before
	// the inbox drops them and reports an overflow, as the kernel's queue
	// does.
	maxQueued = 1 << 16
	// maxErrors bounds the errors kept, should fsnotify repeat one.
	maxErrors = 16
)

// An inbox carries fsnotify's events and errors to the run goroutine
// without ever making fsnotify wait.
//
// fsnotify sends some errors while it holds the lock that Watcher.Add and
// Watcher.Remove take. If the goroutine that calls Add were also the one
// that receives those errors, each would wait for the other forever. The
// inbox's own goroutine only receives, so fsnotify always goes on.
type inbox struct {
	limit int
	ready chan struct{} // holds a token while something is waiting
	done  chan struct{} // closed when forward has returned

	mu       sync.Mutex
	events   []fsnotify.Event
	errs     []error
	overflow bool // events or errors were dropped
}

func newInbox(limit int) *inbox {
	return &inbox{limit: limit, ready: make(chan struct{}, 1), done: make(chan struct{})}
}

// forward receives from fsw until fsnotify closes its channels, which it
// does once fsw.Close has been called.
func (in *inbox) forward(fsw *fsnotify.Watcher) {
	defer close(in.done)
	events, errs := fsw.Events, fsw.Errors
	for events != nil || errs != nil {
		select {
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			in.mu.Lock()
			if len(in.events) < in.limit {
				in.events = append(in.events, ev)
			} else {
				in.overflow = true
			}
			in.mu.Unlock()
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			in.mu.Lock()
			if len(in.errs) < maxErrors {
				in.errs = append(in.errs, err)
			} else {
				in.overflow = true
			}
			in.mu.Unlock()
		}
		select {
		case in.ready <- struct{}{}:
		default: // a token is already waiting
		}
	}
}

// take returns and clears what is waiting.
func (in *inbox) take() (events []fsnotify.Event, errs []error, overflow bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	events, errs, overflow = in.events, in.errs, in.overflow
	in.events, in.errs, in.overflow = nil, nil, false
	return events, errs, overflow
}
