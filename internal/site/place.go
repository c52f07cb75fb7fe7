package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/slug"
)

// place gives every published page its slug, URL and output path, and
// reports output paths that two pages would share.
func (b *builder) place(published []*content.Page) {
	b.byKey = map[string]map[string]*Page{}
	claimed := map[string]string{} // folded output path -> display path of its owner
	for _, cp := range published {
		p := &Page{Page: cp, Site: b.site, Language: b.language(cp.Lang)}
		p.Slug = cp.Slug
		if p.Slug == "" && cp.Name != "" {
			p.Slug = slug.Make(cp.Name)
			if p.Slug == "" {
				b.diags.Add(diag.Errorf(cp.DisplayPath, diag.Pos{}, "the name %q gives an empty slug: rename the file or set slug:", cp.Name))
				continue
			}
		}
		p.Layout = layoutOf(cp)
		dir := b.pageDir(p)
		p.OutputPath = path.Join(dir, "index.html")
		p.RelPermalink = b.cfg.BasePath() + strings.TrimPrefix(dir+"/", "./")
		if dir == "." {
			p.RelPermalink = b.cfg.BasePath()
		}
		p.Permalink = b.cfg.AbsURL(p.RelPermalink)
		if other, taken := claimed[foldPath(p.OutputPath)]; taken {
			b.diags.Add(diag.Errorf(cp.DisplayPath, diag.Pos{}, "%s would be written to %s, like %s: rename one of them or give it another slug", cp.DisplayPath, p.OutputPath, other))
			continue
		}
		claimed[foldPath(p.OutputPath)] = cp.DisplayPath
		if b.byKey[cp.Key] == nil {
			b.byKey[cp.Key] = map[string]*Page{}
		}
		b.byKey[cp.Key][cp.Lang] = p
		b.site.Pages = append(b.site.Pages, p)
	}
	b.claimed = claimed
	slices.SortFunc(b.site.Pages, func(x, y *Page) int { return cmp.Compare(x.OutputPath, y.OutputPath) })
	for _, p := range b.site.Pages {
		p.Language.Pages = append(p.Language.Pages, p)
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
			return cmp.Or(cmp.Compare(x.Weight, y.Weight), cmp.Compare(x.Title, y.Title))
		})
	}
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
	if p.Lang != b.cfg.DefaultLanguage {
		prefix = p.Lang
	}
	switch p.Kind {
	case content.KindHome:
		return path.Join(".", prefix)
	case content.KindSection:
		return path.Join(prefix, slug.Make(p.Section))
	}
	if p.Section == "" {
		return path.Join(prefix, p.Slug)
	}
	return path.Join(prefix, slug.Make(p.Section), p.Slug)
}

// foldPath returns the form in which two output paths collide on some file
// system: Unicode NFC and lower case.
func foldPath(p string) string {
	return strings.ToLower(norm.NFC.String(p))
}

// claim registers an output path for a bundle file and reports a clash.
func (b *builder) claim(output, owner string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if other, taken := b.claimed[foldPath(output)]; taken && other != owner {
		b.diags.Add(diag.Errorf(owner, diag.Pos{}, "%s would be written to %s, like %s: rename one of them", owner, output, other))
		return false
	}
	b.claimed[foldPath(output)] = owner
	return true
}

// errNotInBundle explains a missing bundle file.
func errNotInBundle(name string, files []string) error {
	for _, f := range files {
		if strings.EqualFold(f, name) {
			return fmt.Errorf("image %q not found in the page bundle; there is %q (names are case-sensitive)", name, f)
		}
	}
	return fmt.Errorf("image %q not found in the page bundle", name)
}
