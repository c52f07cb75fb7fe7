package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestExchange checks that renameat2(RENAME_EXCHANGE) works here, so that
// the tests without the fallback do exercise it.
func TestExchange(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	must(t, os.MkdirAll(filepath.Join(a, "only-a"), 0o755))
	must(t, os.MkdirAll(filepath.Join(b, "only-b"), 0o755))
	err := exchange(a, b)
	if errors.Is(err, errNoExchange) {
		t.Skip("the file system of the temporary folder has no RENAME_EXCHANGE")
	}
	must(t, err)
	if _, err := os.Stat(filepath.Join(a, "only-b")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(b, "only-a")); err != nil {
		t.Error(err)
	}
	// A missing side is an error, not a reason to fall back.
	if err := exchange(a, filepath.Join(root, "missing")); err == nil || errors.Is(err, errNoExchange) {
		t.Errorf("exchange with a missing folder = %v", err)
	}
}
