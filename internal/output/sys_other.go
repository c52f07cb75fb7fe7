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

// createFile creates the file name, which must not exist, with data and
// mode 0644 (forced with chmod unless exact says the umask keeps it).
func createFile(name string, data []byte, exact bool) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && !exact {
		err = f.Chmod(0o644) // whatever the umask
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// canStartWriteback reports that startWriteback does nothing here: the
// only way to sync is file by file, which would cost a walk of the whole
// staging folder every time.
const canStartWriteback = false

// startWriteback does nothing on this system.
func startWriteback(string) {}
