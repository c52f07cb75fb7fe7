package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/markdown"
)

const testConfig = `title: T
baseURL: https://example.edu/
defaultLanguage: pl
paginate: 5
languages:
  pl: {name: Polski}
  en: {name: English}
`

// model builds the site model of a generated site of n stories.
func model(t *testing.T, n int) *Site {
	t.Helper()
	cfg, ds := config.Parse("site.yaml", []byte(testConfig))
	if cfg == nil {
		t.Fatal(ds)
	}
	pages, ds := content.Load(generated(n), content.Options{Languages: cfg.LanguageOrder, DefaultLanguage: cfg.DefaultLanguage})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	s, ds := New(pages, Options{
		Config:   cfg,
		Clock:    content.Clock{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC},
		Markdown: markdown.New(cfg.LanguageOrder),
	})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return s
}

// generated returns a site of n stories spread over three countries, two
// programmes and two years, every third one translated.
func generated(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: Start\n---\n")},
		"content/_index.en.md":         {Data: []byte("---\ntitle: Home\n---\n")},
		"content/stories/_index.md":    {Data: []byte("---\ntitle: Historie\n---\n")},
		"content/stories/_index.en.md": {Data: []byte("---\ntitle: Stories\n---\n")},
	}
	for i := range n {
		front := fmt.Sprintf("---\ntitle: Story %d\ndate: 2024-01-%02d\nperson: {name: P%d}\nprogram: %s\nhost: {institution: U%d, country: %s}\nmobility_year: %d\nconsent: {given: 2024-01-01}\n---\nText %d.\n",
			i, i%28+1, i, []string{"study", "traineeship"}[i%2], i%7, []string{"PT", "ES", "IT"}[i%3], 2020+i%2, i)
		fsys[fmt.Sprintf("content/stories/s%04d.md", i)] = &fstest.MapFile{Data: []byte(front)}
		if i%3 == 0 {
			fsys[fmt.Sprintf("content/stories/s%04d.en.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Story %d in English\ndate: 2024-01-%02d\n---\nText.\n", i, i%28+1))}
		}
	}
	return fsys
}

// TestListsComputedOncePerBuild guards against work per page that walks
// the whole site: ten times the stories, with the same sections and terms,
// sort exactly the same number of lists.
func TestListsComputedOncePerBuild(t *testing.T) {
	small, large := model(t, 30), model(t, 300)
	if small.ListsComputed != large.ListsComputed {
		t.Errorf("lists computed: %d for 30 stories, %d for 300: some work grows with the number of pages",
			small.ListsComputed, large.ListsComputed)
	}
	if small.ListsComputed == 0 {
		t.Error("no list counted: the guard measures nothing")
	}
	// The lists themselves grew, so the count is of lists, not entries.
	if got := len(large.Languages[0].Stories); got != 300 {
		t.Errorf("large site lists %d stories", got)
	}
}

// TestFiguresEqualListLengths checks that every figure equals the length
// of the list it counts.
func TestFiguresEqualListLengths(t *testing.T) {
	s := model(t, 30)
	for _, l := range s.Languages {
		f := l.Figures
		if f.Stories != len(l.Stories) {
			t.Errorf("%s: %d stories counted, %d listed", l.Code, f.Stories, len(l.Stories))
		}
		for _, tax := range l.Taxonomies {
			switch {
			case tax.Name == "countries" && f.Countries != len(tax.Terms),
				tax.Name == "years" && f.Years != len(tax.Terms):
				t.Errorf("%s: figure for %s is not its number of terms (%d)", l.Code, tax.Name, len(tax.Terms))
			}
			total := 0
			for _, term := range tax.Terms {
				total += len(term.Pages)
			}
			if tax.Name != "tags" && total != len(l.Stories) {
				t.Errorf("%s: the terms of %s hold %d stories, the language has %d", l.Code, tax.Name, total, len(l.Stories))
			}
		}
	}
	if pl, en := s.Languages[0].Figures, s.Languages[1].Figures; pl.Stories != 30 || en.Stories != 10 || pl.Countries != 3 || pl.Institutions != 7 || pl.Years != 2 {
		t.Errorf("figures pl %+v, en %+v", pl, en)
	}
}

func TestPagerWindow(t *testing.T) {
	pages := make([]*Page, 10)
	for i := range pages {
		pages[i] = &Page{}
	}
	show := func(number int) string {
		var parts []string
		for _, l := range (&Pager{Number: number, Count: len(pages), Pages: pages}).Window() {
			switch {
			case l.Page == nil:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, fmt.Sprintf("[%d]", l.Number))
			default:
				parts = append(parts, fmt.Sprint(l.Number))
			}
		}
		return strings.Join(parts, " ")
	}
	for number, want := range map[int]string{
		1:  "[1] 2 3 … 10",
		4:  "1 2 3 [4] 5 6 … 10",
		5:  "1 … 3 4 [5] 6 7 … 10",
		10: "1 … 8 9 [10]",
	} {
		if got := show(number); got != want {
			t.Errorf("page %d: %q, want %q", number, got, want)
		}
	}
}

// TestIsTranslated checks what a language switcher relies on: a
// translated page switches to its other version, a page that is not
// translated to the other language's home page.
func TestIsTranslated(t *testing.T) {
	s := model(t, 6)
	byPath := map[string]*Page{}
	for _, p := range s.Pages {
		byPath[p.RelPermalink] = p
	}
	pl, en, alone := byPath["/stories/s0000/"], byPath["/en/stories/s0000/"], byPath["/stories/s0001/"]
	if pl == nil || en == nil || alone == nil {
		t.Fatalf("pages missing: %v %v %v", pl, en, alone)
	}
	if !pl.IsTranslated() || !en.IsTranslated() || alone.IsTranslated() {
		t.Errorf("IsTranslated = %v, %v, %v for the Polish and English versions and a page in Polish only; want true, true, false", pl.IsTranslated(), en.IsTranslated(), alone.IsTranslated())
	}
	english := s.Languages[1]
	if english.Home == nil {
		t.Fatal("the English home page is missing")
	}
	if got := alone.SwitchTo(english); got != english.Home {
		t.Errorf("untranslated page switches to %v, want the English home page", got)
	}
	if got := pl.SwitchTo(english); got != en {
		t.Errorf("translated page switches to %v, want its English version", got)
	}
}
