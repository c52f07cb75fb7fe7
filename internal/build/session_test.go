package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/content"
)

// sessionEdit is one change to a site's files, given as site paths and
// their new contents ("" removes the file). quick says whether the edit
// must take the fast path (only the text of pages changed).
type sessionEdit struct {
	name  string
	files map[string]string
	quick bool
}

// TestSessionEqualsBuild applies a sequence of edits to a site and checks,
// after each, that every file of the session's snapshot equals the file a
// fresh build of the same sources writes, and that there are no others.
func TestSessionEqualsBuild(t *testing.T) {
	dir := testSite(t, "bilingual")
	now, _ := content.ParseDate(testNow)
	sess := NewSession(Options{Source: dir, Now: now, Display: func(p string) string { return p }})
	snap, ds := sess.Rebuild(context.Background(), nil, true)
	if snap == nil {
		t.Fatalf("first build failed: %v", ds)
	}
	compareWithBuild(t, "start", dir, snap)

	story := "content/stories/anna-porto/index.md"
	edits := []sessionEdit{
		{"edit a story's text", map[string]string{story: replaceIn(t, dir, story, "Pierwszy akapit", "Zmieniony akapit")}, true},
		{"edit a section's text", map[string]string{"content/stories/_index.md": "---\ntitle: Historie\n---\nNowy wstęp do listy.\n"}, true},
		{"edit a translation's text", map[string]string{"content/stories/anna-porto/index.en.md": replaceIn(t, dir, "content/stories/anna-porto/index.en.md", "The first paragraph.", "A new first paragraph.")}, true},
		{"change a story's country", map[string]string{story: replaceIn(t, dir, story, "country: PT", "country: ES")}, false},
		{"add a story", map[string]string{"content/stories/nowa.md": "---\ntitle: Nowa\ndate: 2025-09-01\nperson: {name: Nowa Osoba}\nhost: {institution: X, country: IT}\nmobility_year: 2024\ntags: [nowe]\nconsent: {given: 2025-01-01}\n---\nNowa historia.\n"}, false},
		{"withdraw consent", map[string]string{"content/stories/nowa.md": "---\ntitle: Nowa\ndate: 2025-09-01\nperson: {name: Nowa Osoba}\nhost: {institution: X, country: IT}\nmobility_year: 2024\ntags: [nowe]\nconsent: {given: 2025-01-01, withdrawn: 2025-12-01}\n---\nNowa historia.\n"}, false},
		{"delete a page", map[string]string{"content/about.md": ""}, false},
		{"override a layout", map[string]string{"layouts/page.html": "{{ define \"main\" }}<p class=\"override\">{{ .Title }}</p>{{ end }}\n"}, false},
		{"override a UI string", map[string]string{"i18n/pl.yaml": "skip_to_content: Do treści\n"}, false},
		{"translate a page", map[string]string{"content/deklaracja.en.md": "---\ntitle: Accessibility statement\nslug: accessibility\n---\nText.\n"}, false},
		{"change site.yaml", map[string]string{"site.yaml": replaceIn(t, dir, "site.yaml", "title: Absolwenci", "title: Nasi absolwenci")}, false},
	}
	for _, e := range edits {
		changed := apply(t, dir, e.files)
		before := sess.quickBuilds
		snap, ds = sess.Rebuild(context.Background(), changed, false)
		if snap == nil {
			t.Fatalf("%s: build failed: %v", e.name, ds)
		}
		if quick := sess.quickBuilds > before; quick != e.quick {
			t.Errorf("%s: fast path taken = %v, want %v", e.name, quick, e.quick)
		}
		compareWithBuild(t, e.name, dir, snap)
	}

	// A broken edit gives no snapshot and the error; fixing it gives one.
	broken := apply(t, dir, map[string]string{story: "---\ntitle: [\n---\n"})
	if snap, ds = sess.Rebuild(context.Background(), broken, false); snap != nil || len(ds) == 0 {
		t.Fatalf("a broken story built: %v", ds)
	}
	fixed := apply(t, dir, map[string]string{story: "---\ntitle: Naprawiona\ndate: 2025-05-12\nperson: {name: Anna Nowak}\nhost: {institution: U, country: PT}\nmobility_year: 2023\nconsent: {given: 2025-04-30}\n---\nTekst.\n"})
	if snap, ds = sess.Rebuild(context.Background(), fixed, false); snap == nil {
		t.Fatalf("the fix did not build: %v", ds)
	}
	compareWithBuild(t, "after the fix", dir, snap)
}

// replaceIn returns the text of a site file with old replaced by new.
func replaceIn(t *testing.T, dir, file, old, new string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	return strings.Replace(string(data), old, new, 1)
}

