package browser

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tools are the paths of the programs and files the checks use.
type Tools struct {
	// Chromium is the browser's executable.
	Chromium string
	// Java is the Java runtime that runs VNU.
	Java string
	// Axe is axe-core's axe.min.js.
	Axe string
	// VNU is the Nu Html Checker's vnu.jar.
	VNU string
}

// MissingError says that a tool is not installed, and how to install it.
type MissingError struct {
	What    string
	Install string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s not found: %s", e.What, e.Install)
}

// chromiumNames are the executables tried, in order, when CHROMIUM is not
// set.
var chromiumNames = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the path of the browser: $CHROMIUM when set, or
// else the first of Debian's chromium and its usual other names found.
func FindChromium() (string, error) {
	names := chromiumNames
	if env := os.Getenv("CHROMIUM"); env != "" {
		names = []string{env}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", &MissingError{What: "Chromium", Install: "install Debian's chromium (apt-get install chromium) or set CHROMIUM to a Chrome or Chromium executable"}
}

// FindJava returns the path of the java command.
func FindJava() (string, error) {
	if p, err := exec.LookPath("java"); err == nil {
		return p, nil
	}
	return "", &MissingError{What: "Java", Install: "install a Java runtime (apt-get install default-jre-headless)"}
}

// FindAxe returns the path of axe.min.js in root's node_modules.
func FindAxe(root string) (string, error) {
	return findFile(root, "node_modules/axe-core/axe.min.js", "the npm package axe-core")
}

// FindVNU returns the path of vnu.jar in root's node_modules.
func FindVNU(root string) (string, error) {
	return findFile(root, "node_modules/vnu-jar/build/dist/vnu.jar", "the npm package vnu-jar")
}

func findFile(root, rel, what string) (string, error) {
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", &MissingError{What: what, Install: "run npm ci in " + root}
	}
	return p, nil
}

// ModuleRoot returns the folder of the go.mod that contains the working
// directory: the repository root, where package.json and node_modules/
// are.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// InCI reports whether the tests run in CI (the environment variable CI is
// "true"), where a missing tool is a failure and not a reason to skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Need stops the test when err is not nil: it skips with err's message
// (which says what to install) or, in CI, fails.
func Need(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	if InCI() {
		tb.Fatalf("%v (CI=true: a missing tool is a failure)", err)
	}
	tb.Skipf("skipped: %v", err)
}
