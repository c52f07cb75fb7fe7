package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestOpenRefuses(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	must(t, os.MkdirAll("content/stories", 0o755))
	must(t, os.WriteFile("content/stories/anna.md", []byte("---\ntitle: Anna\n---\n"), 0o644))
	must(t, os.WriteFile("file.txt", []byte("x"), 0o644))
	must(t, os.Symlink("content", "link"))
	before := snapshot(t, root)

	tests := []struct{ dest, want string }{
		{"content", `refusing to write to "content": it is not empty and was not created by alumni (no .alumni marker)`},
		{"content/", `refusing to write to "content/": it is not empty and was not created by alumni (no .alumni marker)`},
		{root, fmt.Sprintf("refusing to write to %q: it is not empty and was not created by alumni (no .alumni marker)", root)},
		{"file.txt", `refusing to write to "file.txt": it is not a folder`},
		{"link", `refusing to write to "link": it is a symbolic link`},
		{"/", `refusing to write to "/": it is the root folder`},
		{"", `refusing to write to "": no destination folder given`},
	}
	for _, tt := range tests {
		st, err := Open(tt.dest)
		if err == nil {
			st.Abort()
			t.Errorf("Open(%q) succeeded, want %s", tt.dest, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Open(%q) error\n got %s\nwant %s", tt.dest, err, tt.want)
		}
	}
	// Nothing was created or removed, not even a staging folder.
	assertSnapshot(t, root, before)
}

func TestOpenAccepts(t *testing.T) {
	root := t.TempDir()
	owned := filepath.Join(root, "owned")
	must(t, os.MkdirAll(filepath.Join(owned, "old"), 0o755))
	must(t, os.WriteFile(filepath.Join(owned, ".alumni"), []byte(markerText), 0o644))
	must(t, os.Mkdir(filepath.Join(root, "empty"), 0o755))

	for _, dest := range []string{
		filepath.Join(root, "missing"),
		filepath.Join(root, "deep", "missing", "public"),
		filepath.Join(root, "empty"),
		owned,
	} {
		st, err := Open(dest)
		if err != nil {
			t.Errorf("Open(%q): %v", dest, err)
			continue
		}
		if filepath.Dir(st.dir) != filepath.Dir(dest) || !isLeftover(filepath.Base(st.dir), stagePrefix(filepath.Base(dest))) {
			t.Errorf("Open(%q) staged in %s, want .alumni-stage-%s-<hex> beside it", dest, st.dir, filepath.Base(dest))
		}
		st.Abort()
		if _, err := os.Lstat(st.dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Abort left %s: %v", st.dir, err)
		}
	}
}

func TestCommitReplaces(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		t.Run(fmt.Sprintf("fallback=%v", fallback), func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			configure := func(st *Stage) { st.noExchange = fallback }

			v1 := map[string]string{"index.html": "v1", "stale.html": "old", "old/deep/page.html": "gone"}
			publish(t, dest, v1, configure)
			assertSnapshot(t, dest, siteSnapshot(v1))

			v2 := map[string]string{"index.html": "v2", "new/page.html": "new", "style.css": "a{}"}
			publish(t, dest, v2, configure)
			assertSnapshot(t, dest, siteSnapshot(v2))
			if got := entries(t, root); !slices.Equal(got, []string{"public"}) {
				t.Errorf("parent holds %v, want only public", got)
			}
		})
	}
}

func TestAbortKeepsDest(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	publish(t, dest, map[string]string{"index.html": "v1", "a/b.html": "b"}, nil)
	before := snapshot(t, dest)

	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	must(t, st.WriteFile("index.html", []byte("v2")))
	must(t, st.WriteFile("a/c.html", []byte("c")))
	st.Abort()
	st.Abort() // twice is fine

	assertSnapshot(t, dest, before)
	if got := entries(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v, want only public", got)
	}
	if err := st.WriteFile("late.html", nil); err == nil {
		t.Error("WriteFile after Abort succeeded")
	}
	if err := st.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	assertSnapshot(t, dest, before)
}

func TestAbortAfterCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	must(t, st.WriteFile("index.html", []byte("x")))
	must(t, st.Commit())
	st.Abort()
	assertSnapshot(t, dest, siteSnapshot(map[string]string{"index.html": "x"}))
	if err := st.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
}

