package browser

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/build"
	"github.com/alumni-site/alumni/internal/content"
)

// The tests in this file read the built example site's files; they need
// no browser, Java or npm package.

// readPage returns the HTML of a page of the example build, by its path
// below the base path.
func readPage(t *testing.T, path string) string {
	t.Helper()
	exampleSite(t)
	data, err := os.ReadFile(filepath.Join(example.dir, filepath.FromSlash(path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// attr matches an attribute whatever the minifier did to its quotes.
func attr(name, value string) string {
	return name + `=["']?` + regexp.QuoteMeta(value) + `["']?[\s>/]`
}

// a11yIDs are the element ids that monitoring tools look for in a Polish
// accessibility statement.
var a11yIDs = []string{
	"a11y-wstep", "a11y-podmiot", "a11y-url", "a11y-data-publikacja", "a11y-data-aktualizacja",
	"a11y-status", "a11y-data-sporzadzenie", "a11y-ocena", "a11y-audytor", "a11y-kontakt",
	"a11y-osoba", "a11y-email", "a11y-telefon", "a11y-procedura", "a11y-architektura", "a11y-aplikacje",
}

func TestExampleStatementIDs(t *testing.T) {
	dates := map[string]string{"a11y-data-publikacja": "2025-02-24", "a11y-data-aktualizacja": "2025-12-01", "a11y-data-sporzadzenie": "2025-02-20"}
	for _, path := range []string{"deklaracja-dostepnosci/", "en/accessibility-statement/"} {
		html := readPage(t, path)
		for _, id := range a11yIDs {
			if n := len(regexp.MustCompile(attr("id", id)).FindAllString(html, -1)); n != 1 {
				t.Errorf("%s: id %s appears %d times, want once", path, id, n)
			}
		}
		for id, date := range dates {
			re := regexp.MustCompile(`<time ` + attr("id", id) + `\s*` + attr("datetime", date))
			if !re.MatchString(html) {
				t.Errorf("%s: no <time id=%s datetime=%s>", path, id, date)
			}
		}
		// html/template writes "+" in an attribute as "&#43;".
		if !regexp.MustCompile(`href=["']?tel:(\+|&#43;)48670001234`).MatchString(html) {
			t.Errorf("%s: the phone number is not a tel: link", path)
		}
	}
}

// pagePaths lists the pages of a build (the index.html files) relative
// to dest, without the alias redirects, which are not the theme's.
func pagePaths(t *testing.T, dest string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !strings.Contains(string(data), "noindex") {
			rel, _ := filepath.Rel(dest, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	euPolish  = regexp.MustCompile(`<img [^>]*eu-emblem\.[0-9a-f]+\.svg[^>]*` + attr("alt", "Współfinansowane przez Unię Europejską"))
	euEnglish = regexp.MustCompile(`<img [^>]*eu-emblem\.[0-9a-f]+\.svg[^>]*` + attr("alt", "Co-funded by the European Union"))
	emblem    = regexp.MustCompile(`eu-emblem\.[0-9a-f]+\.svg`)
)

// TestExampleFooter checks that every page shows the EU emblem with the
// statement in its language and links the accessibility statement of its
// language.
func TestExampleFooter(t *testing.T) {
	exampleSite(t)
	pages := pagePaths(t, example.dir)
	if len(pages) < 100 {
		t.Fatalf("only %d pages found", len(pages))
	}
	for _, p := range pages {
		data, err := os.ReadFile(filepath.Join(example.dir, p))
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		eu, statement := euPolish, `/alumni/deklaracja-dostepnosci/`
		if strings.HasPrefix(p, "en/") {
			eu, statement = euEnglish, `/alumni/en/accessibility-statement/`
		}
		if !eu.MatchString(html) {
			t.Errorf("%s: no EU emblem with the statement in the page's language", p)
		}
		if !regexp.MustCompile(attr("href", statement)).MatchString(html) {
			t.Errorf("%s: no link to %s", p, statement)
		}
	}
}

// TestExampleWithoutEUFunding builds the example site with funding.eu
// false and expects no emblem on any page.
func TestExampleWithoutEUFunding(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "\nfunding: {eu: false}\n"...)
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	now, _ := content.ParseDate(exampleNow)
	dest := filepath.Join(t.TempDir(), "public")
	res := build.Build(context.Background(), build.Options{Source: src, Dest: dest, Strict: true, Now: now})
	if !res.OK {
		t.Fatal(buildError(res.Diagnostics))
	}
	for _, p := range pagePaths(t, dest) {
		data, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if emblem.Match(data) || strings.Contains(string(data), "Co-funded by the European Union") || strings.Contains(string(data), "Współfinansowane przez Unię Europejską") {
			t.Errorf("%s: shows the EU acknowledgement with funding.eu false", p)
		}
	}
}

var jsonLDScript = regexp.MustCompile(`(?s)<script ` + `type=["']?application/ld\+json["']?>(.*?)</script>`)

// jsonLD returns the JSON-LD object of a page.
func jsonLD(t *testing.T, path string) map[string]any {
	t.Helper()
	m := jsonLDScript.FindAllStringSubmatch(readPage(t, path), -1)
	if len(m) != 1 {
		t.Fatalf("%s: %d JSON-LD scripts, want 1", path, len(m))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[0][1]), &v); err != nil {
		t.Fatalf("%s: JSON-LD: %v\n%s", path, err, m[0][1])
	}
	return v
}

func TestExampleJSONLD(t *testing.T) {
	home := jsonLD(t, "en/")
	if home["@type"] != "WebSite" || home["name"] != "Erasmus+ Alumni" || home["url"] != "https://erasmus.example.edu/alumni/en/" {
		t.Errorf("home: %v", home)
	}

	story := jsonLD(t, "stories/zofia-wisniewska-porto/")
	if story["@type"] != "Article" || story["headline"] == "" || story["datePublished"] != "2025-05-12" {
		t.Errorf("story: %v", story)
	}
	author, _ := story["author"].(map[string]any)
	alumniOf, _ := author["alumniOf"].(map[string]any)
	if author["@type"] != "Person" || author["name"] != "Zofia Wiśniewska" ||
		alumniOf["@type"] != "CollegeOrUniversity" || alumniOf["name"] != "Uniwersytet Nadnotecki w Pile" {
		t.Errorf("story author: %v", author)
	}

	video := jsonLD(t, "en/videos/spotkanie-absolwentow-2025/")
	want := map[string]any{
		"@type":    "VideoObject",
		"duration": "PT1M12S",
		"embedUrl": "https://www.youtube-nocookie.com/embed/Qm7xK2pLw9s",
	}
	for k, v := range want {
		if video[k] != v {
			t.Errorf("video %s = %v, want %v", k, video[k], v)
		}
	}
	for _, k := range []string{"name", "description", "uploadDate", "thumbnailUrl"} {
		if video[k] == nil || video[k] == "" {
			t.Errorf("video: no %s in %v", k, video)
		}
	}
	if up, _ := video["uploadDate"].(string); !strings.HasPrefix(up, "2025-06-20T") {
		t.Errorf("video uploadDate %q", up)
	}
	vimeo := jsonLD(t, "videos/zawod-fizjoterapeutka/")
	if vimeo["embedUrl"] != "https://player.vimeo.com/video/874213569?dnt=1" {
		t.Errorf("vimeo embedUrl %v", vimeo["embedUrl"])
	}
}

func TestExampleOpenGraph(t *testing.T) {
	for path, want := range map[string][]string{
		"stories/zofia-wisniewska-porto/": {
			`<meta property="og:locale" content="pl_PL">`,
			`<meta property="og:locale:alternate" content="en_GB">`,
			`<meta property="og:image" content="https://erasmus.example.edu/alumni/stories/zofia-wisniewska-porto/photo.jpg">`,
			`<meta property="og:type" content="article">`,
			`<meta name="twitter:card" content="summary">`,
		},
		"en/": {
			`<meta property="og:locale" content="en_GB">`,
			`<meta property="og:locale:alternate" content="pl_PL">`,
			`<meta name="twitter:card" content="summary_large_image">`,
		},
	} {
		html := readPage(t, path)
		for _, w := range want {
			// The minifier may drop quotes and the space before ">".
			re := regexp.QuoteMeta(w)
			re = strings.ReplaceAll(re, `"`, `["']?`)
			if !regexp.MustCompile(re).MatchString(html) {
				t.Errorf("%s: no %s", path, w)
			}
		}
		if !regexp.MustCompile(`og:image["']? content=["']?https://erasmus\.example\.edu/alumni/`).MatchString(html) {
			t.Errorf("%s: og:image is not absolute", path)
		}
	}
}

// videoFileSite is a small site with one video served from its own
// bundle (provider: file) and its captions in two languages.
var videoFileSite = map[string]string{
	"site.yaml": `title: Absolwenci
baseURL: https://alumni.example.edu/
defaultLanguage: pl
languages:
  pl: {name: Polski, locale: pl_PL}
  en: {name: English, locale: en_GB}
university:
  name: {pl: Uniwersytet Przykładowy, en: University of Example}
`,
	"content/videos/klip/index.md": `---
title: Klip z dnia otwartego
date: 2025-06-01
description: Krótki film z dnia otwartego.
video:
  provider: file
  src: klip.mp4
  duration: "0:30"
  captions: {pl: napisy.pl.vtt, en: napisy.en.vtt}
---

Film z dnia otwartego.

## Transkrypcja

**Narratorka:** Dzień dobry.
`,
	"content/videos/klip/klip.mp4":      "not a real video; the test reads only the HTML",
	"content/videos/klip/napisy.pl.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDzień dobry.\n",
	"content/videos/klip/napisy.en.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGood morning.\n",
}

// TestVideoFile checks that a video of the site's own plays in a native
// <video> with a captions track per language, the page's language by
// default, and loads neither an iframe nor the player's script.
func TestVideoFile(t *testing.T) {
	src := t.TempDir()
	for name, data := range videoFileSite {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now, _ := content.ParseDate(exampleNow)
	dest := filepath.Join(t.TempDir(), "public")
	res := build.Build(context.Background(), build.Options{Source: src, Dest: dest, Strict: true, Now: now})
	if !res.OK {
		t.Fatal(buildError(res.Diagnostics))
	}
	data, err := os.ReadFile(filepath.Join(dest, "videos", "klip", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	for _, re := range []string{
		`<video [^>]*controls`,
		`<source ` + attr("src", "/videos/klip/klip.mp4"),
		`<track ` + attr("kind", "captions") + `\s*` + attr("srclang", "en") + `\s*` + attr("src", "/videos/klip/napisy.en.vtt") + `\s*` + attr("label", "English"),
		`<track ` + attr("kind", "captions") + `\s*` + attr("srclang", "pl") + `\s*` + attr("src", "/videos/klip/napisy.pl.vtt") + `\s*` + attr("label", "Polski") + `\s*default`,
		`"@type":"VideoObject"`,
		`"contentUrl":"https://alumni.example.edu/videos/klip/klip.mp4"`,
		`<h2 id=["']?transkrypcja`,
	} {
		if !regexp.MustCompile(re).MatchString(html) {
			t.Errorf("no match for %s in\n%s", re, html)
		}
	}
	for _, bad := range []string{"<iframe", "player.", "youtube", "vimeo"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page of a video file contains %q", bad)
		}
	}
}
