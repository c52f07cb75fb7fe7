package output

import (
	"errors"
	"io"
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

// createFile creates the file name, which must not exist, with data and
// mode 0644 (forced with fchmod unless exact says the umask keeps it).
// It calls open, write and close itself: os.OpenFile would first try to
// register the file with the network poller, which costs five more system
// calls per file that a regular file never needs (fcntl four times and a
// failing epoll_ctl), or a fifth of the system calls of a build.
func createFile(name string, data []byte, exact bool) error {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = retry(func() (int, error) { return unix.Write(fd, data) })
		if n == 0 && err == nil {
			err = io.ErrShortWrite
		}
		data = data[n:]
	}
	if err != nil {
		err = &os.PathError{Op: "write", Path: name, Err: err}
	} else if !exact {
		if e := unix.Fchmod(fd, 0o644); e != nil {
			err = &os.PathError{Op: "chmod", Path: name, Err: e}
		}
	}
	if e := unix.Close(fd); e != nil && err == nil {
		err = &os.PathError{Op: "close", Path: name, Err: e}
	}
	return err
}

// retry calls f again for as long as it fails with EINTR, and returns
// what it returned last, with a negative count made 0.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return max(n, 0), err
		}
	}
}

// canStartWriteback reports that startWriteback does something here.
const canStartWriteback = true

// startWriteback writes the file system's dirty data to disk (syncfs of
// dir), so that a later syncTree has less to wait for.
func startWriteback(dir string) { syncTree(dir) }