// TestDestReplacedDuringBuild covers a destination swapped for a folder that
// alumni did not create between Open and Commit.
func TestDestReplacedDuringBuild(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	publish(t, "public", map[string]string{"index.html": "v1"}, nil)
	st, err := Open("public")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	must(t, st.WriteFile("index.html", []byte("v2")))
	must(t, os.RemoveAll("public"))
	must(t, os.Mkdir("public", 0o755))
	must(t, os.WriteFile("public/precious.txt", []byte("mine"), 0o644))
	before := snapshot(t, "public")

	want := `commit "public": refusing to write to "public": it is not empty and was not created by alumni (no .alumni marker)`
	if err := st.Commit(); err == nil || err.Error() != want {
		t.Errorf("Commit = %v, want %s", err, want)
	}
	assertSnapshot(t, "public", before)
}

func TestRepair(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	hex := func(c string) string { return strings.Repeat(c, suffixLen) }
	keep := []string{
		".alumni-stage-public-b-" + hex("1"), // another destination's
		".alumni-old-public-b-" + hex("2"),
		".alumni-stage-public-" + hex("x"), // not a suffix alumni makes
		".alumni-stage-public-123",
		"content",
	}
	for _, name := range keep {
		must(t, os.MkdirAll(filepath.Join(root, name, "f"), 0o755))
	}
	// A run died in the fallback swap: public is missing, two old copies.
	older, newer := ".alumni-old-public-"+hex("a"), ".alumni-old-public-"+hex("b")
	must(t, os.MkdirAll(filepath.Join(root, older), 0o755))
	must(t, os.WriteFile(filepath.Join(root, older, "index.html"), []byte("older"), 0o644))
	must(t, os.MkdirAll(filepath.Join(root, newer), 0o755))
	must(t, os.WriteFile(filepath.Join(root, newer, "index.html"), []byte("newer"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, newer, ".alumni"), []byte(markerText), 0o644))
	for _, name := range []string{"index.html", ".alumni"} {
		must(t, os.Chmod(filepath.Join(root, newer, name), 0o644)) // whatever the umask
	}
	t1, t2 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	must(t, os.Chtimes(filepath.Join(root, older), t1, t1))
	must(t, os.Chtimes(filepath.Join(root, newer), t2, t2))
	must(t, os.MkdirAll(filepath.Join(root, ".alumni-stage-public-"+hex("c"), "half"), 0o755))

	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	st.Abort()
	assertSnapshot(t, dest, siteSnapshot(map[string]string{"index.html": "newer"}))
	want := append(slices.Clone(keep), "public")
	slices.Sort(want)
	if got := entries(t, root); !slices.Equal(got, want) {
		t.Errorf("parent holds\n%v\nwant\n%v", got, want)
	}
}

// TestConcurrentStages checks that a build does not remove the staging
// folder of another build of the same destination that is still running.
func TestConcurrentStages(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("needs flock")
	}
	dest := filepath.Join(t.TempDir(), "public")
	a, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Abort()
	must(t, a.WriteFile("index.html", []byte("a")))
	b, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Abort()
	must(t, b.WriteFile("index.html", []byte("b")))
	must(t, a.WriteFile("more.html", []byte("a")))
	must(t, a.Commit())
	must(t, b.Commit())
	assertSnapshot(t, dest, siteSnapshot(map[string]string{"index.html": "b"}))
}

// TestCommitFallbackFails makes the second rename of the fallback swap fail:
// the previous version must be moved back.
func TestCommitFallbackFails(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	publish(t, dest, map[string]string{"index.html": "v1"}, nil)
	before := snapshot(t, dest)

	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	must(t, st.WriteFile("index.html", []byte("v2")))
	st.noExchange = true
	st.testHook = func(point string) {
		if point == "aside" {
			must(t, os.RemoveAll(st.dir))
		}
	}
	if err := st.Commit(); err == nil || !strings.Contains(err.Error(), st.dir) {
		t.Errorf("Commit = %v, want an error naming %s", err, st.dir)
	}
	st.Abort()
	assertSnapshot(t, dest, before)
	if got := entries(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v, want only public", got)
	}
}
