package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/alumni-site/alumni/internal/browser"
)

// TestServeInBrowser opens a story from "alumni serve" in real headless
// Chromium, changes the story's Markdown on disk, and checks that the open
// page shows the new text with no action; then breaks the file and checks
// that the overlay shows the error, and that the fix clears it.
func TestServeInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	ctx := browser.Tab(t, 90*time.Second)

	dir := previewSite(t)
	url, _ := startServe(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"stories/anna/")); err != nil {
		t.Fatal(err)
	}
	read := func(js string) string {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			return ""
		}
		return s
	}
	waitPage := func(what, js string, ok func(string) bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		var got string
		for time.Now().Before(deadline) {
			if got = read(js); ok(got) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the page never showed %s; last: %.300q", what, got)
	}
	mainText := `document.querySelector("main") ? document.querySelector("main").textContent : ""`
	waitPage("the first version", mainText, func(s string) bool { return strings.Contains(s, "Pierwsza wersja.") })
	// Wait until the reload script is connected, so that the edit below
	// is not published before the page listens.
	time.Sleep(time.Second)

	write(t, dir, "content/stories/anna.md", story("Anna", "PT", "Wersja z edytora."))
	waitPage("the edit", mainText, func(s string) bool { return strings.Contains(s, "Wersja z edytora.") })

	overlay := `(() => { const h = document.querySelector("alumni-build-problems"); const r = h && h.shadowRoot; return r ? r.textContent : ""; })()`
	write(t, dir, "content/stories/anna.md", "---\ntitle: Anna\nmobility_year: twenty\n---\n")
	waitPage("the overlay with the error", overlay, func(s string) bool {
		return strings.Contains(s, "content/stories/anna.md:3:16: mobility_year: expected a whole number")
	})
	if got := read(mainText); !strings.Contains(got, "Wersja z edytora.") {
		t.Errorf("the last good page is not shown under the overlay: %.200q", got)
	}
	write(t, dir, "content/stories/anna.md", story("Anna", "PT", "Naprawione."))
	waitPage("the fix", mainText, func(s string) bool { return strings.Contains(s, "Naprawione.") })
	waitPage("no overlay", overlay, func(s string) bool { return s == "" })
}
