package site

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// place gives every published page its slug, URL and output path, and
// reports output paths that two pages would share.
func (b *builder) place(published []*content.Page) {
	b.byKey = make(map[version]*Page, len(published))
	b.claimed = make(map[string]string, len(published))
	b.derived.placed = make(map[*content.Page]*placement, len(published))
	for _, cp := range published {
		p := &Page{Page: cp, Site: b.site, Language: b.language(cp.Lang)}
		at := b.previous.placed[cp]
		if at == nil {
			if at = b.placement(p); at == nil {
				continue
			}
		}
		b.derived.placed[cp] = at
		p.Slug, p.Layout, p.OutputPath, p.RelPermalink, p.Permalink = at.slug, at.layout, at.output, at.relPermalink, at.permalink
		if !b.claimFolded(at.folded, p.OutputPath, cp.DisplayPath) {
			continue
		}
		b.index(p)
	}
	b.sortPages()
	for _, p := range b.site.Pages {
		switch {
		case p.Kind == content.KindHome:
			p.Language.Home = p
		case p.Kind == content.KindSection:
			p.Language.Sections = append(p.Language.Sections, p)
		case p.Layout == "accessibility" && p.Language.Statement == nil:
			p.Language.Statement = p
		}
	}
	for _, l := range b.site.Languages {
		slices.SortStableFunc(l.Sections, func(x, y *Page) int {
			return cmp.Or(compareWeight(x.Weight, y.Weight), cmp.Compare(x.Page.Title, y.Page.Title))
		})
	}
}

// placement computes where a page goes, or reports that its name gives no
// slug and returns nil.
func (b *builder) placement(p *Page) *placement {
	cp := p.Page
	p.Slug = cp.Slug
	if p.Slug == "" && cp.Name != "" {
		p.Slug = b.slugOf(cp.Name)
		if p.Slug == "" {
			b.diags.Add(diag.Errorf(cp.DisplayPath, diag.Pos{}, "the name %q gives an empty slug: rename the file or set slug:", cp.Name))
			return nil
		}
	}
	p.Layout = layoutOf(cp)
	p.setPath(b.cfg, b.pageDir(p))
	return &placement{slug: p.Slug, layout: p.Layout, output: p.OutputPath, relPermalink: p.RelPermalink,
		permalink: p.Permalink, folded: foldPath(p.OutputPath)}
}

// setPath gives a page the URL and output path of the folder dir, relative
// to the destination ("." for the root).
func (p *Page) setPath(cfg *config.Config, dir string) {
	p.OutputPath = path.Join(dir, "index.html")
	p.RelPermalink = cfg.BasePath()
	if dir != "." {
		p.RelPermalink += dir + "/"
	}
	p.Permalink = cfg.AbsURL(p.RelPermalink)
}

// index adds a placed page to the site, its language and its group of
// versions.
func (b *builder) index(p *Page) {
	b.byKey[version{p.Key, p.Page.Lang}] = p
	b.site.Pages = append(b.site.Pages, p)
	if p.Kind != content.KindNotFound {
		p.Language.Pages = append(p.Language.Pages, p)
	}
}

// sortPages sorts the site's and every language's pages by output path.
func (b *builder) sortPages() {
	b.site.Pages = sortByPath(b.site.Pages)
	for _, l := range b.site.Languages {
		l.Pages = sortByPath(l.Pages)
	}
}

// sortByPath returns pages sorted by output path. Pages made after a sort
// are appended to sorted lists: only those are sorted, and merged in.
func sortByPath(pages []*Page) []*Page {
	byPath := func(x, y *Page) int { return cmp.Compare(x.OutputPath, y.OutputPath) }
	n := 1
	for n < len(pages) && byPath(pages[n-1], pages[n]) <= 0 {
		n++
	}
	if n >= len(pages) {
		return pages
	}
	head, tail := pages[:n], slices.Clone(pages[n:])
	slices.SortFunc(tail, byPath)
	out := make([]*Page, 0, len(pages))
	for len(head) > 0 && len(tail) > 0 {
		if byPath(head[0], tail[0]) <= 0 {
			out, head = append(out, head[0]), head[1:]
		} else {
			out, tail = append(out, tail[0]), tail[1:]
		}
	}
	return append(append(out, head...), tail...)
}

// layoutOf returns the layout that renders a page: its type, or else
// list for a section page and the kind's name for the others.
func layoutOf(p *content.Page) string {
	switch {
	case p.Type != "":
		return p.Type
	case p.Kind == content.KindSection:
		return "list"
	}
	return string(p.Kind)
}

// pageDir returns the output folder of a page relative to the
// destination, "." for the default language's home page.
func (b *builder) pageDir(p *Page) string {
	prefix := ""
	if p.Page.Lang != b.cfg.DefaultLanguage {
		prefix = p.Page.Lang
	}
	switch p.Kind {
	case content.KindHome:
		return path.Join(".", prefix)
	case content.KindSection:
		return path.Join(prefix, b.slugOf(p.Page.Section))
	}
	if p.Page.Section == "" {
		return path.Join(prefix, p.Slug)
	}
	return path.Join(prefix, b.slugOf(p.Page.Section), p.Slug)
}

// foldPath returns the form in which two output paths collide on some file
// system: Unicode NFC and lower case.
func foldPath(p string) string {
	return strings.ToLower(norm.NFC.String(p))
}

// claim registers an output path for the file owner (a display path) and
// reports a clash with an earlier claim.
func (b *builder) claim(output, owner string) bool {
	return b.claimFolded(foldPath(output), output, owner)
}

// claimFolded is claim for an output path and its foldPath.
func (b *builder) claimFolded(folded, output, owner string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if other, taken := b.claimed[folded]; taken && other != owner {
		b.diags.Add(diag.Errorf(owner, diag.Pos{}, "would be written to %s, like %s: rename one of them or give it another slug", output, other))
		return false
	}
	b.claimed[folded] = owner
	return true
}
