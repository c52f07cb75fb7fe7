package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestWriteFileRejects(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for _, rel := range []string{
		"", ".", "..", "../x", "/x", "/etc/passwd", "a/../../x", "a/../x", "./a", "a/", "a//b", "a/./b",
		`..\x`, `a\b`, "a\x00b", "C:", "C:x", "c:/x", "x/..",
	} {
		want := fmt.Sprintf("invalid output path %q", rel)
		if err := st.WriteFile(rel, []byte("x")); err == nil || err.Error() != want {
			t.Errorf("WriteFile(%q) = %v, want %s", rel, err, want)
		}
	}
	want := `invalid output path ".alumni": the name is reserved for the alumni marker file`
	if err := st.WriteFile(".alumni", nil); err == nil || err.Error() != want {
		t.Errorf("WriteFile(.alumni) = %v, want %s", err, want)
	}
	// Names that only look odd are fine.
	for _, rel := range []string{"..a", "a..", "a/.well-known/x", "page:1.html", "ünï/cödé.html", "sub/.alumni"} {
		if err := st.WriteFile(rel, []byte("x")); err != nil {
			t.Errorf("WriteFile(%q): %v", rel, err)
		}
	}
	if got := entries(t, filepath.Dir(st.dir)); len(got) != 1 {
		t.Errorf("something was written outside the staging folder: %v", got)
	}
}

func TestWriteFileCollisions(t *testing.T) {
	nfc, nfd := "stories/zo\u00e9.html", "stories/zoe\u0301.html"
	tests := []struct {
		first, second, want string
	}{
		{"a/index.html", "a/index.html", `output path "a/index.html" written twice`},
		{"a/Index.html", "a/index.html", `output paths "a/Index.html" and "a/index.html" differ only in letter case or Unicode normalization`},
		{nfc, nfd, fmt.Sprintf("output paths %q and %q differ only in letter case or Unicode normalization", nfc, nfd)},
		{"a/b", "a/b/c.html", `output path "a/b/c.html" needs a folder "a/b", but "a/b" is written as a file`},
		{"a/B", "a/b/c.html", `output path "a/b/c.html" needs a folder "a/b", but "a/B" is written as a file`},
		{"a/b/c.html", "a/b", `output path "a/b" is also the folder of "a/b/c.html"`},
	}
	for _, tt := range tests {
		st, err := Open(filepath.Join(t.TempDir(), "public"))
		if err != nil {
			t.Fatal(err)
		}
		must(t, st.WriteFile(tt.first, []byte("1")))
		if err := st.WriteFile(tt.second, []byte("2")); err == nil || err.Error() != tt.want {
			t.Errorf("WriteFile(%q) after %q = %v, want %s", tt.second, tt.first, err, tt.want)
		}
		st.Abort()
	}
}

// TestConcurrentWrites writes from many goroutines, some racing for the same
// paths; run it with -race.
func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	const workers, perWorker, contested = 32, 40, 10
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		won  = make(map[string]int)
		want = make(map[string]string)
	)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				rel := fmt.Sprintf("section-%d/page-%d/w%d.html", i%4, i, w)
				if err := st.WriteFile(rel, []byte(rel)); err != nil {
					t.Error(err)
				}
				mu.Lock()
				want[rel] = rel
				mu.Unlock()
			}
			for c := range contested {
				rel := fmt.Sprintf("shared/%d.html", c)
				err := st.WriteFile(rel, []byte(rel))
				mu.Lock()
				if err == nil {
					won[rel]++
					want[rel] = rel
				} else if err.Error() != fmt.Sprintf("output path %q written twice", rel) {
					t.Errorf("WriteFile(%q): %v", rel, err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for c := range contested {
		if rel := fmt.Sprintf("shared/%d.html", c); won[rel] != 1 {
			t.Errorf("%s was written %d times, want once", rel, won[rel])
		}
	}
	must(t, st.Commit())
	assertSnapshot(t, dest, siteSnapshot(want))
}

// TestWriteError forces the file system to fail a write (permission bits do
// not stop root, so a file is put where a folder is needed).
func TestWriteError(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	publish(t, "public", map[string]string{"index.html": "v1"}, nil)
	before := snapshot(t, "public")

	st, err := Open("public")
	if err != nil {
		t.Fatal(err)
	}
	must(t, st.WriteFile("index.html", []byte("v2")))
	must(t, os.WriteFile(filepath.Join(st.dir, "blocker"), nil, 0o644)) // behind the stage's back
	err = st.WriteFile("blocker/page.html", []byte("x"))
	if err == nil {
		t.Fatal("WriteFile through a file succeeded")
	}
	if !strings.HasPrefix(err.Error(), "write public/blocker/page.html: ") || !strings.Contains(err.Error(), filepath.Join(st.dir, "blocker", "page.html")) {
		t.Errorf("error %q does not name the path", err)
	}
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("error %q is not ENOTDIR", err)
	}
	st.Abort()
	assertSnapshot(t, "public", before)
	if got := entries(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v, want only public", got)
	}
}

// TestStagingRemoved covers a staging folder deleted while the site is built.
func TestStagingRemoved(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	publish(t, dest, map[string]string{"index.html": "v1"}, nil)
	before := snapshot(t, dest)

	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	must(t, st.WriteFile("a/index.html", []byte("v2")))
	must(t, os.RemoveAll(st.dir))
	if err := st.WriteFile("b/index.html", []byte("v2")); err == nil || !strings.Contains(err.Error(), st.dir) {
		t.Errorf("WriteFile = %v, want an error naming %s", err, st.dir)
	}
	if err := st.Commit(); err == nil || !strings.Contains(err.Error(), st.dir) {
		t.Errorf("Commit = %v, want an error naming %s", err, st.dir)
	}
	st.Abort()
	assertSnapshot(t, dest, before)
}
