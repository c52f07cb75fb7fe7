package site

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/alumni-site/alumni/internal/content"
)

// Figures are a language's impact figures. Each equals the length of the
// list it counts: stories is the number of the language's published
// stories, countries and years the number of terms of those taxonomies,
// institutions the number of distinct host institutions.
type Figures struct {
	Stories, Countries, Institutions, Years int
}

// lists computes, once per language, the lists that pages show: the
// stories, videos and featured stories, each section's pages with
// previous/next links, related stories, and the taxonomies' terms (see
// taxonomies, which makes their pages). The languages are done in
// parallel, each concerning its own pages; within a language, once the
// pages have their order keys, the section lists, the related stories and
// the terms are computed in parallel too, each writing fields of its own.
func (b *builder) lists() {
	for _, l := range b.site.Languages {
		b.sorter(l.Code)
	}
	b.terms = make([][]*Taxonomy, len(b.site.Languages))
	inParallel(len(b.site.Languages), func(i int) {
		l := b.site.Languages[i]
		b.listsOf(l)
		var wg sync.WaitGroup
		wg.Go(func() { b.sectionLists(l) })
		wg.Go(func() { b.relate(l) })
		b.terms[i] = b.collectTerms(l)
		wg.Wait()
	})
}

// listsOf computes the lists of language l but the section lists, the
// related stories and the terms, and gives its pages their order keys.
func (b *builder) listsOf(l *Language) {
	sections := map[string]*Page{}
	for _, s := range l.Sections {
		sections[s.Page.Section] = s
	}
	for _, p := range l.Pages {
		switch p.Kind {
		case content.KindStory:
			l.Stories = append(l.Stories, p)
		case content.KindVideo:
			l.Videos = append(l.Videos, p)
		case content.KindPage:
			l.Plain = append(l.Plain, p)
		}
		if s := sections[p.Page.Section]; s != nil && p != s && p.Kind != content.KindHome {
			s.List = append(s.List, p)
		}
	}
	sort := b.sorters[l.Code]
	sort.keyPages(l.Pages)
	sort.sort(l.Stories)
	sort.sort(l.Plain)
	slices.SortFunc(l.Videos, byNewest)
	b.counter.lists.Add(3)
	institutions := map[string]bool{}
	for _, s := range l.Stories {
		if s.Story.Featured {
			l.Featured = append(l.Featured, s)
		}
		institutions[s.Story.Host.Institution] = true
	}
	l.Figures = Figures{Stories: len(l.Stories), Institutions: len(institutions)}
	l.Menu = slices.Clone(l.Sections)
	for _, p := range l.Plain {
		if p.Weight != 0 {
			l.Menu = append(l.Menu, p)
		}
	}
}

// sectionLists sorts the lists of l's sections and links their pages to
// their neighbours.
func (b *builder) sectionLists(l *Language) {
	sort := b.sorters[l.Code]
	for _, s := range l.Sections {
		sort.sort(s.List)
		b.counter.lists.Add(1)
		for i, p := range s.List {
			if i > 0 {
				p.Prev = s.List[i-1]
			}
			if i+1 < len(s.List) {
				p.Next = s.List[i+1]
			}
		}
	}
}

// sorter returns the list sorter of a language.
func (b *builder) sorter(lang string) *sorter {
	if b.sorters == nil {
		b.sorters = map[string]*sorter{}
	}
	if b.sorters[lang] == nil {
		if b.derived.sortKeys[lang] == nil {
			b.derived.sortKeys[lang] = map[string][]byte{}
		}
		b.sorters[lang] = &sorter{
			collator: collate.New(language.Make(lang)),
			keys:     b.derived.sortKeys[lang],
			previous: b.previous.sortKeys[lang],
		}
	}
	return b.sorters[lang]
}

// maxRelated is the most related stories a story shows.
const maxRelated = 3

// relate gives every story of l up to three related stories of the same
// language: those with the same host country score 2, the same programme 1;
// only a score above 0 counts, and ties go to the newest, then by path.
// Candidates come from per-country and per-programme lists sorted once, so
// a story looks at a few candidates, not at every story.
func (b *builder) relate(l *Language) {
	type pair struct{ country, program string }
	byBoth := map[pair][]*Page{}
	byCountry := map[string][]*Page{}
	byProgram := map[string][]*Page{}
	newest := slices.Clone(l.Stories)
	slices.SortFunc(newest, byNewest)
	b.counter.lists.Add(1)
	for _, s := range newest {
		c, p := s.Story.Host.Country, s.Story.Program
		byBoth[pair{c, p}] = append(byBoth[pair{c, p}], s)
		byCountry[c] = append(byCountry[c], s)
		if p != "" {
			byProgram[p] = append(byProgram[p], s)
		}
	}
	for _, s := range l.Stories {
		c, p := s.Story.Host.Country, s.Story.Program
		var related []*Page
		take := func(list []*Page, skip func(*Page) bool) {
			for _, r := range list {
				if len(related) == maxRelated {
					return
				}
				if r != s && !skip(r) {
					related = append(related, r)
				}
			}
		}
		none := func(*Page) bool { return false }
		if p != "" {
			take(byBoth[pair{c, p}], none) // score 3
		}
		take(byCountry[c], func(r *Page) bool { return p != "" && r.Story.Program == p }) // score 2
		if p != "" {
			take(byProgram[p], func(r *Page) bool { return r.Story.Host.Country == c }) // score 1
		}
		s.Related = related
	}
}
