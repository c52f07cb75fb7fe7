package sitegen

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/build"
	"github.com/alumni-site/alumni/internal/content"
)

// files returns every file below dir by slash path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, opt Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDeterministic checks that the same options give byte-identical
// files, that another seed gives other files, and that story i does not
// depend on the number of stories.
func TestDeterministic(t *testing.T) {
	a := files(t, write(t, Options{Stories: 60, Seed: 7}))
	b := files(t, write(t, Options{Stories: 60, Seed: 7}))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	c := files(t, write(t, Options{Stories: 60, Seed: 8}))
	same := 0
	for name := range a {
		if _, ok := c[name]; ok && strings.HasPrefix(name, "content/stories/") && !strings.Contains(name, "_index") {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 7 and 8 share %d story files", same)
	}
	// Story 45 is not a video speaker in either site (videos cover stories
	// 0-59 and 0-49 alike), so it must be identical.
	d := files(t, write(t, Options{Stories: 50, Seed: 7}))
	found := 0
	for name, data := range d {
		if strings.Contains(name, "-46.") || strings.Contains(name, "-46/") {
			found++
			if !bytes.Equal(data, a[name]) {
				t.Errorf("%s differs between 50 and 60 stories", name)
			}
		}
	}
	if found == 0 {
		t.Error("story 46 not found")
	}
}

// TestStrictBuild builds a generated site with Strict and expects no
// diagnostic at all, every story and video published, and the translations
// and videos that Write promises.
func TestStrictBuild(t *testing.T) {
	dir := write(t, Options{Stories: 100, Seed: 1})
	now, err := content.ParseDate("2026-01-15")
	if err != nil {
		t.Fatal(err)
	}
	res := build.Build(context.Background(), build.Options{
		Source: dir, Dest: filepath.Join(t.TempDir(), "public"), Strict: true, Now: now,
		Display: func(p string) string { return p },
		// Every page must fit the default theme's cached pieces.
		CheckCached: true,
	})
	for _, d := range res.Diagnostics {
		t.Error(d)
	}
	if !res.OK {
		t.Fatal("build failed")
	}
	pl, en := res.Pages["pl"], res.Pages["en"]
	if pl[content.KindStory] != 100 || pl[content.KindVideo] != 10 {
		t.Errorf("pl: %d stories and %d videos, want 100 and 10", pl[content.KindStory], pl[content.KindVideo])
	}
	if n := en[content.KindStory]; n < 15 || n > 45 {
		t.Errorf("en: %d translated stories of 100, want about 30", n)
	}
	if en[content.KindVideo] == 0 {
		t.Error("no translated video")
	}
}

// TestShape checks the promised shape of the content: the size of the
// stories, the spread of hosts, tables, featured stories, bundles with
// photos, and videos whose speakers name stories that name them back.
func TestShape(t *testing.T) {
	all := files(t, write(t, Options{Stories: 400, Seed: 3}))
	var stories, size, tables, featured, photos, translated int
	countries, hosts, tagSet := map[string]bool{}, map[string]bool{}, map[string]bool{}
	field := regexp.MustCompile(`(?m)^  (country|institution): (.*)$`)
	tagLine := regexp.MustCompile(`(?m)^tags: \[(.*)\]$`)
	for name, data := range all {
		switch {
		case !strings.HasPrefix(name, "content/stories/") || strings.Contains(name, "_index"):
			continue
		case strings.HasSuffix(name, ".en.md"):
			translated++
			continue
		case strings.HasSuffix(name, "photo.jpg"):
			photos++
			continue
		}
		stories++
		size += len(data)
		if bytes.Contains(data, []byte("\n|---|---:|\n")) {
			tables++
		}
		if bytes.Contains(data, []byte("\nfeatured: true\n")) {
			featured++
		}
		for _, m := range field.FindAllSubmatch(data, -1) {
			if string(m[1]) == "country" {
				countries[string(m[2])] = true
			} else {
				hosts[string(m[2])] = true
			}
		}
		for _, tag := range strings.Split(string(tagLine.FindSubmatch(data)[1]), ", ") {
			tagSet[tag] = true
		}
	}
	if stories != 400 {
		t.Fatalf("%d stories, want 400", stories)
	}
	if avg := size / stories; avg < 6500 || avg > 7500 {
		t.Errorf("stories average %d bytes, want about 7 KB", avg)
	}
	check := func(what string, got, lo, hi int) {
		if got < lo || got > hi {
			t.Errorf("%s: %d, want %d to %d", what, got, lo, hi)
		}
	}
	check("translations", translated, 90, 150)
	check("tables", tables, 50, 110)
	check("featured", featured, 2, 20)
	check("photos", photos, 50, 110)
	check("countries", len(countries), 28, 30)
	check("institutions", len(hosts), 150, 200)
	check("tags", len(tagSet), 38, 40)
	speakers := regexp.MustCompile(`(?m)^speakers: \[(.*)\]$`)
	videos := 0
	for name, data := range all {
		if !strings.HasPrefix(name, "content/videos/") || !strings.HasSuffix(name, "/index.md") {
			continue
		}
		videos++
		video := strings.TrimSuffix(strings.TrimPrefix(name, "content/videos/"), "/index.md")
		if _, ok := all["content/videos/"+video+"/captions.pl.vtt"]; !ok {
			t.Errorf("%s has no captions.pl.vtt", video)
		}
		for _, s := range strings.Split(string(speakers.FindSubmatch(data)[1]), ", ") {
			story, ok := all["content/stories/"+s+".md"]
			if !ok {
				story, ok = all["content/stories/"+s+"/index.md"]
			}
			if !ok || !bytes.Contains(story, []byte("\nvideo: "+video+"\n")) {
				t.Errorf("video %s names speaker %s, whose story does not name it back", video, s)
			}
		}
	}
	if videos != 40 {
		t.Errorf("%d videos, want 40", videos)
	}
}

// TestWriteRefusesNonEmpty checks that Write does not mix a site with
// files already in dir.
func TestWriteRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Options{Stories: 1}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Write into a non-empty folder: got %v, want an error saying it is not empty", err)
	}
}
