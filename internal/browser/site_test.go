package browser

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// checkedPage is one page of the example site that the browser tests
// check, in each language.
type checkedPage struct {
	name string
	// paths are the page's paths below the site's base path, by
	// language; the first is the default language.
	pl, en string
}

// checkedPages are the home page, a story, a video page, a section list,
// a country page and the accessibility statement.
var checkedPages = []checkedPage{
	{"home", "", "en/"},
	{"story", "stories/zofia-wisniewska-porto/", "en/stories/zofia-wisniewska-porto/"},
	{"video", "videos/spotkanie-absolwentow-2025/", "en/videos/spotkanie-absolwentow-2025/"},
	{"section", "stories/", "en/stories/"},
	{"country", "countries/pt/", "en/countries/pt/"},
	{"statement", "deklaracja-dostepnosci/", "en/accessibility-statement/"},
}

// pageTimeout bounds the work on one page, so that a hung browser fails
// the test instead of stalling the run.
const pageTimeout = 60 * time.Second

// open loads a path of the example site in a new tab that records its
// requests, and waits until the page has loaded.
func open(t *testing.T, b *Browser, s *Server, path string, prep ...chromedp.Action[chromedp.Void]) (context.Context, *Requests) {
	t.Helper()
	ctx := tab(t, b)
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	t.Cleanup(cancel)
	reqs, err := Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, prep...); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.URL(s.Base()+path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if resp.Status != 200 {
		t.Fatalf("%s: status %d", path, resp.Status)
	}
	return ctx, reqs
}

