package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// previewSite writes a small site for the preview tests.
func previewSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":                 "title: Podgląd\nbaseURL: https://example.edu/alumni/\ndefaultLanguage: pl\nlanguages:\n  pl: {name: Polski}\n",
		"content/_index.md":         "---\ntitle: Start\n---\nStrona startowa.\n",
		"content/stories/_index.md": "---\ntitle: Historie\n---\n",
		"content/stories/anna.md":   story("Anna", "PT", "Pierwsza wersja."),
		"content/about.md":          "---\ntitle: O nas\n---\nO nas.\n",
	}
	for name, text := range files {
		write(t, dir, name, text)
	}
	return dir
}

func story(name, country, body string) string {
	return fmt.Sprintf("---\ntitle: Historia %s\ndate: 2025-01-01\nperson: {name: %s}\nhost: {institution: U, country: %s}\nmobility_year: 2024\nconsent: {given: 2025-01-01}\n---\n%s\n", name, name, country, body)
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startServe runs "alumni serve" in-process on a free port and returns the
// URL it serves at and the terminal's error output so far. The preview's
// stdout goes to the test log.
func startServe(t testing.TB, dir string) (string, func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	var errBuf syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--source", dir, "--port", "0"}, outW, &errBuf)
		outW.Close()
	}()
	logged := make(chan struct{})
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
		<-logged
	})
	lines := bufio.NewScanner(outR)
	urlLine := regexp.MustCompile(`at (http://\S+) `)
	for lines.Scan() {
		if m := urlLine.FindStringSubmatch(lines.Text()); m != nil {
			go func() {
				defer close(logged)
				for lines.Scan() {
					t.Log(lines.Text())
				}
			}()
			return m[1], errBuf.String
		}
	}
	close(logged)
	t.Fatalf("serve printed no URL; stderr:\n%s", errBuf.String())
	return "", nil
}

// eventually GETs url until check accepts the response, for at most 60 s
// (generous for a loaded machine and the race detector; nothing here
// measures time).
func eventually(t *testing.T, url string, check func(status int, body string) bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var status int
	var body string
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			status, body = resp.StatusCode, string(data)
			if check(status, body) {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("GET %s never gave what was expected; last status %d, body:\n%.400s", url, status, body)
}

func contains(text string) func(int, string) bool {
	return func(status int, body string) bool { return status == 200 && strings.Contains(body, text) }
}

// TestServeFollowsEdits edits a served site on disk the ways editors and
// tools do and checks that each change is served without a restart.
func TestServeFollowsEdits(t *testing.T) {
	dir := previewSite(t)
	url, stderr := startServe(t, dir)
	page := url + "stories/anna/"
	eventually(t, page, contains("Pierwsza wersja."))

	// An editor's atomic save: write a temporary file, rename it over.
	tmp := filepath.Join(dir, "content", "stories", ".anna.md.swp")
	os.WriteFile(tmp, []byte(story("Anna", "PT", "Druga wersja.")), 0o644)
	if err := os.Rename(tmp, filepath.Join(dir, "content", "stories", "anna.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, page, contains("Druga wersja."))

	// A new folder with files created in one go: a page bundle.
	write(t, dir, "content/stories/ola/index.md", story("Ola", "ES", "Nowa historia Oli."))
	eventually(t, url+"stories/ola/", contains("Nowa historia Oli."))
	eventually(t, url+"countries/es/", contains("Historia Ola"))

	// A delete.
	if err := os.Remove(filepath.Join(dir, "content", "about.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, url+"about/", func(status int, _ string) bool { return status == 404 })

	// A burst of 1,000 files, as a git checkout makes.
	for i := range 1000 {
		write(t, dir, fmt.Sprintf("content/stories/s%04d.md", i), story(fmt.Sprintf("S%d", i), "IT", fmt.Sprintf("Treść %d.", i)))
	}
	eventually(t, url+"stories/s0999/", contains("Treść 999."))
	eventually(t, url+"stories/s0000/", contains("Treść 0."))

	// A broken edit keeps the last good page and reports the error; the
	// fix is picked up.
	write(t, dir, "content/stories/anna.md", "---\ntitle: [\n---\n")
	eventually(t, page, contains("Druga wersja."))
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(stderr(), "content/stories/anna.md:") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(stderr(), "content/stories/anna.md:") {
		t.Fatalf("the error was not printed:\n%s", stderr())
	}
	write(t, dir, "content/stories/anna.md", story("Anna", "PT", "Trzecia wersja."))
	eventually(t, page, contains("Trzecia wersja."))
}
