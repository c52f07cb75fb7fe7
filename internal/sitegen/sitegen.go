// Package sitegen writes deterministic test sites of any size, for
// benchmarks and for tests that need a realistic site larger than the
// example one.
//
// # What a site holds
//
// Write(dir, Options{Stories: n, Seed: s}) writes a complete site into dir:
//
//   - site.yaml with Polish (the default) and English, eight faculties and
//     minification on;
//   - content/_index.md, content/stories/_index.md and
//     content/videos/_index.md, each with an English translation;
//   - n stories in content/stories/, about 7 KB of Polish Markdown each
//     (headings, paragraphs, lists, emphasis, links, a blockquote now and
//     then and a table in one story of five) with full story front matter:
//     person and role, program, faculty, host (about 200 institutions in 30
//     countries), mobility_year, quote, tags (from a vocabulary of 40),
//     consent, and featured: true on one story in fifty. Four stories in ten
//     are page bundles (content/stories/<slug>/index.md), half of them with
//     a portrait, the others single files (content/stories/<slug>.md);
//   - an English translation (<slug>.en.md or index.en.md) of three
//     stories in ten;
//   - n/10 video bundles content/videos/<slug>/index.md with a YouTube id,
//     a duration, a transcript, captions.pl.vtt (and, for the three in ten
//     that are translated, index.en.md and captions.en.vtt), and speakers
//     naming stories of the site, whose video field names the video back.
//
// Every page is valid for alumni build --strict: building a generated site
// gives no diagnostic at all.
//
// # Determinism
//
// The same Options give byte-identical files. Each story and each video
// draws from its own generator, math/rand/v2's PCG seeded with the seed and
// the page's number, so the files do not depend on the order in which the
// parallel workers write them, and story i is the same whatever the number
// of stories.
//
// # Cost
//
// Files are written as they are made, by one worker per core, each reusing
// its buffer: memory does not grow with the site, and 50,000 stories
// (about 450 MB) take seconds.
package sitegen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
)

// Options say what site to write.
type Options struct {
	// Stories is the number of stories; the site has Stories/10 videos.
	Stories int
	// Seed selects the site: the same seed and number of stories give the
	// same files.
	Seed uint64
}

// Write writes the site described by opt into dir, which must not exist or
// be empty.
func Write(dir string, opt Options) error {
	if opt.Stories < 0 {
		return fmt.Errorf("sitegen: negative number of stories %d", opt.Stories)
	}
	if err := checkEmpty(dir); err != nil {
		return err
	}
	g := &generator{dir: dir, opt: opt, videos: opt.Stories / 10}
	for _, d := range []string{"content/stories", "content/videos"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("sitegen: %v", err)
		}
	}
	if err := g.writeFixed(); err != nil {
		return err
	}
	return g.writePages()
}

// checkEmpty refuses a dir that holds anything, so that a smaller site
// never mixes with the leftovers of a larger one.
func checkEmpty(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sitegen: %v", err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err != io.EOF {
		if err == nil {
			return fmt.Errorf("sitegen: %s is not empty", dir)
		}
		return fmt.Errorf("sitegen: %v", err)
	}
	return nil
}

// generator holds what every worker shares.
type generator struct {
	dir    string
	opt    Options
	videos int
}

// writePages writes the stories and videos with one worker per core. Job k
// is story k, or video k-Stories after the stories.
func (g *generator) writePages() error {
	jobs := int64(g.opt.Stories + g.videos)
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		first  error
		wg     sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w := &pageWriter{g: g}
			for !failed.Load() {
				k := next.Add(1) - 1
				if k >= jobs {
					return
				}
				var err error
				if int(k) < g.opt.Stories {
					err = w.story(int(k))
				} else {
					err = w.video(int(k) - g.opt.Stories)
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return first
}

// writeFile writes one file of the site; rel is a slash path.
func (g *generator) writeFile(rel string, data []byte) error {
	if err := os.WriteFile(filepath.Join(g.dir, filepath.FromSlash(rel)), data, 0o644); err != nil {
		return fmt.Errorf("sitegen: %v", err)
	}
	return nil
}

// mkdir makes a bundle folder; rel is a slash path.
func (g *generator) mkdir(rel string) error {
	if err := os.Mkdir(filepath.Join(g.dir, filepath.FromSlash(rel)), 0o755); err != nil {
		return fmt.Errorf("sitegen: %v", err)
	}
	return nil
}

// writeFixed writes site.yaml and the home and section pages.
func (g *generator) writeFixed() error {
	site := "title: Absolwenci Erasmus+\n" +
		"baseURL: https://erasmus.example.edu/alumni/\n" +
		"defaultLanguage: pl\n" +
		"languages:\n" +
		"  pl: {name: Polski, title: \"Absolwenci Erasmus+ — Uniwersytet Nadnotecki\", locale: pl_PL}\n" +
		"  en: {name: English, title: \"Erasmus+ Alumni — Noteć University\", locale: en_GB}\n" +
		"theme: default\n" +
		"timeZone: Europe/Warsaw\n" +
		"minify: true\n" +
		"university:\n" +
		"  name: {pl: \"Uniwersytet Nadnotecki w Pile\", en: \"Noteć University in Piła\"}\n" +
		"  url: https://www.example.edu/\n" +
		"faculties:\n"
	for _, f := range faculties {
		site += fmt.Sprintf("  %s: {pl: %q, en: %q}\n", f.key, f.pl, f.en)
	}
	files := []struct{ path, text string }{
		{"site.yaml", site},
		{"content/_index.md", section("Absolwenci Erasmus+",
			"Historie studentów, absolwentów i pracowników, którzy wyjechali z programem Erasmus+.",
			"Co roku kilkaset osób z naszego uniwersytetu wyjeżdża na studia, praktyki i szkolenia w całej Europie. Tutaj opowiadają o tym własnymi słowami.")},
		{"content/_index.en.md", section("Erasmus+ Alumni",
			"Stories of students, graduates and staff who went abroad with Erasmus+.",
			"Every year hundreds of people from our university study, train and teach across Europe. Here they tell their stories in their own words.")},
		{"content/stories/_index.md", section("Historie absolwentów",
			"Relacje z wyjazdów na studia, praktyki, zajęcia dydaktyczne i szkolenia.",
			"Każda z tych historii jest inna. Publikujemy je wyłącznie za zgodą ich autorów, którą można w każdej chwili wycofać.")},
		{"content/stories/_index.en.md", section("Alumni stories",
			"Accounts of study periods, traineeships, teaching and training abroad.",
			"Every one of these stories is different. We publish them only with their authors' consent, which can be withdrawn at any time.")},
		{"content/videos/_index.md", section("Filmy",
			"Rozmowy z absolwentami programu Erasmus+.",
			"Każdy film ma napisy i pełną transkrypcję z opisem obrazu.")},
		{"content/videos/_index.en.md", section("Videos",
			"Conversations with Erasmus+ alumni.",
			"Every video has captions and a full transcript with a description of the picture.")},
	}
	for _, f := range files {
		if err := g.writeFile(f.path, []byte(f.text)); err != nil {
			return err
		}
	}
	return nil
}

// section returns a home or section page.
func section(title, description, body string) string {
	return fmt.Sprintf("---\ntitle: %q\ndescription: %q\n---\n\n%s\n", title, description, body)
}
