//go:build !linux

package output

import (
	"io/fs"
	"os"
	"path/filepath"
)

// exchange reports that this system cannot swap two folders in one step.
func exchange(a, b string) error { return errNoExchange }

// syncTree flushes every file under dir to disk.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}
