package site

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// Pager is one page of a paginated list.
type Pager struct {
	// Number is the page's number, from 1; Count the number of pages.
	Number, Count int
	// Items are the list entries on this page.
	Items []*Page
	// Pages are the pages of the list: Pages[0] is the list's own page at
	// its URL, Pages[n-1] the page at <url>page/<n>/.
	Pages []*Page
}

// Prev returns the previous page of the list, or nil on the first.
func (pg *Pager) Prev() *Page {
	if pg.Number == 1 {
		return nil
	}
	return pg.Pages[pg.Number-2]
}

// Next returns the next page of the list, or nil on the last.
func (pg *Pager) Next() *Page {
	if pg.Number == pg.Count {
		return nil
	}
	return pg.Pages[pg.Number]
}

// paginate splits the list of every section and term page into pages of
// config.Paginate entries: page 1 is the list page itself, page n is a copy
// of it at <url>page/<n>/. The copies' versions are the other languages'
// pages of the same number.
func (b *builder) paginate() {
	size := b.cfg.Paginate
	var lists []*Page
	for _, p := range b.site.Pages {
		if p.Kind == content.KindSection || p.Kind == content.KindTerm {
			lists = append(lists, p)
		}
	}
lists:
	for _, first := range lists {
		count := max(1, (len(first.List)+size-1)/size)
		pages := make([]*Page, count)
		for n := 1; n <= count; n++ {
			p := first
			if n > 1 {
				later := *first
				p = &later
				p.markup.addRender()
				p.setPath(b.cfg, path.Join(path.Dir(first.OutputPath), "page", strconv.Itoa(n)))
				if !b.claim(p.OutputPath, first.DisplayPath) {
					continue lists
				}
				b.site.Pages = append(b.site.Pages, p)
				p.Language.Pages = append(p.Language.Pages, p)
			}
			items := first.List[(n-1)*size : min(n*size, len(first.List))]
			p.Pager = &Pager{Number: n, Count: count, Items: items, Pages: pages}
			pages[n-1] = p
		}
	}
	for _, first := range lists {
		if first.Pager == nil || slices.Contains(first.Pager.Pages, nil) {
			continue
		}
		for _, p := range first.Pager.Pages[1:] {
			p.Versions = nil
			for _, v := range first.Versions {
				if v.Pager != nil && len(v.Pager.Pages) >= p.Pager.Number {
					p.Versions = append(p.Versions, v.Pager.Pages[p.Pager.Number-1])
				}
			}
		}
	}
}

// Alias is a redirect from an old path to a page.
type Alias struct {
	// Output is the redirect's path relative to the destination.
	Output string
	Target *Page
}

// aliases places the redirects of every published page's aliases: a path
// ending in "/" (or without an extension) gets an index.html, other paths
// are written as they are, below the page's language root. An alias that
// would overwrite a page or another alias is an error naming both files.
func (b *builder) aliases() {
	for _, p := range b.site.Pages {
		if p.Pager != nil && p.Pager.Number > 1 {
			continue
		}
		for i, alias := range p.Aliases {
			out := strings.TrimPrefix(alias, "/")
			if out == "" || strings.HasSuffix(out, "/") || path.Ext(out) == "" {
				out = path.Join(out, "index.html")
			}
			if p.Page.Lang != b.cfg.DefaultLanguage {
				out = path.Join(p.Page.Lang, out)
			}
			b.mu.Lock()
			other, taken := b.claimed[foldPath(out)]
			b.mu.Unlock()
			if taken {
				key := "aliases." + strconv.Itoa(i)
				b.diags.Add(diag.Errorf(p.DisplayPath, p.Positions[key], "alias %s would be written to %s, like %s", alias, out, other))
				continue
			}
			b.claim(out, p.DisplayPath)
			b.site.Aliases = append(b.site.Aliases, Alias{Output: out, Target: p})
		}
	}
}

// notFound adds the page for "not found", /404.html, in the default
// language.
func (b *builder) notFound() {
	l := b.site.Languages[0]
	cp := &content.Page{
		Source:      content.Source{Key: "_404", Lang: l.Code, Kind: content.KindNotFound},
		Front:       content.Front{Title: b.label(l.Code, "not_found_title", "404")},
		DisplayPath: "(generated) 404.html",
	}
	p := &Page{Page: cp, Site: b.site, Language: l, Layout: "404"}
	p.OutputPath = "404.html"
	p.RelPermalink = b.cfg.BasePath() + "404.html"
	p.Permalink = b.cfg.AbsURL(p.RelPermalink)
	if b.claim(p.OutputPath, cp.DisplayPath) {
		b.index(p)
		p.Versions = []*Page{p}
		b.site.NotFound = p
	}
}

// PagerLink is one entry of a pager's window: a page of the list, or a gap
// (Page nil) standing for the pages left out.
type PagerLink struct {
	Number  int
	Page    *Page
	Current bool
}

// pagerReach is how many pages on each side of the current one a window
// shows.
const pagerReach = 2

// Window returns the links a pager shows: the first page, the pages within
// two of the current one, and the last page, with a gap where pages are
// left out. Its length does not grow with the list, so a list page costs
// the same on a site of any size.
func (pg *Pager) Window() []PagerLink {
	var out []PagerLink
	last := 0
	add := func(n int) {
		if n <= last || n < 1 || n > pg.Count {
			return
		}
		if n > last+1 {
			out = append(out, PagerLink{})
		}
		out = append(out, PagerLink{Number: n, Page: pg.Pages[n-1], Current: n == pg.Number})
		last = n
	}
	add(1)
	for n := pg.Number - pagerReach; n <= pg.Number+pagerReach; n++ {
		add(n)
	}
	add(pg.Count)
	return out
}
