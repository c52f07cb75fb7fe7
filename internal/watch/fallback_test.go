package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const sysctlWatches = "sysctl fs.inotify.max_user_watches=524288"

// TestFallbackWatchLimit makes every watch fail as when the per-user watch
// limit is reached: the watcher polls, says how to fix it, and works.
func TestFallbackWatchLimit(t *testing.T) {
	root := newSite(t)
	var l logs
	w := open(t, root, false, faults{add: func(string) error { return syscall.ENOSPC }}, &l)
	if !w.Polling() {
		t.Fatal("Polling() = false after ENOSPC")
	}
	msg := l.String()
	for _, s := range []string{"cannot watch " + root, "watch limit", "polling every 50ms", sysctlWatches} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q:\n%s", s, msg)
		}
	}
	write(t, root, "content/x.md", "one, two\n")
	expectOne(t, w, root, "content/x.md")
}

// TestFallbackInstances makes the inotify instance fail as when the
// per-user instance limit is reached.
func TestFallbackInstances(t *testing.T) {
	root := newSite(t)
	var l logs
	emfile := func() error { return fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE) }
	w := open(t, root, false, faults{init: emfile}, &l)
	if !w.Polling() {
		t.Fatal("Polling() = false after EMFILE")
	}
	msg := l.String()
	for _, s := range []string{"cannot start inotify", "sysctl fs.inotify.max_user_instances=", sysctlWatches} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q:\n%s", s, msg)
		}
	}
	remove(t, root, "content/old.md")
	expectOne(t, w, root, "content/old.md")
}

// TestFallbackWhileRunning reaches the watch limit on a folder created
// after the start: the watcher switches to polling, the next batch asks for
// a rescan, and changes in the new folder are still seen.
func TestFallbackWhileRunning(t *testing.T) {
	root := newSite(t)
	var l logs
	late := filepath.Join(root, "content", "late")
	w := open(t, root, false, faults{add: func(dir string) error {
		if dir == late {
			return syscall.ENOSPC
		}
		return nil
	}}, &l)
	if w.Polling() || l.String() != "" {
		t.Fatalf("Polling() = %v, log %q before the limit is reached", w.Polling(), l.String())
	}
	write(t, root, "content/late/a.md", "a\n")
	if b := next(t, w); !b.Rescan {
		t.Errorf("batch = %+v, want Rescan after switching to polling", b)
	}
	if !w.Polling() {
		t.Fatal("Polling() = false after ENOSPC")
	}
	if msg := l.String(); !strings.Contains(msg, "cannot watch "+late) || !strings.Contains(msg, sysctlWatches) {
		t.Errorf("message = %q, want it to name %s and %q", msg, late, sysctlWatches)
	}
	write(t, root, "content/late/b.md", "b\n")
	collect(t, w, []string{"content/late/b.md"}, false, "content/late/a.md")
}

func TestForcedPolling(t *testing.T) {
	root := newSite(t)
	var l logs
	w := open(t, root, true, faults{}, &l)
	if !w.Polling() {
		t.Error("Polling() = false with Options.Poll")
	}
	if l.String() != "" {
		t.Errorf("log = %q, want nothing", l.String())
	}
}

// TestOverflow makes more events wait than the watcher keeps while it is
// held up: the overflow gives a batch with Rescan (as fsnotify's
// ErrEventOverflow does), and a folder created while events were dropped is
// watched afterwards.
func TestOverflow(t *testing.T) {
	root := newSite(t)
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	opt := Options{Root: root, Ignore: func(rel string) bool {
		if rel == "content/gate.md" {
			once.Do(func() { close(held); <-release })
		}
		return ignoreSite(rel)
	}}
	w, err := start(opt, faults{maxQueued: 1000})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write(t, root, "content/gate.md", "gate\n")
	<-held
	// Alternate between two files: the kernel merges identical events
	// that follow each other.
	names := []string{filepath.Join(root, "content/x.md"), filepath.Join(root, "content/old.md")}
	for i := range 3000 {
		if err := os.Chmod(names[i%2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "content/lost/a.md", "a\n") // its creation is dropped
	close(release)
	for {
		if b := next(t, w); b.Rescan {
			break
		}
	}
	write(t, root, "content/lost/b.md", "b\n")
	for {
		if b := next(t, w); slices.Contains(b.Paths, "content/lost/b.md") {
			break
		}
	}
}

// TestRootMovedAndDeleted moves the root away and deletes it while the
// watcher is held up, and makes a folder of the same name again. fsnotify
// then fails to remove the root's watch and reports it while holding the
// lock that adding a watch takes, just as the watcher adds one for the new
// folder. The watcher must not wait for fsnotify while fsnotify waits for
// it: the move gives a batch with Rescan, and Close returns.
func TestRootMovedAndDeleted(t *testing.T) {
	tmp := t.TempDir()
	root, moved := filepath.Join(tmp, "site"), filepath.Join(tmp, "moved")
	write(t, root, "content/x.md", "x\n")
	again := filepath.Join(root, "again")
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	opt := Options{Root: root, Ignore: func(rel string) bool {
		if rel == "content/gate.md" {
			once.Do(func() { close(held); <-release })
		}
		return false
	}}
	w, err := start(opt, faults{add: func(dir string) error {
		if dir == again {
			// Let fsnotify reach the root's move first.
			time.Sleep(50 * time.Millisecond)
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/gate.md", "gate\n")
	<-held
	if err := os.Mkdir(again, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(root, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(moved); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(again, 0o755); err != nil {
		t.Fatal(err)
	}
	close(release)
	closed := make(chan error)
	go func() {
		for {
			if b, ok := <-w.Batches(); !ok || b.Rescan {
				break
			}
		}
		closed <- w.Close()
	}()
	select {
	case <-closed:
	case <-time.After(2 * wait):
		t.Fatal("no batch with Rescan, or Close did not return")
	}
}

// expectSentinelEventually writes a file and waits for a batch that holds
// it, whatever came before.
func expectSentinelEventually(t *testing.T, w *Watcher, root string) {
	t.Helper()
	write(t, root, "content/sentinel.md", "sentinel "+time.Now().String()+"\n")
	for {
		if b := next(t, w); slices.Contains(b.Paths, "content/sentinel.md") {
			return
		}
	}
}

func TestCloseTwice(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			w, err := New(Options{Root: newSite(t), Poll: be.poll})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if _, ok := <-w.Batches(); ok {
				t.Error("Batches not closed by Close")
			}
		})
	}
}

// TestNoLeak checks that no goroutine of a watcher or of fsnotify is left
// after Close, whether the watcher used inotify, polled, or switched.
func TestNoLeak(t *testing.T) {
	root := newSite(t)
	var ws []*Watcher
	for _, f := range []faults{{}, {add: func(string) error { return syscall.ENOSPC }}} {
		for _, poll := range []bool{false, true} {
			w, err := start(Options{Root: root, Ignore: ignoreSite, Poll: poll}, f)
			if err != nil {
				t.Fatal(err)
			}
			ws = append(ws, w)
		}
	}
	write(t, root, "content/x.md", "one, two\n")
	for _, w := range ws {
		next(t, w)
		w.Close()
	}
	deadline := time.Now().Add(wait)
	for {
		left := watcherGoroutines()
		if left == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after Close:\n%s", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// watcherGoroutines returns the stacks of the goroutines running code of
// this package or of fsnotify, other than tests.
func watcherGoroutines() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "testing.tRunner") {
			continue
		}
		if strings.Contains(g, "internal/watch.") || strings.Contains(g, "fsnotify.") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}
