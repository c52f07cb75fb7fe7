package site

import (
	"maps"
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
	// The slugs that front matter names, so that only those are indexed:
	// a site has thousands of stories and few speakers.
	wantVideos, wantStories := map[string]bool{}, map[string]bool{}
	for _, p := range b.site.Pages {
		switch {
		case p.Story != nil && p.Story.Video != "":
			wantVideos[p.Story.Video] = true
		case p.Video != nil:
			for _, name := range p.Video.Speakers {
				wantStories[name] = true
			}
		}
		if p.Bundle != "" && b.bundleDir[p.Bundle] == "" {
			// Versions[0] is the default-language page when it is published.
			owner := p.Versions[0]
			b.bundleDir[p.Bundle] = path.Dir(owner.OutputPath)
			for _, v := range p.Versions {
				v.BundleURL = owner.RelPermalink
			}
		}
	}
	videos := b.indexBySlug(content.KindVideo, wantVideos)
	stories := b.indexBySlug(content.KindStory, wantStories)
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
		var versions []*Page
		for _, code := range b.cfg.LanguageOrder {
			if v := b.byKey[version{p.Key, code}]; v != nil {
				versions = append(versions, v)
			}
		}
		for _, v := range versions {
			v.Versions = versions
		}
	}
}

// version names the version of a page in a language: by content key in
// builder.byKey, by slug in a slugIndex.
type version struct{ key, lang string }

// slugIndex maps a slug and a language to the page of a kind with that
// slug, and to nil for a page that exists but is not published. One flat
// map rather than a map per slug: a site has thousands of stories.
type slugIndex struct {
	kind  content.Kind
	pages map[version]*Page
}

// indexBySlug indexes the pages of a kind, published or not, whose slug
// is in want; nil wants every page.
func (b *builder) indexBySlug(kind content.Kind, want map[string]bool) slugIndex {
	idx := slugIndex{kind: kind, pages: map[version]*Page{}}
	for _, group := range b.groups {
		for _, cp := range group {
			if cp.Kind != kind {
				continue
			}
			s := cp.Slug
			if s == "" {
				s = b.slugOf(cp.Name)
			}
			if want != nil && !want[s] {
				continue
			}
			at := version{s, cp.Lang}
			if pub := b.byKey[version{cp.Key, cp.Lang}]; pub != nil || idx.pages[at] == nil {
				idx.pages[at] = pub
			}
		}
	}
	return idx
}

// pick finds the page a front-matter reference names, preferring the
// referring page's language and falling back to the default language. A
// name that no page has is an error, which lists the slugs of idx's kind;
// an unpublished page is no error and gives nil, so it leaves no trace.
func (b *builder) pick(from *Page, key, name string, idx slugIndex, what string) *Page {
	if p := idx.pages[version{name, from.Page.Lang}]; p != nil {
		return p
	}
	if p, ok := idx.pages[version{name, b.cfg.DefaultLanguage}]; ok || b.hasSlug(idx, name) {
		return p
	}
	known := map[string]bool{}
	for v := range b.indexBySlug(idx.kind, nil).pages {
		known[v.key] = true
	}
	b.diags.Add(diag.Errorf(from.DisplayPath, from.Positions[key], "%s: %q is not %s (known: %s)", key, name, what, strings.Join(slices.Sorted(maps.Keys(known)), ", ")))
	return nil
}

// hasSlug reports whether some page in idx has the slug name, in any
// language.
func (b *builder) hasSlug(idx slugIndex, name string) bool {
	for _, l := range b.cfg.LanguageOrder {
		if _, ok := idx.pages[version{name, l}]; ok {
			return true
		}
	}
	return false
}