// colorScheme emulates the visitor's light or dark mode.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// TestExampleSiteAxe runs axe-core's WCAG 2.1 A and AA rules on every
// checked page in both languages, in light and dark mode at desktop width
// and in light mode at phone width, and checks that loading the page sent
// no request beyond 127.0.0.1.
func TestExampleSiteAxe(t *testing.T) {
	b := sharedBrowser(t)
	axe := sharedAxe(t)
	s := exampleSite(t)
	modes := []struct {
		name   string
		width  int64
		scheme string
	}{
		{"desktop-light", 1280, "light"},
		{"desktop-dark", 1280, "dark"},
		{"phone-light", 390, "light"},
	}
	for _, p := range checkedPages {
		for _, lang := range []string{"pl", "en"} {
			path := p.pl
			if lang == "en" {
				path = p.en
			}
			for _, m := range modes {
				t.Run(p.name+"/"+lang+"/"+m.name, func(t *testing.T) {
					ctx, reqs := open(t, b, s, path, chromedp.EmulateViewport(m.width, 900), colorScheme(m.scheme))
					vs, err := axe.Run(ctx, WCAG21AA...)
					if err != nil {
						t.Fatal(err)
					}
					if len(vs) > 0 {
						t.Errorf("%s: %d WCAG 2.1 A/AA violations:%s", path, len(vs), violationList(vs))
					}
					if ext := reqs.External(); len(ext) > 0 {
						t.Errorf("%s: requests beyond 127.0.0.1 while loading: %v", path, ext)
					}
					lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
					if err != nil {
						t.Fatal(err)
					}
					if want := map[bool]string{true: "en", false: "pl"}[strings.HasPrefix(path, "en/")]; lang != want {
						t.Errorf("%s: <html lang=%q>, want %q", path, lang, want)
					}
					h1s, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("h1").length`))
					if err != nil {
						t.Fatal(err)
					}
					if h1s != 1 {
						t.Errorf("%s: %d h1 elements, want 1", path, h1s)
					}
				})
			}
		}
	}
}

// TestExampleSiteHeadings checks what axe-core leaves to best practice:
// headings that do not skip a level, landmarks that hold all content, and
// a skip link that works.
func TestExampleSiteHeadings(t *testing.T) {
	b := sharedBrowser(t)
	axe := sharedAxe(t)
	s := exampleSite(t)
	for _, p := range checkedPages {
		for _, path := range []string{p.pl, p.en} {
			t.Run(p.name+"/"+path, func(t *testing.T) {
				ctx, _ := open(t, b, s, path)
				vs, err := axe.Run(ctx, "best-practice")
				if err != nil {
					t.Fatal(err)
				}
				if len(vs) > 0 {
					t.Errorf("%s: %d best-practice violations:%s", path, len(vs), violationList(vs))
				}
			})
		}
	}
}

// videoPages are the video pages whose player is checked: one from
// YouTube and one from Vimeo, in both languages.
var videoPages = []struct {
	path, host, label string
}{
	{"videos/spotkanie-absolwentow-2025/", "www.youtube-nocookie.com", "Odtwórz film: "},
	{"en/videos/spotkanie-absolwentow-2025/", "www.youtube-nocookie.com", "Play video: "},
	{"videos/zawod-fizjoterapeutka/", "player.vimeo.com", "Odtwórz film: "},
	{"en/videos/zawod-fizjoterapeutka/", "player.vimeo.com", "Play video: "},
}

// TestExampleSiteVideoFacade checks the click-to-load player: no request
// leaves 127.0.0.1 before the click, the play control is a button named
// after the video, and the click inserts the provider's iframe with a
// title (whose request the harness then blocks).
func TestExampleSiteVideoFacade(t *testing.T) {
	b := sharedBrowser(t)
	s := exampleSite(t)
	for _, v := range videoPages {
		t.Run(v.path, func(t *testing.T) {
			ctx, reqs := open(t, b, s, v.path)
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("[data-player] button"))); err != nil {
				t.Fatal(err)
			}
			// Give a lazy request the chance to show itself.
			if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			if ext := reqs.External(); len(ext) > 0 {
				t.Fatalf("requests beyond 127.0.0.1 before the click: %v", ext)
			}
			state, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				Name, Title, Tag string
				Frames           int
			}](`(() => {
				const b = document.querySelector("[data-player] button");
				return {
					Name: b.textContent.replace(/\s+/g, " ").trim(),
					Title: document.querySelector("h1").textContent.trim(),
					Tag: b.tagName,
					Frames: document.querySelectorAll("iframe").length,
				};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if want := v.label + state.Title; state.Name != want {
				t.Errorf("button name %q, want %q", state.Name, want)
			}
			if state.Frames != 0 {
				t.Errorf("%d iframes before the click", state.Frames)
			}
			if err := chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS("[data-player] button")),
				chromedp.WaitReady(chromedp.CSS("[data-player] iframe")),
			); err != nil {
				t.Fatal(err)
			}
			frame, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ Src, Title string }](
				`(() => { const f = document.querySelector("[data-player] iframe"); return {Src: f.src, Title: f.title}; })()`))
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(frame.Src)
			if err != nil {
				t.Fatal(err)
			}
			if u.Scheme != "https" || u.Host != v.host {
				t.Errorf("iframe src %s, want https://%s/…", frame.Src, v.host)
			}
			if v.host == "player.vimeo.com" && u.Query().Get("dnt") != "1" {
				t.Errorf("iframe src %s lacks dnt=1", frame.Src)
			}
			if !strings.Contains(frame.Title, state.Title) {
				t.Errorf("iframe title %q does not name the video %q", frame.Title, state.Title)
			}
			// The click is what asks the provider for the player.
			deadline := time.Now().Add(5 * time.Second)
			for !requested(reqs.External(), v.host) && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if ext := reqs.External(); !requested(ext, v.host) {
				t.Errorf("after the click, no request for %s was seen; external requests: %v", v.host, ext)
			}
		})
	}
}

