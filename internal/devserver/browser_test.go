package devserver

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/alumni-site/alumni/internal/browser"
)

// overlayState is what the test reads of the page through the script's
// eyes.
type overlayState struct {
	Marker   bool     // the page has not reloaded since the marker was set
	Text     string   // the text of <main>
	Color    string   // the computed colour of <main>
	Href     string   // the href of the stylesheet
	Links    int      // how many stylesheets there are
	Shown    bool     // the overlay is in the page
	Role     string   // the overlay's role
	Label    string   // the text of the element that names the overlay
	Items    []string // the overlay's list items
	Warnings int      // how many list items are marked as warnings
	Imgs     int      // img elements in the overlay
	Focused  string   // the text of the focused element in the overlay
}

const readState = `(() => {
	const host = document.querySelector("alumni-build-problems");
	const root = host && host.shadowRoot;
	const box = root && root.querySelector("[role]");
	const link = document.querySelector("link[rel=stylesheet]");
	return JSON.stringify({
		Marker: window.testMarker === 1,
		Text: document.querySelector("main").textContent,
		Color: getComputedStyle(document.querySelector("main")).color,
		Href: link ? link.getAttribute("href") : "",
		Links: document.querySelectorAll("link[rel=stylesheet]").length,
		Shown: !!box,
		Role: box ? box.getAttribute("role") : "",
		Label: box ? root.getElementById(box.getAttribute("aria-labelledby")).textContent : "",
		Items: root ? Array.from(root.querySelectorAll("li"), li => li.textContent) : [],
		Warnings: root ? root.querySelectorAll("li.warning").length : 0,
		Imgs: root ? root.querySelectorAll("img").length : 0,
		Focused: root && root.activeElement ? root.activeElement.textContent : "",
	});
})()`

func TestScriptInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	// The whole sequence takes a few seconds; the bound is generous, since
	// a machine busy with other work (a benchmark beside the tests) has
	// stretched it past a minute.
	ctx := browser.Tab(t, 3*time.Minute)

	s, stop, wait := startServer(t, Options{BasePath: "/alumni/"})
	v1 := newSite(map[string]string{
		"index.html": `<!doctype html><html lang="en"><head><title>Home</title>` +
			`<link rel="stylesheet" href="/alumni/css/main.css"></head><body><main>first</main></body></html>`,
		"css/main.css": "main { color: rgb(0, 0, 255); }",
	})
	s.Publish(v1, nil)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the script to connect", func(overlayState) bool { return clientCount(s) == 1 })
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.testMarker = 1`)); err != nil {
		t.Fatal(err)
	}

	s.Publish(v1, problems)
	st := waitFor(t, ctx, "the overlay", func(st overlayState) bool { return st.Shown })
	wantItems := []string{
		"content/stories/anna.md:3:7: " + problems[0].Message,
		"layouts/story.html:12: warning: unused",
		"site.yaml: no position",
	}
	if st.Role != "alertdialog" || st.Label != "Build failed: 2 errors, 1 warning" || st.Warnings != 1 || st.Focused != "Close" {
		t.Errorf("overlay: %+v", st)
	}
	if strings.Join(st.Items, "\n") != strings.Join(wantItems, "\n") {
		t.Errorf("overlay items:\n%s\nwant\n%s", strings.Join(st.Items, "\n"), strings.Join(wantItems, "\n"))
	}
	if st.Imgs != 0 {
		t.Error("a build message was inserted as HTML")
	}
	checkAxe(t, ctx)

	s.Publish(v1, nil)
	waitFor(t, ctx, "the overlay to go", func(st overlayState) bool { return !st.Shown })

	s.Publish(v1.with(map[string]string{"css/main.css": "main { color: rgb(255, 0, 0); }"}), nil)
	st = waitFor(t, ctx, "the new stylesheet", func(st overlayState) bool { return st.Color == "rgb(255, 0, 0)" && st.Links == 1 })
	if !st.Marker || !strings.HasPrefix(st.Href, strings.TrimSuffix(s.URL(), "/alumni/")+"/alumni/css/main.css?alumni-reload=") {
		t.Errorf("after a stylesheet change: %+v, want the same page with a new href", st)
	}

	v3 := v1.with(map[string]string{"index.html": strings.Replace(v1.files["index.html"], "first", "second", 1)})
	s.Publish(v3, nil)
	st = waitFor(t, ctx, "the reload", func(st overlayState) bool { return st.Text == "second" })
	if st.Marker {
		t.Error("the page changed without a reload")
	}

	// The server restarts on the same port with a new build: the script
	// reconnects and reloads.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.testMarker = 1`)); err != nil {
		t.Fatal(err)
	}
	stop()
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	s2, _, _ := startServer(t, Options{BasePath: "/alumni/", Port: portOf(t, s), PortSet: true})
	s2.Publish(v3.with(map[string]string{"index.html": strings.Replace(v1.files["index.html"], "first", "third", 1)}), nil)
	st = waitFor(t, ctx, "the reload after a restart", func(st overlayState) bool { return st.Text == "third" })
	if st.Marker {
		t.Error("the page changed without a reload")
	}
}

// clientCount returns how many pages listen to s.
func clientCount(s *Server) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

// waitFor reads the page's state until ok accepts it.
func waitFor(t *testing.T, ctx context.Context, what string, ok func(overlayState) bool) overlayState {
	t.Helper()
	var st overlayState
	for {
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](readState))
		if err == nil && json.Unmarshal([]byte(raw), &st) == nil && ok(st) {
			return st
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v (last state %+v, error %v)", what, ctx.Err(), st, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// checkAxe runs axe-core's WCAG 2.1 A and AA rules on the page with the
// overlay, when axe-core is installed.
func checkAxe(t *testing.T, ctx context.Context) {
	t.Helper()
	root, err := browser.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	path, err := browser.FindAxe(root)
	if err != nil {
		t.Logf("axe-core not checked: %v", err)
		return
	}
	axe, err := browser.LoadAxe(path)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := axe.Run(ctx, browser.WCAG21AA...)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("overlay: %s", v)
	}
}
