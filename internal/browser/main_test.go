package browser

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
)

// The tests share one browser, started by the first test that needs one,
// and one build of the example site.
var shared struct {
	once    sync.Once
	browser *Browser
	err     error
}

// TestMain stops the shared browser and removes the shared build after the
// tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if shared.browser != nil {
		shared.browser.Close()
	}
	example.cleanup()
	os.Exit(code)
}

// sharedBrowser returns the browser the tests share, starting it on first
// use; a missing Chromium skips the test (fails it in CI).
func sharedBrowser(t *testing.T) *Browser {
	t.Helper()
	path, err := FindChromium()
	Need(t, err)
	shared.once.Do(func() {
		shared.browser, shared.err = Launch(context.Background(), path)
	})
	if shared.err != nil {
		t.Fatalf("launching Chromium: %v", shared.err)
	}
	return shared.browser
}

// tab opens a tab that closes when the test ends.
func tab(t *testing.T, b *Browser) context.Context {
	t.Helper()
	ctx, cancel := b.NewTab()
	t.Cleanup(cancel)
	return ctx
}

// sharedAxe loads axe-core from the repository's node_modules.
func sharedAxe(t *testing.T) *Axe {
	t.Helper()
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	path, err := FindAxe(root)
	Need(t, err)
	axe, err := LoadAxe(path)
	if err != nil {
		t.Fatal(err)
	}
	return axe
}

// vnuTools returns the java command and vnu.jar.
func vnuTools(t *testing.T) (java, jar string) {
	t.Helper()
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	java, err = FindJava()
	Need(t, err)
	jar, err = FindVNU(root)
	Need(t, err)
	return java, jar
}

func violationList(vs []Violation) string {
	s := ""
	for _, v := range vs {
		s += fmt.Sprintf("\n%s", v)
	}
	return s
}
