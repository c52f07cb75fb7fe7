package site

import (
	"slices"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// resolve pairs translations with their originals, validates every page
// and returns the published ones in a stable order.
func (b *builder) resolve(pages []*content.Page) []*content.Page {
	b.all = map[string][]*content.Page{}
	var keys []string
	for _, p := range pages {
		if _, seen := b.all[p.Key]; !seen {
			keys = append(keys, p.Key)
		}
		b.all[p.Key] = append(b.all[p.Key], p)
	}
	slices.Sort(keys)
	def := b.cfg.DefaultLanguage
	var published []*content.Page
	for _, key := range keys {
		group := b.all[key]
		slices.SortFunc(group, func(x, y *content.Page) int { return b.langIndex(x.Lang) - b.langIndex(y.Lang) })
		var original *content.Page
		if group[0].Lang == def {
			original = group[0]
		}
		for _, p := range group {
			if p != original {
				if original == nil {
					b.diags.Add(diag.Warnf(p.DisplayPath, diag.Pos{}, "translation has no original: there is no %s in the default language (%s)", originalPath(p), def))
				} else {
					b.diags.Add(p.Inherit(original)...)
				}
			}
			b.diags.Add(p.Validate()...)
		}
		origReason := ""
		if original != nil {
			origReason = original.Unpublished(b.clock)
		}
		for _, p := range group {
			if p.Unpublished(b.clock) != "" {
				b.unpublished = append(b.unpublished, p)
				continue
			}
			if p != original && origReason != "" {
				b.diags.Add(diag.Warnf(p.DisplayPath, diag.Pos{}, "published, but its original %s is not (%s)", original.DisplayPath, origReason))
			}
			published = append(published, p)
		}
	}
	return published
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
