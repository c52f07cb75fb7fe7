// Package site turns decoded content into the site model: which pages are
// published, in which languages, at which URLs, with their translations,
// references and bundle files resolved and their Markdown converted. It
// does no I/O.
//
// # Translations
//
// Files pair by their content.Source.Key. The file without a language
// suffix is the original; a translation inherits its structured fields
// (content.Page.Inherit). A translation without an original is a warning
// and is published on its own.
//
// # Publication
//
// A page is published unless content.Page.Unpublished gives a reason. An
// unpublished page is dropped before URLs, references and resources are
// computed, so it leaves no trace in any output: a story that names an
// unpublished video simply shows none, and its bundle files are not copied.
//
// # URLs
//
// The default language lives at the root, every other language under
// /<lang>/. Home pages are / and /<lang>/, section pages /<section>/, pages
// in a section /<section>/<slug>/, and top-level pages /<slug>/. Every URL
// includes the path of baseURL. A page is written to <url>index.html.
// The slug is the front matter's slug or else slug.Make of the file or
// bundle folder name. Two pages or files that would be written to the same
// path, compared case-insensitively after Unicode normalisation, are an
// error naming both files.
//
// # Bundle files
//
// Files that a page refers to (person.photo, video.poster, video.src,
// video.captions and images in its Markdown) are published once per
// bundle, beside the index.html of the bundle's default-language page (or
// of the first published translation when that page is not published), and
// shared by its translations. Files that no published page refers to are
// not published: originals stay private.
package site

import (
	"html/template"
	"runtime"
	"slices"
	"sync"

	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/markdown"
)

// Site is the model of a whole site. It is built once by New and not
// changed afterwards.
type Site struct {
	Config *config.Config
	// Languages lists the languages in config order, the default first.
	Languages []*Language
	// Pages lists every published page, sorted by output path.
	Pages []*Page
	// Files lists the bundle files to publish, sorted by output path.
	Files []File
	// Aliases lists the redirects, in page order.
	Aliases []Alias
	// NotFound is the page for "not found" (/404.html).
	NotFound *Page
	// hidden holds the would-be URL paths of unpublished pages (see hide).
	hidden map[string]bool
	// ListsComputed counts the lists sorted while the model was built. It
	// depends on the number of lists (sections, terms, taxonomies), never
	// on the number of pages: no page computes a list of its own.
	ListsComputed int
}

// Language is one language of the site and its pages.
type Language struct {
	Code string
	config.Language
	// Home is the language's home page; nil when the site has none.
	Home *Page
	// URL is the root-relative URL of the language's root: baseURL's path,
	// followed by "<code>/" for every language but the default one.
	URL string
	// Pages lists the language's published pages, sorted by output path.
	Pages []*Page
	// Sections lists the language's section pages by weight, then title.
	Sections []*Page
	// Statement is the language's accessibility statement (the page with
	// type: accessibility); nil when there is none.
	Statement *Page
	// Stories lists the published stories in list order; Videos the
	// videos from the newest; Featured the featured stories in list order;
	// Plain the plain pages (kind page, such as about or privacy) in list
	// order. Layouts use these lists rather than filtering Pages, which
	// would make every page walk the whole site.
	Stories, Videos, Featured, Plain []*Page
	// Menu lists the entries of the language's main menu: its sections,
	// then its plain pages that have a weight.
	Menu []*Page
	// Taxonomies lists the taxonomies that have terms, in the order
	// countries, programs, faculties, years, tags.
	Taxonomies []*Taxonomy
	// Figures are the impact figures of the language's stories.
	Figures Figures
}

// File is a bundle file to publish.
type File struct {
	// Source is the file's slash path relative to the site root.
	Source string
	// Output is its slash path relative to the destination.
	Output string
}

// Page is a published page with everything a layout needs.
type Page struct {
	*content.Page
	Site     *Site
	Language *Language
	// Slug is the last segment of the page's URL ("" for home and section
	// pages).
	Slug string
	// Layout is the layout that renders the page: the front matter's type,
	// or else the kind.
	Layout string
	// RelPermalink is the root-relative URL, baseURL's path included;
	// Permalink the absolute one.
	RelPermalink string
	Permalink    string
	// OutputPath is where the page is written, relative to the destination.
	OutputPath string
	// Versions lists the page in every language it is published in, in
	// config order, itself included.
	Versions []*Page
	// Content is the page's Markdown converted to HTML.
	Content template.HTML
	// Summary is the description, or else the first paragraph's text cut
	// at the last space within 160 characters and ended with "…".
	Summary string
	// BundleURL is the root-relative URL of the folder holding the page's
	// bundle files, ending in "/"; empty for a single-file page.
	BundleURL string
	// VideoPage is a story's published video page in the same language (or
	// else in the default language); nil when there is none.
	VideoPage *Page
	// Speakers are a video page's published speaker stories, in the same
	// language where one exists.
	Speakers []*Page
	// List holds the entries of a section or term page, in list order;
	// Pager the part of it on this page.
	List  []*Page
	Pager *Pager
	// Prev and Next are the neighbours of a page in its section's list.
	Prev, Next *Page
	// Related lists up to three related stories of a story.
	Related []*Page
	// Taxonomy is set on taxonomy and term pages, Term on term pages.
	Taxonomy *Taxonomy
	Term     *Term
	// Terms lists the terms the page has, in the order of the taxonomies
	// (countries, programs, faculties, years, tags) and of their terms.
	Terms []*Term
	// order is the page's list-order key, computed once per build.
	order orderKey
}

