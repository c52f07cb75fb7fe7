// Package site turns decoded content into the site model: which pages are
// published, in which languages, at which URLs, with their translations,
// references and bundle files resolved. It does no I/O of its own.
//
// # Markdown
//
// A page's Markdown is converted when its Content or Summary is first
// asked for. A build lets go of the HTML with
// Release once the page is written, so that it never holds the whole
// site's HTML, and converts again if a later page shows that content.
// Options.Body supplies bodies that the loader dropped. ConvertAll converts
// what no page asked for, reports every conversion's problems and lists
// the bundle files that the Markdown shows.
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
	"slices"
	"sync"
	"sync/atomic"

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
	// Files lists the bundle files to publish, sorted by output path. It
	// is set by ConvertAll, since a page's Markdown may show bundle files.
	Files []File
	// Aliases lists the redirects, in page order.
	Aliases []Alias
	// NotFound is the page for "not found" (/404.html).
	NotFound *Page
	// hidden holds the would-be URL paths of unpublished pages (see hide).
	hidden map[string]bool
	// build is the state of New that converting Markdown on demand needs.
	build *builder
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
	// markup is the page's converted Markdown, read through Content and
	// Summary.
	markup *markup
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
	// Memo, when set, remembers conversions, and what the model derives
	// from unchanged pages, between builds (the preview). The pages given
	// to New must then never change after (see content.Cache).
	Memo *Memo
	// Body returns a page's Markdown (content.Page.ReadBody); nil takes
	// content.Page.Body.
	Body func(p *content.Page) ([]byte, error)
	// Labels returns a UI string of the theme, for the titles of taxonomy
	// and term pages (taxonomy_countries, program_study); nil or a missing
	// string falls back to the key.
	Labels func(lang, key string) (string, bool)
}

// New builds the site model from the decoded pages. It reports every
// problem; the Site is complete only when no error is returned.
func New(pages []*content.Page, opt Options) (*Site, []diag.Diagnostic) {
	b := &builder{cfg: opt.Config, clock: opt.Clock, labels: opt.Labels, derived: newDerived(), previous: newDerived()}
	if opt.Memo != nil {
		b.previous = opt.Memo.takeDerived()
		defer func() { opt.Memo.giveDerived(b.derived) }()
	}
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
	b.lists()
	b.taxonomies()
	b.linkVersions()
	b.prepareMarkup(opt)
	b.paginate()
	b.notFound()
	b.prepareMarkup(opt)
	b.aliases()
	b.sortPages()
	b.site.ListsComputed = int(b.counter.lists.Load())
	b.site.hidden = b.hidden
	b.site.build = b
	return b.site, b.diags.Items()
}

// builder holds the state of one New call, and, after it, what converting
// Markdown on demand needs (see ConvertAll).
type builder struct {
	cfg   *config.Config
	clock content.Clock
	site  *Site
	diags diag.List
	// byKey maps a content key and a language to the published page.
	byKey map[version]*Page
	// unpublished lists the pages that are not published; hidden holds
	// their would-be URL paths, relative to the destination, to drop links
	// to them.
	unpublished []*content.Page
	hidden      map[string]bool
	// groups lists every decoded page, published or not, grouped by
	// content key, in key order; a group's translations are the copies
	// that inherited from the original.
	groups [][]*content.Page
	// fileUsers maps a bundle to the bundle-relative names referenced by
	// its published pages.
	fileUsers map[string]map[string]bool
	// claimed maps folded output paths to the file that claimed them.
	claimed map[string]string
	// bundleDir maps a bundle to the output folder of its files.
	bundleDir map[string]string
	labels    func(lang, key string) (string, bool)
	sorters   map[string]*sorter
	// terms are the taxonomies of each language (in Site.Languages
	// order), collected by lists for taxonomies.
	terms   [][]*Taxonomy
	counter struct{ lists atomic.Int64 }
	// derived are the values derived from strings and pages in this build;
	// previous those of the last build, from Options.Memo (empty without
	// one).
	derived, previous *derived
	slugsMu           sync.Mutex
	markdown          markdownSource
	mu                sync.Mutex
}

// language returns the Language of code.
func (b *builder) language(code string) *Language {
	i := slices.IndexFunc(b.site.Languages, func(l *Language) bool { return l.Code == code })
	return b.site.Languages[i]
}

// prepareMarkup gives every page that has none an empty markup, converted
// on demand. It runs before paginate, whose copies share their list
// page's markup, and again for the pages made after.
func (b *builder) prepareMarkup(opt Options) {
	b.markdown = markdownSource{conv: opt.Markdown, memo: opt.Memo, body: func(p *Page) ([]byte, error) { return p.Body, nil }}
	if opt.Body != nil {
		b.markdown.body = func(p *Page) ([]byte, error) { return opt.Body(p.Page) }
	}
	if opt.Memo != nil {
		b.markdown.hiddenKey = opt.Memo.hiddenHash(b.hidden)
	}
	for _, p := range append(b.site.Pages, b.site.NotFound) {
		switch {
		case p == nil || p.markup != nil:
		case p.Path == "":
			// A page the engine made (a taxonomy, a term, "not found") has
			// no Markdown.
			p.markup = &markup{converted: true, renders: 1}
		default:
			p.markup = &markup{renders: 1}
		}
	}
}
