package site

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/countries"
	"github.com/alumni-site/alumni/internal/decode"
)

// Taxonomy is a way to browse a language's pages, derived from the
// structured fields so that front matter never repeats itself.
type Taxonomy struct {
	// Name is the taxonomy's name and URL segment: countries, programs,
	// faculties, years or tags.
	Name string
	// Page is the taxonomy's index page, which lists its terms.
	Page *Page
	// Terms lists the terms: countries, faculties and tags by title in the
	// language's collation, programmes in their fixed order, years from the
	// newest.
	Terms []*Term
}

// Term is one value of a taxonomy and the pages that have it.
type Term struct {
	// Key is the term's URL segment: a lower-case country code, a
	// programme, a faculty key (or the slug of a free-text faculty), a
	// year, or a tag's slug.
	Key   string
	Title string
	// Page is the term's page, which lists Pages.
	Page *Page
	// Pages lists the pages with the term, in list order.
	Pages []*Page
}

// taxonomyNames lists the taxonomies in the order pages show them.
var taxonomyNames = []string{"countries", "programs", "faculties", "years", "tags"}

// termsOf returns the terms a page has in a taxonomy, as key and title.
func (b *builder) termsOf(taxonomy string, p *Page, names *countries.Namer) [][2]string {
	s := p.Story
	switch {
	case taxonomy == "tags":
		var out [][2]string
		for _, tag := range p.Tags {
			out = append(out, [2]string{b.slugOf(tag), tag})
		}
		return out
	case s == nil:
		return nil
	case taxonomy == "countries":
		return [][2]string{{strings.ToLower(s.Host.Country), names.Name(s.Host.Country)}}
	case taxonomy == "programs" && s.Program != "":
		return [][2]string{{s.Program, b.label(p.Page.Lang, "program_"+s.Program, s.Program)}}
	case taxonomy == "faculties" && s.Faculty != "":
		if names, ok := b.cfg.Faculties[s.Faculty]; ok {
			title := cmp.Or(names[p.Page.Lang], names[b.cfg.DefaultLanguage], s.Faculty)
			return [][2]string{{s.Faculty, title}}
		}
		return [][2]string{{b.slugOf(s.Faculty), s.Faculty}}
	case taxonomy == "years":
		y := strconv.Itoa(s.MobilityYear)
		return [][2]string{{y, y}}
	}
	return nil
}

// label returns a UI string of the theme, or fallback.
func (b *builder) label(lang, key, fallback string) string {
	if b.labels != nil {
		if s, ok := b.labels(lang, key); ok {
			return s
		}
	}
	return fallback
}

// taxonomies makes the pages of every language's taxonomies and terms,
// which lists collected, one language after the other, in a fixed order.
func (b *builder) taxonomies() {
	for i, l := range b.site.Languages {
		for _, tax := range b.terms[i] {
			name := tax.Name
			tax.Page = b.generate(l, content.KindTaxonomy, path.Join("_taxonomy", name), b.label(l.Code, "taxonomy_"+name, name), name)
			if tax.Page == nil {
				continue
			}
			tax.Page.Taxonomy = tax
			for _, t := range tax.Terms {
				t.Page = b.generate(l, content.KindTerm, path.Join("_taxonomy", name, t.Key), t.Title, path.Join(name, t.Key))
				if t.Page != nil {
					t.Page.Taxonomy, t.Page.Term, t.Page.List = tax, t, t.Pages
				}
			}
			l.Taxonomies = append(l.Taxonomies, tax)
			switch name {
			case "countries":
				l.Figures.Countries = len(tax.Terms)
			case "years":
				l.Figures.Years = len(tax.Terms)
			}
		}
	}
}

// collectTerms returns the taxonomies of language l that have terms, with
// their terms sorted and each term's pages in list order, and gives every
// page its Terms.
func (b *builder) collectTerms(l *Language) []*Taxonomy {
	names := countries.NewNamer(l.Code)
	sort := b.sorters[l.Code]
	var pages []*Page
	pages = append(pages, l.Stories...)
	for _, p := range l.Pages {
		if p.Kind != content.KindStory && len(p.Tags) > 0 {
			pages = append(pages, p)
		}
	}
	// The pages are walked once for every taxonomy: a walk per taxonomy
	// would fetch every page from memory five times.
	terms := make([]map[string]*Term, len(taxonomyNames))
	orders := make([][]*Term, len(taxonomyNames))
	for i := range terms {
		terms[i] = map[string]*Term{}
	}
	for _, p := range pages {
		for i, name := range taxonomyNames {
			for _, kt := range b.termsOf(name, p, names) {
				if kt[0] == "" {
					continue // a missing value, already reported by validation
				}
				t := terms[i][kt[0]]
				if t == nil {
					t = &Term{Key: kt[0], Title: kt[1]}
					terms[i][kt[0]] = t
					orders[i] = append(orders[i], t)
				}
				if len(t.Pages) == 0 || t.Pages[len(t.Pages)-1] != p {
					t.Pages = append(t.Pages, p)
				}
			}
		}
	}
	var taxonomies []*Taxonomy
	for i, name := range taxonomyNames {
		if len(orders[i]) == 0 {
			continue
		}
		tax := &Taxonomy{Name: name, Terms: orders[i]}
		b.sortTerms(tax, sort)
		for _, t := range tax.Terms {
			sort.sort(t.Pages)
			b.counter.lists.Add(1)
			for _, p := range t.Pages {
				p.Terms = append(p.Terms, t)
			}
		}
		taxonomies = append(taxonomies, tax)
	}
	return taxonomies
}

// sortTerms puts a taxonomy's terms in the order described on Taxonomy.
func (b *builder) sortTerms(tax *Taxonomy, s *sorter) {
	switch tax.Name {
	case "programs":
		slices.SortFunc(tax.Terms, func(x, y *Term) int {
			return cmp.Compare(slices.Index(content.Programs, x.Key), slices.Index(content.Programs, y.Key))
		})
	case "years":
		slices.SortFunc(tax.Terms, func(x, y *Term) int { return cmp.Compare(y.Key, x.Key) })
	default:
		slices.SortFunc(tax.Terms, func(x, y *Term) int {
			return cmp.Or(s.collator.CompareString(x.Title, y.Title), cmp.Compare(x.Key, y.Key))
		})
	}
	b.counter.lists.Add(1)
}

// generate adds a page that no content file backs, in language l, at dir
// below the language's root. key groups the page with its versions in
// other languages. It returns nil when the path is taken.
func (b *builder) generate(l *Language, kind content.Kind, key, title, dir string) *Page {
	cp := &content.Page{
		Source:      content.Source{Key: key, Lang: l.Code, Kind: kind},
		Front:       content.Front{Title: title},
		Positions:   decode.Positions{},
		DisplayPath: "(generated) " + strings.TrimPrefix(l.URL+dir+"/", "/"),
	}
	p := &Page{Page: cp, Site: b.site, Language: l, Layout: string(kind)}
	prefix := ""
	if l.Code != b.cfg.DefaultLanguage {
		prefix = l.Code
	}
	p.setPath(b.cfg, path.Join(prefix, dir))
	if !b.claim(p.OutputPath, cp.DisplayPath) {
		return nil
	}
	b.index(p)
	return p
}
