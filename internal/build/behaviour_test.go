package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

func mustBuild(t *testing.T, dir string, mod func(*Options)) {
	t.Helper()
	if res := buildSite(t, dir, mod); !res.OK {
		t.Fatalf("build failed:\n%s", diagnostics(res.Diagnostics))
	}
}

// TestUnpublishedLeavesNoTrace checks that a draft, a story whose consent
// was withdrawn (and its translation and photo), an expired page, a future
// page and an unused bundle file appear in no output file, neither as a
// file nor as text.
func TestUnpublishedLeavesNoTrace(t *testing.T) {
	dir := testSite(t, "bilingual")
	mustBuild(t, dir, nil)
	traces := []string{
		"Draft Person", "szkic", "Withdrawn", "withdrawn", "Wycofana",
		"Stara strona", "expired", "Przyszła", "future", "original.jpg", "unprocessed",
	}
	for _, f := range tree(t, filepath.Join(dir, "public")).Files {
		for _, trace := range traces {
			if strings.Contains(f.Name, trace) || bytes.Contains(f.Data, []byte(trace)) {
				t.Errorf("%s contains %q", f.Name, trace)
			}
		}
	}
	// The same pages are published with --drafts and a later --now, which
	// shows that the test above looks for text that can appear.
	mustBuild(t, dir, func(o *Options) { o.Drafts, o.Future = true, true })
	if _, err := os.Stat(filepath.Join(dir, "public", "stories", "szkic", "index.html")); err != nil {
		t.Errorf("with --drafts the draft is published: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "future", "index.html")); err != nil {
		t.Errorf("with --future the future page is published: %v", err)
	}
}

// TestDeterministic builds the example site twice, minified, into two
// destinations and compares every byte.
func TestDeterministic(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		res := buildSite(t, root, func(o *Options) { o.Dest = dest; o.Strict = true })
		if !res.OK {
			t.Fatalf("example site does not build with --strict:\n%s", diagnostics(res.Diagnostics))
		}
	}
	ta, tb := txtar.Format(tree(t, a)), txtar.Format(tree(t, b))
	if !bytes.Equal(ta, tb) {
		t.Fatalf("two builds differ:\n%s", firstDifference(string(ta), string(tb)))
	}
	if len(tree(t, a).Files) < 40 {
		t.Fatalf("the example site has only %d files", len(tree(t, a).Files))
	}
}

// TestFailedBuildLeavesDestination checks that a build that fails, at the
// content stage or at the rendering stage, leaves the previous output
// exactly as it was.
func TestFailedBuildLeavesDestination(t *testing.T) {
	dir := testSite(t, "bilingual")
	mustBuild(t, dir, nil)
	before := txtar.Format(tree(t, filepath.Join(dir, "public")))
	marker, err := os.ReadFile(filepath.Join(dir, "public", ".alumni"))
	if err != nil {
		t.Fatalf("no ownership marker after a build: %v", err)
	}
	breakages := map[string]string{
		"content/about.md":        "---\ntitle: [unclosed\n---\n",
		"layouts/story.html":      "{{ define \"main\" }}{{ .NoSuchField }}{{ end }}\n",
		"layouts/partials/x.html": "{{ if }}\n",
	}
	for file, text := range breakages {
		t.Run(file, func(t *testing.T) {
			p := filepath.Join(dir, filepath.FromSlash(file))
			old, readErr := os.ReadFile(p)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if readErr == nil {
					os.WriteFile(p, old, 0o644)
				} else {
					os.Remove(p)
				}
			}()
			res := buildSite(t, dir, nil)
			if res.OK {
				t.Fatal("the build succeeded")
			}
			after := txtar.Format(tree(t, filepath.Join(dir, "public")))
			if !bytes.Equal(before, after) {
				t.Errorf("public/ changed:\n%s", firstDifference(string(before), string(after)))
			}
			if m, _ := os.ReadFile(filepath.Join(dir, "public", ".alumni")); !bytes.Equal(m, marker) {
				t.Errorf("the marker changed")
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".alumni-*"))
			if len(leftovers) > 0 {
				t.Errorf("staging left behind: %v", leftovers)
			}
		})
	}
}

// TestRefusesForeignDestination checks that a destination alumni did not
// create is refused and left alone.
func TestRefusesForeignDestination(t *testing.T) {
	dir := testSite(t, "bilingual")
	before := txtar.Format(tree(t, filepath.Join(dir, "content")))
	res := buildSite(t, dir, func(o *Options) { o.Dest = filepath.Join(dir, "content") })
	if res.OK {
		t.Fatal("building into content/ succeeded")
	}
	want := `refusing to write to "` + filepath.Join(dir, "content") + `": it is not empty and was not created by alumni (no .alumni marker)`
	if got := diagnostics(res.Diagnostics); !strings.Contains(got, want) {
		t.Errorf("diagnostics:\n%s\nwant a line containing:\n%s", got, want)
	}
	if after := txtar.Format(tree(t, filepath.Join(dir, "content"))); !bytes.Equal(before, after) {
		t.Error("content/ changed")
	}
}

// TestStaleFilesRemoved checks that a file of the previous build that the
// new build does not write is gone.
func TestStaleFilesRemoved(t *testing.T) {
	dir := testSite(t, "bilingual")
	mustBuild(t, dir, nil)
	if err := os.Remove(filepath.Join(dir, "content", "about.md")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, dir, nil)
	if _, err := os.Stat(filepath.Join(dir, "public", "about", "index.html")); !os.IsNotExist(err) {
		t.Errorf("stale about/index.html survived: %v", err)
	}
}
