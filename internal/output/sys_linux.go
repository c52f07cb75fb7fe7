package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step with
// renameat2(RENAME_EXCHANGE).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EPERM):
		// EINVAL: the file system lacks the flag; ENOSYS: kernel older
		// than 3.15; EPERM: a seccomp filter that does not know renameat2.
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}

// syncTree flushes the files under dir to disk with one syncfs call, which
// is much faster than an fsync per file.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return nil
}