// Converter converts a page's Markdown; *markdown.Converter is the one the
// build uses.
type Converter interface {
	Convert(src []byte, opt markdown.Options) (markdown.Result, []diag.Diagnostic)
}

// Options are what New needs besides the content.
type Options struct {
	Config   *config.Config
	Clock    content.Clock
	Markdown Converter
	// Memo, when set, remembers conversions between builds (the preview).
	Memo *Memo
	// Labels returns a UI string of the theme, for the titles of taxonomy
	// and term pages (taxonomy_countries, program_study); nil or a missing
	// string falls back to the key.
	Labels func(lang, key string) (string, bool)
}

// New builds the site model from the decoded pages. It reports every
// problem; the Site is complete only when no error is returned.
func New(pages []*content.Page, opt Options) (*Site, []diag.Diagnostic) {
	b := &builder{cfg: opt.Config, clock: opt.Clock, labels: opt.Labels}
	b.site = &Site{Config: opt.Config}
	for _, code := range opt.Config.LanguageOrder {
		url := opt.Config.BasePath()
		if code != opt.Config.DefaultLanguage {
			url += code + "/"
		}
		b.site.Languages = append(b.site.Languages, &Language{Code: code, Language: opt.Config.Languages[code], URL: url})
	}
	published := b.resolve(pages)
	b.place(published)
	b.hide()
	b.link()
	b.convert(opt.Markdown, opt.Memo)
	b.lists()
	b.taxonomies()
	b.linkVersions()
	b.paginate()
	b.notFound()
	b.aliases()
	b.collectFiles()
	b.sortPages()
	b.site.ListsComputed = b.counter.lists
	b.site.hidden = b.hidden
	return b.site, b.diags.Items()
}

// builder holds the state of one New call.
type builder struct {
	cfg   *config.Config
	clock content.Clock
	site  *Site
	diags diag.List
	// byKey maps content keys to the published page of each language.
	byKey map[string]map[string]*Page
	// unpublished lists the pages that are not published; hidden holds
	// their would-be URL paths, relative to the destination, to drop links
	// to them.
	unpublished []*content.Page
	hidden      map[string]bool
	// all maps content keys to every decoded page, published or not.
	all map[string][]*content.Page
	// fileUsers maps a bundle to the bundle-relative names referenced by
	// its published pages.
	fileUsers map[string]map[string]bool
	// claimed maps folded output paths to the file that claimed them.
	claimed map[string]string
	// bundleDir maps a bundle to the output folder of its files.
	bundleDir map[string]string
	labels    func(lang, key string) (string, bool)
	sorters   map[string]*sorter
	counter   struct{ lists int }
	mu        sync.Mutex
}

// language returns the Language of code.
func (b *builder) language(code string) *Language {
	i := slices.IndexFunc(b.site.Languages, func(l *Language) bool { return l.Code == code })
	return b.site.Languages[i]
}

// convert turns every published page's Markdown into HTML, in parallel,
// and resolves the bundle files its images refer to. With a memo, a page
// whose input did not change reuses its earlier result.
func (b *builder) convert(conv Converter, memo *Memo) {
	var hidden uint64
	if memo != nil {
		hidden = memo.hiddenHash(b.hidden)
		defer memo.sweep()
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, p := range b.site.Pages {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			var e memoEntry
			var key memoKey
			cached := false
			if memo != nil {
				key = memo.key(p, hidden)
				e, cached = memo.get(key)
			}
			if !cached {
				e = b.convertPage(conv, p)
				if memo != nil {
					memo.put(key, e)
				}
			}
			p.Content = template.HTML(e.result.HTML)
			p.Summary = summarize(p.Description, e.result.FirstParagraph)
			// The Markdown is not needed any more; dropping it frees the
			// file's bytes (the preview's cache keeps its own copy).
			p.Body = nil
			b.diags.Add(e.diags...)
			b.useFiles(p, e.used...)
		})
	}
	wg.Wait()
}

// convertPage converts one page's Markdown.
func (b *builder) convertPage(conv Converter, p *Page) memoEntry {
	var e memoEntry
	e.result, e.diags = conv.Convert(p.Body, markdown.Options{
		Path:      p.DisplayPath,
		Lang:      p.Lang,
		FirstLine: p.BodyLine,
		Link:      func(dest string) bool { return !b.hidden[b.sitePath(p, dest)] },
		Resource: func(dest string) (string, error) {
			if err := p.findFile(dest); err != nil {
				return "", err
			}
			e.used = append(e.used, dest)
			return p.BundleURL + dest, nil
		},
	})
	return e
}
