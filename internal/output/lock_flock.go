//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockFolder opens the folder at p and takes an exclusive flock on it,
// waiting for it when wait is true and failing with errBusy otherwise.
// Closing the returned file releases the lock. Where the file system does
// not support flock, the folder is returned unlocked.
func lockFolder(p string, wait bool) (*os.File, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err = unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	switch {
	case err == nil:
		return f, nil
	case errors.Is(err, unix.EWOULDBLOCK):
		f.Close()
		return nil, &os.PathError{Op: "lock", Path: p, Err: errBusy}
	case errors.Is(err, unix.ENOLCK), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EBADF):
		return f, nil // no locking here; see "Concurrent builds"
	}
	f.Close()
	return nil, &os.PathError{Op: "lock", Path: p, Err: err}
}
