package browser

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/alumni-site/alumni/internal/build"
	"github.com/alumni-site/alumni/internal/content"
)

// pageSummary is what a reader and a machine get from a page: the text the
// browser shows, and every element with its attributes, in document order.
// The minifier writes the viewport's list without spaces, which means the
// same, and minified assets have other content hashes in their names.
const pageSummary = `(() => {
  const value = (e, a) => (e.tagName === 'META' && e.getAttribute('name') === 'viewport' ? a.value.replace(/ /g, '') : a.value)
    .replace(/\.[0-9a-f]{10}\.(css|js|svg|jpg)/g, '.$1');
  const elements = [...document.querySelectorAll('*')].map(e =>
    e.tagName + [...e.attributes].map(a => ' ' + a.name + '=' + JSON.stringify(value(e, a))).sort().join(''));
  const scripts = [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.stringify(JSON.parse(s.textContent)));
  return JSON.stringify({title: document.title, text: document.body.innerText, elements, scripts});
})()`

// TestMinifiedSiteReadsTheSame builds the example site without
// minification and compares every page with the minified build in
// Chromium: the text it shows, every element with its attributes, and the
// JSON-LD must be the same (BAD_INPUTS 37: minifying must not change what a
// reader sees).
func TestMinifiedSiteReadsTheSame(t *testing.T) {
	b := sharedBrowser(t)
	minified := exampleSite(t)
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	now, _ := content.ParseDate(exampleNow)
	dest := filepath.Join(t.TempDir(), "public")
	off := false
	res := build.Build(context.Background(), build.Options{Source: root, Dest: dest, Strict: true, Now: now, Minify: &off})
	if !res.OK {
		t.Fatal(buildError(res.Diagnostics))
	}
	plain, err := Serve(dest, minified.Base())
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	pages := pagePaths(t, dest)
	if len(pages) < 40 {
		t.Fatalf("the example site has only %d pages", len(pages))
	}
	ctx, cancel := context.WithTimeout(tab(t, b), 4*pageTimeout)
	defer cancel()
	summary := func(s *Server, page string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(s.URL(s.Base()+page))); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](pageSummary))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		return out
	}
	for _, page := range pages {
		want, got := summary(plain, page), summary(minified, page)
		if got != want {
			t.Errorf("%s reads differently once minified:\n%s", page, firstDifference(want, got))
		}
	}
}

// firstDifference shows where two strings first differ.
func firstDifference(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-80)
	return "  want: …" + want[from:min(len(want), i+80)] + "\n  got:  …" + got[from:min(len(got), i+80)]
}