// apply writes (or removes, for "") site files and returns their paths.
func apply(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	var changed []string
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if text == "" {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		} else {
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		changed = append(changed, name)
	}
	slices.Sort(changed)
	return changed
}

// compareWithBuild builds dir afresh and compares every file with snap.
func compareWithBuild(t *testing.T, step, dir string, snap *Snapshot) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res := buildSite(t, dir, func(o *Options) { o.Dest = dest })
	if !res.OK {
		t.Fatalf("%s: fresh build failed: %v", step, res.Diagnostics)
	}
	built := tree(t, dest)
	var names []string
	for _, f := range built.Files {
		names = append(names, f.Name)
		got, _, ok := snap.File(f.Name)
		want, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f.Name)))
		if !ok {
			t.Errorf("%s: %s is built but not served", step, f.Name)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s: %s differs:\n%s", step, f.Name, firstDifference(string(want), string(got)))
		}
	}
	snap.Wait()
	if paths := snap.Paths(); !slices.Equal(paths, names) {
		t.Errorf("%s: served files differ from built ones:\nserved %d: %v\nbuilt  %d: %v", step, len(paths), paths, len(names), names)
	}
}

// TestSessionDiagnosticsEqualBuild checks that a snapshot, once its
// Markdown is all converted, reports exactly the problems that alumni build
// reports, Markdown warnings of pages nobody asked for included.
func TestSessionDiagnosticsEqualBuild(t *testing.T) {
	dir := testSite(t, "bilingual")
	apply(t, dir, map[string]string{"content/stories/zofia-lyon.md": "---\ntitle: Lyon\ndate: 2025-03-01\nperson: {name: Zofia Lis}\nhost: {institution: Université Lumière Lyon 2, country: FR}\nmobility_year: 2023\nconsent: {given: 2025-01-01, scope: [name, story]}\n---\nTekst.\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))\n"})
	now, _ := content.ParseDate(testNow)
	sess := NewSession(Options{Source: dir, Now: now, Display: func(p string) string { return p }})
	snap, ds := sess.Rebuild(context.Background(), nil, true)
	if snap == nil {
		t.Fatalf("build failed: %v", ds)
	}
	res := buildSite(t, dir, func(o *Options) { o.Dest = filepath.Join(t.TempDir(), "public") })
	got, want := diagnostics(snap.Wait()), diagnostics(res.Diagnostics)
	if !strings.Contains(want, "content/stories/zofia-lyon.md:11:1: warning: raw HTML omitted") || !strings.Contains(want, "content/stories/zofia-lyon.md:13:1: warning: unsafe link") {
		t.Fatalf("the build does not report the Markdown problems:\n%s", want)
	}
	if got != want {
		t.Errorf("the preview reports\n%s\nthe build\n%s", got, want)
	}
}

// TestSessionEditDuringConversion edits a story's text right after a full
// build, while the rest of the Markdown is still being converted in the
// background: the fast path stops that conversion and has it go on, and
// both snapshots are finished with every file and problem of a fresh
// build.
func TestSessionEditDuringConversion(t *testing.T) {
	dir := guardSite(t, 300)
	now, _ := content.ParseDate(guardNow)
	sess := NewSession(Options{Source: dir, Now: now, Display: func(p string) string { return p }})
	first, ds := sess.Rebuild(context.Background(), nil, true)
	if first == nil {
		t.Fatalf("build failed: %v", ds)
	}
	matches, err := filepath.Glob(filepath.Join(dir, "content", "stories", "*", "index.md"))
	if err != nil || len(matches) == 0 {
		t.Fatalf("no story bundles: %v", err)
	}
	story, _ := filepath.Rel(dir, matches[len(matches)-1])
	story = filepath.ToSlash(story)
	text := replaceIn(t, dir, story, "\n---\n", "\n---\nEdited while converting.\n\n")
	snap, ds := sess.Rebuild(context.Background(), apply(t, dir, map[string]string{story: text}), false)
	if snap == nil || sess.quickBuilds != 1 {
		t.Fatalf("the edit did not take the fast path (%d): %v", sess.quickBuilds, ds)
	}
	if got, want := diagnostics(first.Wait()), diagnostics(snap.Wait()); got != want {
		t.Errorf("the first snapshot finished with\n%s\nthe second with\n%s", got, want)
	}
	opt := guardOptions(t, dir, filepath.Join(t.TempDir(), "public"))
	res := Build(context.Background(), opt)
	if !res.OK {
		t.Fatalf("fresh build failed: %v", res.Diagnostics)
	}
	if got, want := diagnostics(snap.Wait()), diagnostics(res.Diagnostics); got != want {
		t.Errorf("the preview reports\n%s\nthe build\n%s", got, want)
	}
	compareWithBuild(t, "edit during conversion", dir, snap)
}
