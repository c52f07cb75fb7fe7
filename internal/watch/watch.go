package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configure a Watcher.
type Options struct {
	// Root is the folder to watch, recursively (the site root).
	Root string
	// Ignore reports whether a slash path relative to Root is not watched
	// (e.g. "public", ".alumni-cache", ".git", "node_modules", and the
	// staging folders); a folder it ignores is not descended into.
	Ignore func(rel string) bool
	// Debounce is how long the watcher waits after the last event before
	// it reports a batch (default 50 ms; keep the latency low: the preview
	// must show an edit in under 100 ms).
	Debounce time.Duration
	// Poll forces polling (for file systems where inotify does not work);
	// PollInterval defaults to 300 ms.
	Poll         bool
	PollInterval time.Duration
	// Logf receives messages for the user (e.g. switching to polling, with
	// the sysctl to fix it); nil discards them.
	Logf func(format string, args ...any)
}

// Batch is a set of changes reported together.
type Batch struct {
	// Paths lists the slash paths relative to Root that were created,
	// written, removed or renamed, sorted, without duplicates, editor temp
	// files left out.
	Paths []string
	// Rescan is true when events were lost (queue overflow) or a folder was
	// renamed/removed: the receiver must treat every file as possibly
	// changed.
	Rescan bool
}

const (
	defaultDebounce     = 50 * time.Millisecond
	defaultPollInterval = 300 * time.Millisecond
	// maxWaitFactor bounds how long a never-pausing stream of changes
	// delays a batch, in debounce periods.
	maxWaitFactor = 20
)

// A Watcher reports the changes below a folder. Its methods are safe for
// concurrent use.
type Watcher struct {
	opt     Options
	root    string // absolute and clean
	faults  faults
	out     chan Batch
	done    chan struct{} // closed by Close
	stopped chan struct{} // closed when run has returned
	once    sync.Once
	polling atomic.Bool

	// The fields below belong to the run goroutine once New has returned.
	fsw        *fsnotify.Watcher   // nil while polling
	in         *inbox              // fsw's events; nil while polling
	dirs       map[string]bool     // watched folders (absolute paths)
	files      map[string]fileInfo // the last polling walk
	pollTimer  *time.Timer
	pending    map[string]bool // slash paths relative to root
	rescan     bool
	notes      int             // counts note and noteRescan calls
	unreadable map[string]bool // paths whose read error was logged
	running    bool            // New has returned
	closeErr   error
}

// faults lets tests make inotify fail the way a machine at its limits
// does. The zero value injects nothing.
type faults struct {
	// init, when set, replaces the error of creating the inotify instance.
	init func() error
	// add, when set, is asked before each folder watch is added; an error
	// it returns is used instead of adding the watch.
	add func(dir string) error
	// maxQueued, when positive, replaces the inbox's limit.
	maxQueued int
}

// New starts watching opt.Root. When New returns, the watches are in place
// (or the first polling walk is done): any later change is reported.
func New(opt Options) (*Watcher, error) {
	return start(opt, faults{})
}

// start is New with faults injected.
func start(opt Options, f faults) (*Watcher, error) {
	if opt.Root == "" {
		return nil, fmt.Errorf("watch: no root folder")
	}
	root, err := filepath.Abs(opt.Root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a folder", root)
	}
	if opt.Debounce <= 0 {
		opt.Debounce = defaultDebounce
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = defaultPollInterval
	}
	w := &Watcher{
		opt:        opt,
		root:       root,
		faults:     f,
		out:        make(chan Batch),
		done:       make(chan struct{}),
		stopped:    make(chan struct{}),
		pending:    map[string]bool{},
		unreadable: map[string]bool{},
		pollTimer:  time.NewTimer(opt.PollInterval),
	}
	w.pollTimer.Stop()
	if opt.Poll {
		w.startPolling()
	} else {
		w.startInotify()
	}
	w.running = true
	go w.run()
	return w, nil
}

// Batches returns the channel on which batches are sent. Close closes it.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Polling reports whether the watcher polls, because Options.Poll asked
// for it or because inotify could not be used.
func (w *Watcher) Polling() bool { return w.polling.Load() }

// Close stops the watcher and waits until its goroutines have ended. It
// returns the error of closing the inotify instance, if any; calling it
// again returns the same.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	<-w.stopped
	return w.closeErr
}

