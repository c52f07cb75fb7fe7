package site

import (
	"slices"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// resolve pairs translations with their originals, validates every page
// and returns the published ones in a stable order. The groups of
// versions are resolved in parallel: each concerns its own files.
func (b *builder) resolve(pages []*content.Page) []*content.Page {
	byKey := map[string][]*content.Page{}
	var keys []string
	for _, p := range pages {
		if _, seen := byKey[p.Key]; !seen {
			keys = append(keys, p.Key)
		}
		byKey[p.Key] = append(byKey[p.Key], p)
	}
	slices.Sort(keys)
	b.groups = make([][]*content.Page, len(keys))
	for i, key := range keys {
		b.groups[i] = byKey[key]
	}
	groups := make([]resolvedGroup, len(keys))
	inParallel(len(keys), func(i int) { groups[i] = b.resolveGroup(b.groups[i]) })
	var published []*content.Page
	for _, g := range groups {
		for _, in := range g.inherited {
			b.derived.inherited[in.loaded] = in.inheritance
		}
		b.diags.Add(g.diags...)
		published = append(published, g.published...)
		b.unpublished = append(b.unpublished, g.unpublished...)
	}
	return published
}

// resolvedGroup is the outcome of resolving the versions of one page.
type resolvedGroup struct {
	published, unpublished []*content.Page
	diags                  []diag.Diagnostic
	// inherited are the group's translations as loaded and completed
	// (see derived).
	inherited []loadedAs
}

type loadedAs struct {
	loaded *content.Page
	inheritance
}

// inherit completes translation t with its original o. The loaded page may
// be shared with the preview's cache and its last build, so a copy
// inherits; the last build's copy serves again while neither file changed.
func (b *builder) inherit(t, o *content.Page) inheritance {
	if in, ok := b.previous.inherited[t]; ok && in.original == o {
		return in
	}
	c := t.Copy()
	return inheritance{original: o, completed: c, diags: c.Inherit(o)}
}

// resolveGroup completes the translations in group (the versions of one
// page) with their original, validates each version and tells which are
// published, in language order.
func (b *builder) resolveGroup(group []*content.Page) resolvedGroup {
	var g resolvedGroup
	def := b.cfg.DefaultLanguage
	slices.SortFunc(group, func(x, y *content.Page) int { return b.langIndex(x.Lang) - b.langIndex(y.Lang) })
	var original *content.Page
	if group[0].Lang == def {
		original = group[0]
	}
	for i, p := range group {
		if p != original {
			if original == nil {
				g.diags = append(g.diags, diag.Warnf(p.DisplayPath, diag.Pos{}, "translation has no original: there is no %s in the default language (%s)", originalPath(p), def))
			} else {
				in := b.inherit(p, original)
				g.inherited = append(g.inherited, loadedAs{p, in})
				p = in.completed
				group[i] = p
				g.diags = append(g.diags, in.diags...)
			}
		}
		g.diags = append(g.diags, p.Validate()...)
	}
	origReason := ""
	if original != nil {
		origReason = original.Unpublished(b.clock)
	}
	for _, p := range group {
		if p.Unpublished(b.clock) != "" {
			g.unpublished = append(g.unpublished, p)
			continue
		}
		if p != original && origReason != "" {
			g.diags = append(g.diags, diag.Warnf(p.DisplayPath, diag.Pos{}, "published, but its original %s is not (%s)", original.DisplayPath, origReason))
		}
		g.published = append(g.published, p)
	}
	return g
}

// langIndex returns the position of code in the config's language order.
func (b *builder) langIndex(code string) int {
	return slices.Index(b.cfg.LanguageOrder, code)
}

// originalPath returns the display path that the original of translation
// p would have: its own path without the language suffix.
func originalPath(p *content.Page) string {
	return strings.TrimSuffix(p.DisplayPath, "."+p.Lang+".md") + ".md"
}
