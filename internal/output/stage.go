package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// Stage is a new version of a destination folder, being written. Its methods
// are safe for concurrent use.
type Stage struct {
	dest   string // the destination as the caller named it, for messages
	abs    string // the destination's absolute path
	parent string // the folder holding the destination and the staging folder
	base   string // the destination's base name
	dir    string // the staging folder
	hold   *os.File

	// mu is held for reading while a file is written and for writing while
	// the stage is committed or aborted, so no write can land in a folder
	// that has been moved.
	mu     sync.RWMutex
	state  stageState
	claims claims
	// dirs holds the folders of the staging folder already made, so that
	// writing a page costs one mkdir at most, not a stat and one per
	// segment. exact is true when the umask leaves 0644 and 0755 as they
	// are, so no chmod is needed after creating.
	dirs  sync.Map
	exact bool
	// flush writes files to disk early, so that Commit waits less.
	flush writeback

	// noExchange makes Commit take the fallback swap even on Linux. Only
	// tests set it.
	noExchange bool
	// testHook, when set by a test, is called at the named points of Commit:
	// "marker" (marker written, nothing swapped), "aside" (fallback only: the
	// destination renamed aside, the staging folder not yet in) and
	// "swapped" (new version in place, old one not yet removed).
	testHook func(point string)
}

type stageState int

const (
	staging   stageState = iota // accepting files
	closed                      // Commit failed; only Abort is left
	committed                   // the new version is in place
	aborted                     // the staging folder is gone
)

// Open prepares to write a new version of dest (an absolute or relative
// directory path). dest must be missing, an empty directory, or a directory
// that contains the marker file ".alumni"; anything else, the root folder, a
// file and a symbolic link are refused. Open first repairs what interrupted
// runs left behind for dest, then creates the staging folder beside dest.
// The package documentation gives the rules.
func Open(dest string) (*Stage, error) {
	if dest == "" {
		return nil, errors.New("refusing to write to \"\": no destination folder given")
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("destination %q: %v", dest, err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if parent == abs {
		return nil, refuse(dest, "it is the root folder")
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("destination %q: %w", dest, err)
	}
	lock, err := lockFolder(parent, true)
	if err != nil {
		return nil, fmt.Errorf("destination %q: %w", dest, err)
	}
	defer lock.Close()

	if err := repair(abs); err != nil {
		return nil, fmt.Errorf("destination %q: cleaning up an earlier run: %w", dest, err)
	}
	if err := checkDest(dest, abs); err != nil {
		return nil, err
	}
	s := &Stage{
		dest:   dest,
		abs:    abs,
		parent: parent,
		base:   base,
		dir:    filepath.Join(parent, stagePrefix(base)+randomSuffix()),
	}
	s.flush.dir = s.dir
	if canStartWriteback {
		s.flush.start = startWriteback
	}
	if err := os.Mkdir(s.dir, 0o755); err != nil {
		return nil, fmt.Errorf("destination %q: %w", dest, err)
	}
	if err := os.Chmod(s.dir, 0o755); err != nil {
		os.Remove(s.dir)
		return nil, fmt.Errorf("destination %q: %w", dest, err)
	}
	if s.hold, err = lockFolder(s.dir, false); err != nil {
		os.Remove(s.dir)
		return nil, fmt.Errorf("destination %q: %w", dest, err)
	}
	s.exact = umaskKeepsModes(s.dir)
	return s, nil
}

// WriteFile writes data to the slash-separated path rel inside the staging
// folder, creating parent folders. rel must be clean, relative, and stay
// inside; writing the same rel twice, or two paths that differ only in case
// or Unicode normalization, is an error. Files get mode 0644, folders 0755.
func (s *Stage) WriteFile(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.state != staging {
		return fmt.Errorf("write %s: the output was already committed or aborted", s.show(rel))
	}
	if err := s.claims.claim(rel); err != nil {
		return err
	}
	if err := s.writeFile(rel, data); err != nil {
		return fmt.Errorf("write %s: %w", s.show(rel), err)
	}
	s.flush.wrote(len(data))
	return nil
}

// Commit writes the ".alumni" marker, then atomically replaces dest with the
// staging folder. After Commit, dest holds exactly the files written and the
// marker. If Commit fails, dest is unchanged (or, after a crash-like failure
// in the middle of the fallback swap, repaired by the next Open) and Abort
// removes the staging folder.
func (s *Stage) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != staging {
		return fmt.Errorf("commit %q: the output was already committed or aborted", s.dest)
	}
	s.state = closed
	s.flush.wait()
	if err := s.writeFile(markerName, []byte(markerText)); err != nil {
		return fmt.Errorf("commit %q: %w", s.dest, err)
	}
	if err := syncTree(s.dir); err != nil {
		return fmt.Errorf("commit %q: %w", s.dest, err)
	}
	s.hook("marker")

	lock, err := lockFolder(s.parent, true)
	if err != nil {
		return fmt.Errorf("commit %q: %w", s.dest, err)
	}
	old, err := s.swap()
	lock.Close()
	if err != nil {
		return fmt.Errorf("commit %q: %w", s.dest, err)
	}
	s.state = committed
	s.hold.Close()
	syncDir(s.parent)
	s.hook("swapped")
	if old != "" {
		// A failure here leaves a leftover that the next Open removes; the
		// new version is in place, so Commit succeeded.
		os.RemoveAll(old)
	}
	return nil
}

// Abort removes the staging folder; dest is untouched. It is a no-op after a
// successful Commit or an earlier Abort.
func (s *Stage) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == committed || s.state == aborted {
		return
	}
	s.state = aborted
	s.flush.wait()
	// A failure leaves a leftover that the next Open removes.
	os.RemoveAll(s.dir)
	s.hold.Close()
}