// closing reports whether Close has been called, so that long walks stop
// early.
func (w *Watcher) closing() bool {
	select {
	case <-w.done:
		return true
	default:
		return false
	}
}

func (w *Watcher) logf(format string, args ...any) {
	if w.opt.Logf != nil {
		w.opt.Logf(format, args...)
	}
}

// logUnreadable tells the user that rel cannot be read, once per path
// rather than at every walk. A path removed while it was walked is no news.
func (w *Watcher) logUnreadable(rel string, err error) {
	if errors.Is(err, fs.ErrNotExist) || w.unreadable[rel] {
		return
	}
	w.unreadable[rel] = true
	w.logf("watch: %v", err)
}

// ignored reports whether the slash path rel is left out by Options.Ignore.
func (w *Watcher) ignored(rel string) bool {
	return w.opt.Ignore != nil && w.opt.Ignore(rel)
}

// rel returns the slash path of name relative to the root, "." for the
// root itself; ok is false for a name outside the root.
func (w *Watcher) rel(name string) (rel string, ok bool) {
	if name == w.root {
		return ".", true
	}
	prefix := w.root
	if prefix[len(prefix)-1] != filepath.Separator {
		prefix += string(filepath.Separator)
	}
	if len(name) <= len(prefix) || name[:len(prefix)] != prefix {
		return "", false
	}
	return filepath.ToSlash(name[len(prefix):]), true
}

// batcher decides when the pending changes are sent.
type batcher struct {
	timer *time.Timer // the quiet period
	first time.Time   // when the oldest unsent change was seen
	due   bool        // the batch may be sent
	ready *Batch      // the batch on offer, built once it is due
}

// changed records that changes were added to the pending set at now. The
// batch waits for a quiet period again, unless the oldest change has
// waited long enough; arm starts the quiet-period timer (polling uses its
// own timer instead).
func (w *Watcher) changed(b *batcher, now time.Time, arm bool) {
	b.ready = nil
	if b.first.IsZero() {
		b.first = now
	}
	left := b.first.Add(maxWaitFactor * w.opt.Debounce).Sub(now)
	if left <= 0 {
		b.due = true
		return
	}
	b.due = false
	if arm {
		b.timer.Reset(min(w.opt.Debounce, left))
	}
}

// run is the watcher's goroutine: it turns events or polling walks into
// batches until Close.
func (w *Watcher) run() {
	b := &batcher{timer: time.NewTimer(time.Hour)}
	b.timer.Stop()
	defer func() {
		b.timer.Stop()
		w.pollTimer.Stop()
		if w.fsw != nil {
			w.closeErr = w.closeInotify()
		}
		close(w.out)
		close(w.stopped)
	}()
	for {
		var inbox <-chan struct{}
		if w.in != nil {
			inbox = w.in.ready
		}
		var out chan<- Batch
		if b.due && (len(w.pending) > 0 || w.rescan) {
			if b.ready == nil {
				b.ready = w.batch()
			}
			out = w.out
		}
		var send Batch
		if b.ready != nil {
			send = *b.ready
		}
		notes := w.notes
		select {
		case <-w.done:
			return
		case <-inbox:
			w.drain()
		case <-b.timer.C:
			b.due = true
		case <-w.pollTimer.C:
			if w.poll() {
				// Look again soon: the change may be the start of a burst.
				w.changed(b, time.Now(), false)
				w.pollTimer.Reset(w.opt.Debounce)
			} else {
				b.due = true
				w.pollTimer.Reset(w.opt.PollInterval)
			}
			continue
		case out <- send:
			clear(w.pending)
			w.rescan = false
			*b = batcher{timer: b.timer}
			continue
		}
		if w.notes != notes {
			w.changed(b, time.Now(), true)
		}
	}
}

// note adds the slash path rel to the pending changes. Noting a path that
// is already pending still restarts the quiet period: the file is still
// being written.
func (w *Watcher) note(rel string) {
	w.pending[rel] = true
	w.notes++
}

// noteRescan asks the receiver to treat every file as changed.
func (w *Watcher) noteRescan() {
	w.rescan = true
	w.notes++
}

// batch builds the batch of the pending changes.
func (w *Watcher) batch() *Batch {
	paths := make([]string, 0, len(w.pending))
	for p := range w.pending {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return &Batch{Paths: paths, Rescan: w.rescan}
}
