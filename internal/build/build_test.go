package build

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testNow is the moment every golden build is evaluated at.
const testNow = "2026-01-15"

// unpack writes the files of a txtar archive below dir.
func unpack(t *testing.T, ar *txtar.Archive, dir string) {
	t.Helper()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildSite builds the site in dir into dir/public at testNow.
func buildSite(t *testing.T, dir string, mod func(*Options)) Result {
	t.Helper()
	now, err := content.ParseDate(testNow)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{
		Source:  dir,
		Dest:    filepath.Join(dir, "public"),
		Now:     now,
		Display: func(p string) string { return p },
		// Every test build checks that the theme's cached fragments are
		// what each page would render.
		CheckCached: true,
	}
	if mod != nil {
		mod(&opt)
	}
	return Build(context.Background(), opt)
}

// tree returns every file below dir except the ownership marker, as a
// txtar archive sorted by path.
func tree(t *testing.T, dir string) *txtar.Archive {
	t.Helper()
	ar := &txtar.Archive{}
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return ar
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == ".alumni" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !isText(rel) {
			data = []byte("(binary, " + itoa(len(data)) + " bytes)\n")
		} else if len(data) > 0 && data[len(data)-1] != '\n' {
			data = append(data, '\n')
		}
		ar.Files = append(ar.Files, txtar.File{Name: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ar.Files, func(a, b txtar.File) int { return strings.Compare(a.Name, b.Name) })
	return ar
}

func isText(name string) bool {
	for _, ext := range []string{".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".vtt"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func itoa(n int) string { return fmtInt(n) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// diagnostics formats diagnostics one per line.
func diagnostics(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestGoldenSites builds every site in testdata/sites and compares the
// whole output tree, and the diagnostics, with testdata/golden.
func TestGoldenSites(t *testing.T) {
	sites, err := filepath.Glob("testdata/sites/*.txtar")
	if err != nil || len(sites) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, file := range sites {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			unpack(t, ar, dir)
			res := buildSite(t, dir, func(o *Options) {
				off := false
				o.Minify = &off
			})
			got := tree(t, filepath.Join(dir, "public"))
			got.Comment = []byte(diagnostics(res.Diagnostics))
			if !res.OK {
				got.Comment = append(got.Comment, "(build failed)\n"...)
			}
			golden := filepath.Join("testdata", "golden", name+".txtar")
			if *update {
				if err := os.WriteFile(golden, txtar.Format(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if g := txtar.Format(got); !bytes.Equal(g, want) {
				t.Errorf("output differs from %s (run go test ./internal/build -update and review the diff)\n%s", golden, firstDifference(string(want), string(g)))
			}
		})
	}
}

// firstDifference shows the first line where two texts differ.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + fmtInt(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
