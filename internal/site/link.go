package site

import (
	"path"
	"slices"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// link connects published pages: translations to each other, pages to
// their bundle folder, stories to their video, videos to their speakers.
func (b *builder) link() {
	b.bundleDir = map[string]string{}
	b.linkVersions()
	for _, p := range b.site.Pages {
		if p.Bundle != "" && b.bundleDir[p.Bundle] == "" {
			// Versions[0] is the default-language page when it is published.
			owner := p.Versions[0]
			b.bundleDir[p.Bundle] = path.Dir(owner.OutputPath)
			for _, v := range p.Versions {
				v.BundleURL = owner.RelPermalink
			}
		}
	}
	videos := b.indexBySlug(content.KindVideo)
	stories := b.indexBySlug(content.KindStory)
	for _, p := range b.site.Pages {
		switch {
		case p.Story != nil:
			if name := p.Story.Video; name != "" {
				p.VideoPage = b.pick(p, "video", name, videos, "a video page")
			}
			b.useFiles(p, p.Story.Person.Photo)
		case p.Video != nil:
			for _, name := range p.Video.Speakers {
				if s := b.pick(p, "speakers", name, stories, "a story"); s != nil {
					p.Speakers = append(p.Speakers, s)
				}
			}
			v := p.Video.Video
			b.useFiles(p, v.Poster, v.Src)
			for _, f := range v.Captions {
				b.useFiles(p, f)
			}
		}
	}
}

// linkVersions gives every page that has none yet the list of its
// versions: the pages of the same key in every language, in config order.
func (b *builder) linkVersions() {
	for _, p := range b.site.Pages {
		if p.Versions != nil {
			continue
		}
		group := b.byKey[p.Key]
		var versions []*Page
		for _, code := range b.cfg.LanguageOrder {
			if v := group[code]; v != nil {
				versions = append(versions, v)
			}
		}
		for _, v := range versions {
			v.Versions = versions
		}
	}
}

// slugIndex maps a slug to the page of each language with that slug, and
// to nil for a page that exists but is not published.
type slugIndex map[string]map[string]*Page

// indexBySlug indexes every page of a kind, published or not.
func (b *builder) indexBySlug(kind content.Kind) slugIndex {
	idx := slugIndex{}
	for _, group := range b.all {
		for _, cp := range group {
			if cp.Kind != kind {
				continue
			}
			s := cp.Slug
			if s == "" {
				s = b.slugOf(cp.Name)
			}
			if idx[s] == nil {
				idx[s] = map[string]*Page{}
			}
			if _, ok := idx[s][cp.Lang]; !ok {
				idx[s][cp.Lang] = nil
			}
			if pub := b.byKey[cp.Key][cp.Lang]; pub != nil {
				idx[s][cp.Lang] = pub
			}
		}
	}
	return idx
}

// pick finds the page a front-matter reference names, preferring the
// referring page's language and falling back to the default language. A
// name that no page has is an error; an unpublished page is no error and
// gives nil, so it leaves no trace.
func (b *builder) pick(from *Page, key, name string, idx slugIndex, what string) *Page {
	langs, ok := idx[name]
	if !ok {
		var known []string
		for s := range idx {
			known = append(known, s)
		}
		slices.Sort(known)
		b.diags.Add(diag.Errorf(from.DisplayPath, from.Positions[key], "%s: %q is not %s (known: %s)", key, name, what, strings.Join(known, ", ")))
		return nil
	}
	if p := langs[from.Page.Lang]; p != nil {
		return p
	}
	return langs[b.cfg.DefaultLanguage]
}
