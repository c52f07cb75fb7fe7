package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// suffixLen is the number of hex digits at the end of staging and old folder
// names.
const suffixLen = 16

func stagePrefix(base string) string { return ".alumni-stage-" + base + "-" }
func oldPrefix(base string) string   { return ".alumni-old-" + base + "-" }

func randomSuffix() string {
	var b [suffixLen / 2]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// isLeftover reports whether name is prefix followed by a random suffix.
// Checking the suffix exactly keeps the leftovers of a destination "a" apart
// from those of a destination "a-b" in the same folder.
func isLeftover(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok || len(rest) != suffixLen {
		return false
	}
	for _, c := range []byte(rest) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// repair restores and removes what interrupted runs left beside the
// destination abs, as the package documentation describes. It is called with
// the parent folder locked, so no other build is in the middle of a swap.
func repair(abs string) error {
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	var stages, olds []string
	for _, e := range entries {
		switch name := e.Name(); {
		case isLeftover(name, stagePrefix(base)):
			stages = append(stages, filepath.Join(parent, name))
		case isLeftover(name, oldPrefix(base)):
			olds = append(olds, filepath.Join(parent, name))
		}
	}

	if len(olds) > 0 {
		_, err := os.Lstat(abs)
		if errors.Is(err, fs.ErrNotExist) {
			// A run died between the two renames of the fallback swap.
			i := newest(olds)
			if err := os.Rename(olds[i], abs); err != nil {
				return err
			}
			olds = append(olds[:i], olds[i+1:]...)
		} else if err != nil {
			return err
		}
	}
	for _, old := range olds {
		if err := removeLeftover(old); err != nil {
			return err
		}
	}
	for _, stage := range stages {
		lock, err := lockFolder(stage, false)
		if errors.Is(err, errBusy) {
			continue // another build is writing it
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		err = removeLeftover(stage)
		lock.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// newest returns the index of the most recently modified of paths.
func newest(paths []string) int {
	best, bestTime := 0, int64(-1<<63)
	for i, p := range paths {
		if fi, err := os.Lstat(p); err == nil && fi.ModTime().UnixNano() > bestTime {
			best, bestTime = i, fi.ModTime().UnixNano()
		}
	}
	return best
}

func removeLeftover(p string) error {
	if err := os.RemoveAll(p); err != nil {
		if _, serr := os.Lstat(p); errors.Is(serr, fs.ErrNotExist) {
			return nil // removed by someone else at the same time
		}
		return fmt.Errorf("removing leftover: %w", err)
	}
	return nil
}

// checkDest returns an error unless abs is missing, an empty folder, or a
// folder holding the alumni marker. dest is the name used in messages.
func checkDest(dest, abs string) error {
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("destination %q: %w", dest, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return refuse(dest, "it is a symbolic link")
	case !fi.IsDir():
		return refuse(dest, "it is not a folder")
	}
	if m, err := os.Lstat(filepath.Join(abs, markerName)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("destination %q: %w", dest, err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return nil // empty
	} else if err != nil {
		return fmt.Errorf("destination %q: %w", dest, err)
	}
	return refuse(dest, "it is not empty and was not created by alumni (no "+markerName+" marker)")
}
