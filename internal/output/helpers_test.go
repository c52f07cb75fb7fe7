package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// snapshot describes every entry under dir, with its type, mode and content,
// keyed by slash-separated path. A missing dir gives nil.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	snap := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			snap[filepath.ToSlash(rel)] = fmt.Sprintf("dir %v", info.Mode())
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			snap[filepath.ToSlash(rel)] = "link " + target
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[filepath.ToSlash(rel)] = fmt.Sprintf("file %v %s", info.Mode(), data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// siteSnapshot is the snapshot of a committed version holding files.
func siteSnapshot(files map[string]string) map[string]string {
	snap := map[string]string{".alumni": "file -rw-r--r-- " + markerText}
	for rel, data := range files {
		snap[rel] = "file -rw-r--r-- " + data
		for dir := filepath.Dir(rel); dir != "."; dir = filepath.Dir(dir) {
			snap[filepath.ToSlash(dir)] = "dir drwxr-xr-x"
		}
	}
	return snap
}

func assertSnapshot(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := snapshot(t, dir)
	if !maps.Equal(got, want) {
		t.Errorf("%s holds\n%v\nwant\n%v", dir, got, want)
	}
}

// entries lists the names in dir, sorted.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

// publish writes files to dest as one version; configure, if not nil, may
// set test options on the stage.
func publish(t *testing.T, dest string, files map[string]string, configure func(*Stage)) {
	t.Helper()
	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	if configure != nil {
		configure(st)
	}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		if err := st.WriteFile(rel, []byte(files[rel])); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
