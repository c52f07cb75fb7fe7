package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// wait is how long a test waits for a batch. It is generous so that a
// loaded machine does not fail the tests; no test asserts how fast a batch
// comes.
const wait = 5 * time.Second

// backends lists the two ways of watching; the behaviour tests run on both.
var backends = []struct {
	name string
	poll bool
}{
	{"inotify", false},
	{"poll", true},
}

// ignoreSite leaves out what the site generator writes itself and the
// folders of tools.
func ignoreSite(rel string) bool {
	switch rel {
	case "public", ".alumni-cache", ".git", "node_modules":
		return true
	}
	return strings.HasPrefix(rel, ".alumni-stage-")
}

// newSite makes a small site in a temporary folder and returns its root.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range map[string]string{
		"site.yaml":              "title: Alumni\n",
		"content/x.md":           "one\n",
		"content/old.md":         "old\n",
		"content/dir/a.md":       "a\n",
		"content/dir/sub/b.md":   "b\n",
		"content/burst/.keep":    "",
		"public/index.html":      "<p>built</p>\n",
		"node_modules/m.js":      "m\n",
		".git/HEAD":              "ref: refs/heads/main\n",
		"static/.well-known/a.t": "contact\n",
	} {
		write(t, root, name, data)
	}
	return root
}

// write writes a file below root, creating its folders.
func write(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, name string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, name)); err != nil {
		t.Fatal(err)
	}
}

// logs collects what a Watcher tells the user.
type logs struct {
	mu    sync.Mutex
	lines []string
}

func (l *logs) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// open starts a watcher on root with the test settings, and closes it when
// the test ends.
func open(t *testing.T, root string, poll bool, f faults, l *logs) *Watcher {
	t.Helper()
	opt := Options{
		Root:         root,
		Ignore:       ignoreSite,
		Poll:         poll,
		PollInterval: 50 * time.Millisecond,
	}
	if l != nil {
		opt.Logf = l.logf
	}
	w, err := start(opt, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return w
}

// next returns the next batch.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("Batches closed")
		}
		return b
	case <-time.After(wait):
		t.Fatalf("no batch within %v", wait)
		return Batch{}
	}
}

// collect receives batches until together they hold every path of want,
// and fails on a path outside want and also. With rescanOK, a batch with
// Rescan set also ends the wait, and its paths are not checked.
func collect(t *testing.T, w *Watcher, want []string, rescanOK bool, also ...string) []Batch {
	t.Helper()
	var got []Batch
	seen := map[string]bool{}
	for {
		b := next(t, w)
		got = append(got, b)
		if b.Rescan {
			if rescanOK {
				return got
			}
			t.Fatalf("unexpected Rescan in batch %d: %+v", len(got), b)
		}
		for _, p := range b.Paths {
			if !slices.Contains(want, p) && !slices.Contains(also, p) {
				t.Fatalf("batch %d reports %q, want only %q", len(got), p, want)
			}
			if slices.Contains(want, p) {
				seen[p] = true
			}
		}
		if len(seen) == len(want) {
			return got
		}
	}
}

// expectOne asserts that the next batch holds exactly want, and that the
// change made no second batch: a file written afterwards comes alone.
func expectOne(t *testing.T, w *Watcher, root string, want ...string) {
	t.Helper()
	if b := next(t, w); b.Rescan || !slices.Equal(b.Paths, want) {
		t.Fatalf("batch = %+v, want Paths %q", b, want)
	}
	expectSentinel(t, w, root)
}

// expectSentinel writes a file and asserts that the next batch holds it
// alone: nothing that happened before is reported late.
func expectSentinel(t *testing.T, w *Watcher, root string) {
	t.Helper()
	write(t, root, "content/sentinel.md", "sentinel "+time.Now().String()+"\n")
	if b := next(t, w); b.Rescan || !slices.Equal(b.Paths, []string{"content/sentinel.md"}) {
		t.Fatalf("after the change, batch = %+v, want only content/sentinel.md", b)
	}
}
