package watch

import (
	"io/fs"
	"path/filepath"
)

// fileInfo is what polling compares to notice that a file changed.
type fileInfo struct {
	size int64
	mod  int64 // nanoseconds since 1970
	mode fs.FileMode
}

// startPolling takes the first snapshot and starts the polling timer.
func (w *Watcher) startPolling() {
	w.polling.Store(true)
	w.files = w.snapshot()
	w.pollTimer.Reset(w.opt.PollInterval)
}

// poll walks the tree again, adds the files that differ from the previous
// walk to the pending set, and reports whether there were any.
func (w *Watcher) poll() bool {
	files := w.snapshot()
	if w.closing() {
		return false // the walk was cut short
	}
	found := false
	for rel, now := range files {
		if before, ok := w.files[rel]; !ok || before != now {
			w.note(rel)
			found = true
		}
	}
	for rel := range w.files {
		if _, ok := files[rel]; !ok {
			w.note(rel)
			found = true
		}
	}
	w.files = files
	return found
}

// snapshot lists every file below the root that is neither ignored nor
// temporary, with its size, modification time and mode. Folders are not
// listed: their changes show in the files they hold.
func (w *Watcher) snapshot() map[string]fileInfo {
	files := make(map[string]fileInfo, len(w.files))
	err := filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if w.closing() {
			return filepath.SkipAll
		}
		rel, ok := w.rel(p)
		if !ok {
			return filepath.SkipDir
		}
		if err != nil {
			w.logUnreadable(rel, err)
			return nil
		}
		if rel == "." {
			return nil
		}
		if w.ignored(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || isTemp(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed since the folder was listed
		}
		files[rel] = fileInfo{size: info.Size(), mod: info.ModTime().UnixNano(), mode: info.Mode()}
		return nil
	})
	if err != nil {
		w.logf("watch: %v", err)
	}
	return files
}
