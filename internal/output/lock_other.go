//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris)

package output

import "os"

// lockFolder locks nothing: this system has no flock (see "Concurrent
// builds" in the package documentation). It keeps no handle open either,
// since Windows cannot rename a folder that is open. Closing the nil file it
// returns is harmless.
func lockFolder(p string, wait bool) (*os.File, error) {
	return nil, nil
}
