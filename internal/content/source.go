package content

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Kind is what a page is. It comes from the page's place in content/ and
// selects the default layout.
type Kind string

// The kinds of page.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindStory   Kind = "story"
	KindVideo   Kind = "video"
	KindPage    Kind = "page"
	// The kinds of the pages that the site model generates: a taxonomy's
	// index (/countries/), one of its terms (/countries/pt/), and the page
	// for "not found".
	KindTaxonomy Kind = "terms"
	KindTerm     Kind = "term"
	KindNotFound Kind = "404"
)

// Source is a content file's place in the site, derived from its path.
type Source struct {
	// Path is the file's slash path relative to the site root, such as
	// content/stories/anna/index.en.md.
	Path string
	// Key identifies a page across its translations: the path relative to
	// content/ without the language suffix and extension, such as
	// stories/anna/index.
	Key string
	// Lang is the page's language code.
	Lang string
	// Kind is the page's kind.
	Kind Kind
	// Section is the first folder under content/; empty for the home page
	// and for top-level pages.
	Section string
	// Name is the file or bundle folder name without language suffix and
	// extension, such as "anna"; empty for home and section pages.
	Name string
	// Bundle is the slash path of the page's bundle folder relative to the
	// site root; empty for a page that is a single file.
	Bundle string
}

// Translated reports whether s is a translation: its language is not the
// default one.
func (s Source) Translated(defaultLang string) bool { return s.Lang != defaultLang }

var languageSuffix = regexp.MustCompile(`^[a-z]{2,3}$`)

// splitName splits a Markdown file name such as "anna.en.md" into its stem
// ("anna") and language ("en", or defaultLang without a suffix). A suffix
// that looks like a language code but is not configured is an error.
func splitName(name string, isLang func(string) bool, defaultLang string) (stem, lang string, err error) {
	stem = strings.TrimSuffix(name, ".md")
	dot := strings.LastIndexByte(stem, '.')
	if dot < 0 || !languageSuffix.MatchString(stem[dot+1:]) {
		return stem, defaultLang, nil
	}
	lang = stem[dot+1:]
	if !isLang(lang) {
		return "", "", fmt.Errorf("language suffix %q is not one of the languages in site.yaml", lang)
	}
	return stem[:dot], lang, nil
}

// sectionKind returns the kind of the pages in a section folder.
func sectionKind(section string) Kind {
	switch section {
	case "stories":
		return KindStory
	case "videos":
		return KindVideo
	}
	return KindPage
}

// newSource derives a Source from a Markdown file's path relative to
// content/ (dir is its folder, "" at the top) and whether that folder is a
// bundle. It does not check the nesting depth; the walker does.
func newSource(dir, name string, bundle bool, isLang func(string) bool, defaultLang string) (Source, error) {
	stem, lang, err := splitName(name, isLang, defaultLang)
	if err != nil {
		return Source{}, err
	}
	s := Source{
		Path: path.Join("content", dir, name),
		Key:  path.Join(dir, stem),
		Lang: lang,
	}
	top, _, _ := strings.Cut(dir, "/")
	switch {
	case dir == "" && stem == "_index":
		s.Kind = KindHome
	case stem == "_index":
		s.Kind, s.Section = KindSection, top
	case bundle && dir == top:
		// A bundle directly under content/ is a top-level page.
		s.Kind, s.Name, s.Bundle = KindPage, top, path.Join("content", dir)
	case bundle:
		s.Kind, s.Section, s.Name, s.Bundle = sectionKind(top), top, path.Base(dir), path.Join("content", dir)
	case dir == "":
		s.Kind, s.Name = KindPage, stem
	default:
		s.Kind, s.Section, s.Name = sectionKind(top), top, stem
	}
	return s, nil
}

// ignored reports whether a file name belongs to an editor, the operating
// system or version control rather than to the site: dot files, backups
// ending in "~", vim's swap files and its "4913" probe, JetBrains'
// ___jb_tmp___ and ___jb_old___ files, and *.tmp files.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"), name == "4913",
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}
