package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// startInotify creates the inotify instance and watches every folder, or
// falls back to polling when that fails.
func (w *Watcher) startInotify() {
	var err error
	if w.faults.init != nil {
		err = w.faults.init()
	}
	if err == nil {
		w.fsw, err = fsnotify.NewWatcher()
	}
	if err != nil {
		w.fallBack(err, "")
		return
	}
	limit := maxQueued
	if w.faults.maxQueued > 0 {
		limit = w.faults.maxQueued
	}
	w.in = newInbox(limit)
	go w.in.forward(w.fsw)
	w.dirs = map[string]bool{}
	w.watchTree(w.root, false)
}

// closeInotify closes the inotify instance and waits for the inbox's
// goroutine to end.
func (w *Watcher) closeInotify() error {
	err := w.fsw.Close()
	<-w.in.done
	w.fsw, w.in = nil, nil
	return err
}

// drain handles what the inbox holds. A switch to polling makes the rest
// moot: the next batch asks for a rescan anyway.
func (w *Watcher) drain() {
	events, errs, overflow := w.in.take()
	for _, ev := range events {
		if w.fsw == nil {
			return
		}
		w.handle(ev)
	}
	for _, err := range errs {
		if w.fsw == nil {
			return
		}
		w.handleError(err)
	}
	if overflow && w.fsw != nil {
		w.handleError(fsnotify.ErrEventOverflow)
	}
}

// handle takes one inotify event into the pending set.
func (w *Watcher) handle(ev fsnotify.Event) {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	if rel == "." {
		// The root itself was removed or moved: nothing is known any more.
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.noteRescan()
		}
		return
	}
	if w.ignored(rel) {
		return
	}
	gone := ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	if w.dirs[ev.Name] {
		if gone {
			// A watched folder went away: its files are not known one by
			// one, and its subfolders' watches now point at the wrong
			// names (after a rename) or at nothing.
			w.unwatchTree(ev.Name)
			w.note(rel)
			w.noteRescan()
			return
		}
		if !ev.Has(fsnotify.Create) {
			return // a folder's own mode or time changed
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			w.watchTree(ev.Name, true)
			return
		}
	}
	if isTemp(path.Base(rel)) {
		return
	}
	w.note(rel)
}

// handleError reacts to an error from inotify. Any error may mean lost
// events, so the next batch asks for a rescan.
func (w *Watcher) handleError(err error) {
	w.noteRescan()
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		// Folders created while events were dropped are not watched yet.
		w.resync()
		return
	}
	w.logf("watch: %v", err)
}

// watchTree watches dir and every folder below it that is not ignored. With
// report, the files found are added to the pending set, because they were
// created before their folder was watched.
//
// A folder is watched before it is listed, so a file created meanwhile is
// either listed or seen by the new watch (or both).
func (w *Watcher) watchTree(dir string, report bool) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if w.closing() || w.fsw == nil {
			return filepath.SkipAll
		}
		rel, ok := w.rel(p)
		if !ok {
			return filepath.SkipDir
		}
		if err != nil {
			w.logUnreadable(rel, err)
			return nil // skip what cannot be read; WalkDir goes on
		}
		if rel != "." && w.ignored(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if report && !isTemp(d.Name()) {
				w.note(rel)
			}
			return nil
		}
		switch err := w.addWatch(p); {
		case err == nil:
			return nil
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			return filepath.SkipDir // removed meanwhile
		case errors.Is(err, fs.ErrPermission):
			// Polling could not read the folder either.
			w.logUnreadable(rel, err)
			return filepath.SkipDir
		default:
			w.fallBack(err, p)
			return filepath.SkipAll
		}
	})
	if err != nil {
		w.logf("watch: %v", err)
	}
}

// addWatch adds an inotify watch for the folder dir.
func (w *Watcher) addWatch(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if w.faults.add != nil {
		if err := w.faults.add(dir); err != nil {
			return err
		}
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// unwatchTree removes the watches of dir and of the folders below it. The
// kernel has already dropped those of removed folders, so errors are
// expected and ignored.
func (w *Watcher) unwatchTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			_ = w.fsw.Remove(d)
		}
	}
}

// resync adds the watches again after an overflow of the inotify queue:
// folders created meanwhile get one, and a folder replaced by another of
// the same name gets a watch on the new one. Watches of folders that are
// gone are removed.
func (w *Watcher) resync() {
	old := w.dirs
	w.dirs = map[string]bool{}
	w.watchTree(w.root, false)
	if w.fsw == nil {
		return // fell back to polling
	}
	for d := range old {
		if !w.dirs[d] {
			_ = w.fsw.Remove(d)
		}
	}
}

// fallBack switches to polling because inotify failed with err while
// watching dir ("" when the inotify instance could not be created).
func (w *Watcher) fallBack(err error, dir string) {
	if w.fsw != nil {
		_ = w.closeInotify()
	}
	w.dirs = nil
	w.logf("%s", fallbackMessage(err, dir, w.opt.PollInterval))
	w.startPolling()
	if w.running {
		// Changes between the last event and the first walk are lost;
		// during New there is nothing to lose yet.
		w.noteRescan()
	}
}

// fallbackMessage tells the user that the watcher polls, why, and which
// kernel setting would let it use inotify again.
func fallbackMessage(err error, dir string, interval time.Duration) string {
	what := "cannot start inotify"
	if dir != "" {
		what = "cannot watch " + dir
	}
	var why, fix string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		why = "the inotify watch limit is reached"
		fix = "sudo sysctl fs.inotify.max_user_watches=524288"
	case errors.Is(err, syscall.EMFILE):
		why = "too many inotify instances (or files) are open"
		fix = "sudo sysctl fs.inotify.max_user_instances=1024 && sudo sysctl fs.inotify.max_user_watches=524288"
	default:
		why = err.Error()
	}
	msg := fmt.Sprintf("watch: %s: %s; polling every %v instead, so changes show up more slowly", what, why, interval)
	if fix != "" {
		msg += ". To use inotify, raise the limit with: " + fix +
			" (add the setting to /etc/sysctl.d/ to keep it after a reboot)"
	}
	return msg
}