// swap puts the staging folder in the destination's place and returns the
// path of the old version that is left to remove, if any. It is called with
// the parent folder locked.
func (s *Stage) swap() (old string, err error) {
	_, err = os.Lstat(s.abs)
	if errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(s.dir, s.abs)
	}
	if err != nil {
		return "", err
	}
	// The destination was checked by Open; check again in case it was
	// replaced by something that is not ours while the site was built.
	if err := checkDest(s.dest, s.abs); err != nil {
		return "", err
	}
	if !s.noExchange {
		err := exchange(s.dir, s.abs)
		if err == nil {
			return s.dir, nil // the old version now has the staging name
		}
		if !errors.Is(err, errNoExchange) {
			return "", err
		}
	}
	old = filepath.Join(s.parent, oldPrefix(s.base)+randomSuffix())
	if err := os.Rename(s.abs, old); err != nil {
		return "", err
	}
	s.hook("aside")
	if err := os.Rename(s.dir, s.abs); err != nil {
		if rerr := os.Rename(old, s.abs); rerr != nil {
			return "", fmt.Errorf("%w; moving the previous version back failed too (the next run restores it): %v", err, rerr)
		}
		return "", err
	}
	return old, nil
}

func (s *Stage) hook(point string) {
	if s.testHook != nil {
		s.testHook(point)
	}
}

// show returns how messages name the output file rel.
func (s *Stage) show(rel string) string {
	return filepath.Join(s.dest, filepath.FromSlash(rel))
}

// writeFile creates the file rel under root, with its parent folders.
func (s *Stage) writeFile(rel string, data []byte) error {
	if err := s.makeDirs(path.Dir(rel)); err != nil {
		return err
	}
	return createFile(filepath.Join(s.dir, filepath.FromSlash(rel)), data, s.exact)
}

// makeDirs makes dir (slash-separated, relative to the staging folder) and
// its parents, remembering what exists.
func (s *Stage) makeDirs(dir string) error {
	if dir == "." {
		return nil
	}
	if _, done := s.dirs.Load(dir); done {
		return nil
	}
	if err := s.makeDirs(path.Dir(dir)); err != nil {
		return err
	}
	p := filepath.Join(s.dir, filepath.FromSlash(dir))
	err := os.Mkdir(p, 0o755)
	switch {
	case err == nil && !s.exact:
		err = os.Chmod(p, 0o755)
	case errors.Is(err, fs.ErrExist):
		// Made by another goroutine, or a file that the next step trips
		// over.
		err = nil
	}
	if err != nil {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// umaskKeepsModes reports whether files and folders created in dir get
// exactly the modes asked for (0644 and 0755), by creating one of each.
func umaskKeepsModes(dir string) bool {
	probe := filepath.Join(dir, ".alumni-mode-probe")
	defer os.Remove(probe)
	if err := os.Mkdir(probe, 0o755); err != nil {
		return false
	}
	info, err := os.Stat(probe)
	if err != nil || info.Mode().Perm() != 0o755 {
		return false
	}
	os.Remove(probe)
	f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return false
	}
	info, err = f.Stat()
	f.Close()
	return err == nil && info.Mode().Perm() == 0o644
}

func refuse(dest, why string) error {
	return fmt.Errorf("refusing to write to %q: %s", dest, why)
}