// TestExampleSiteVideoWithoutJS checks the player without JavaScript:
// the page offers a link to the video on its provider instead of the
// button, and still requests nothing beyond 127.0.0.1.
func TestExampleSiteVideoWithoutJS(t *testing.T) {
	b := sharedBrowser(t)
	s := exampleSite(t)
	noJS := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	for path, want := range map[string]string{
		"videos/spotkanie-absolwentow-2025/": "https://www.youtube.com/watch?v=Qm7xK2pLw9s",
		"en/videos/zawod-fizjoterapeutka/":   "https://vimeo.com/874213569",
	} {
		t.Run(path, func(t *testing.T) {
			ctx, reqs := open(t, b, s, path, noJS)
			state, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				Href        string
				LinkShown   bool
				ButtonShown bool
			}](`(() => {
				const a = document.querySelector("[data-player-fallback]");
				const b = document.querySelector("[data-player] button");
				return {
					Href: a ? a.href : "",
					LinkShown: !!a && a.getClientRects().length > 0,
					ButtonShown: !!b && b.getClientRects().length > 0,
				};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if state.Href != want || !state.LinkShown {
				t.Errorf("without JavaScript: link %q shown %v, want %q shown", state.Href, state.LinkShown, want)
			}
			if state.ButtonShown {
				t.Errorf("without JavaScript the play button, which needs it, is shown")
			}
			if ext := reqs.External(); len(ext) > 0 {
				t.Errorf("requests beyond 127.0.0.1: %v", ext)
			}
		})
	}
}

func requested(urls []string, host string) bool {
	for _, raw := range urls {
		if u, err := url.Parse(raw); err == nil && u.Host == host {
			return true
		}
	}
	return false
}

// TestExampleSiteLanguageSwitcher follows the language switcher of every
// checked page and expects the translation.
func TestExampleSiteLanguageSwitcher(t *testing.T) {
	b := sharedBrowser(t)
	s := exampleSite(t)
	for _, p := range checkedPages {
		for _, pair := range [][2]string{{p.pl, p.en}, {p.en, p.pl}} {
			from, to := pair[0], pair[1]
			t.Run(p.name+"/"+from, func(t *testing.T) {
				ctx, _ := open(t, b, s, from)
				if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".site-header .languages a"))); err != nil {
					t.Fatal(err)
				}
				loc, err := chromedp.Run(ctx, chromedp.Location())
				if err != nil {
					t.Fatal(err)
				}
				if want := s.URL(s.Base() + to); loc != want {
					t.Errorf("the switcher on %s leads to %s, want %s", from, loc, want)
				}
			})
		}
	}
}

// screenshotDir is where the screenshots go, relative to the repository
// root; .gitignore keeps them out of commits.
const screenshotDir = "test-artifacts/screenshots"

// TestExampleSiteScreenshots writes full-page screenshots of the home page
// and a story at phone and desktop widths, for a person to look at.
func TestExampleSiteScreenshots(t *testing.T) {
	b := sharedBrowser(t)
	s := exampleSite(t)
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, filepath.FromSlash(screenshotDir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		name, path, scheme string
		width              int64
	}{
		{"home", "", "light", 1280},
		{"home", "", "light", 390},
		{"story", "stories/zofia-wisniewska-porto/", "light", 1280},
		{"story", "stories/zofia-wisniewska-porto/", "light", 390},
		{"home-en-dark", "en/", "dark", 1280},
		{"video", "videos/spotkanie-absolwentow-2025/", "light", 1280},
		{"statement", "deklaracja-dostepnosci/", "light", 390},
		{"stories", "en/stories/", "light", 1280},
		{"country", "countries/pt/", "dark", 390},
	}
	for _, sh := range shots {
		name := fmt.Sprintf("%s-%d.png", sh.name, sh.width)
		t.Run(name, func(t *testing.T) {
			ctx, _ := open(t, b, s, sh.path, chromedp.EmulateViewport(sh.width, 900), colorScheme(sh.scheme))
			// A full-page screenshot does not scroll, so lazy images
			// below the fold would stay empty: load them all first.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Promise.all(Array.from(document.images, img => {
				img.loading = "eager";
				return img.decode().then(() => true, () => true);
			})).then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("screenshots in %s", dir)
}

// TestExampleSiteHTML runs the Nu Html Checker on every page of the
// example site.
func TestExampleSiteHTML(t *testing.T) {
	java, jar := vnuTools(t)
	exampleSite(t)
	var files []string
	err := filepath.WalkDir(example.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := Validate(t.Context(), java, jar, files...)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		t.Errorf("%s", strings.Replace(m.String(), "file:"+example.dir, "", 1))
	}
	t.Logf("checked %d HTML files", len(files))
}
