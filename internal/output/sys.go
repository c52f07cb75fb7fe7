package output

import (
	"errors"
	"os"
)

// errNoExchange is returned by exchange where the system or the file system
// cannot swap two folders in one step.
var errNoExchange = errors.New("atomic exchange not supported")

// errBusy is returned by lockFolder when another build holds the lock.
var errBusy = errors.New("in use by another build")

// syncDir flushes the folder dir, so that renames inside it survive a power
// loss. It is best effort: some systems cannot sync a folder.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
