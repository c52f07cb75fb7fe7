package site

import (
	"slices"
	"time"
)

// The methods in this file are for layouts.

// Time returns the page's date in the site's time zone; the zero time
// when the page has none.
func (p *Page) Time() time.Time {
	if p.Date.IsZero() {
		return time.Time{}
	}
	return p.Date.In(p.Site.Config.Location)
}

// SwitchTo returns the page in language l: its translation, or else l's
// home page (nil when l has none).
func (p *Page) SwitchTo(l *Language) *Page {
	for _, v := range p.Versions {
		if v.Page.Lang == l.Code {
			return v
		}
	}
	return l.Home
}

// IsTranslated reports whether the page is published in more than one
// language. SwitchTo on a page that is not translated returns the other
// languages' home pages, so every such page of a language has the same
// language switcher, which a layout can render once with partialCached.
func (p *Page) IsTranslated() bool { return len(p.Versions) > 1 }

// XDefault returns the page that hreflang="x-default" names: the page in
// the default language, or else the default language's home page.
func (p *Page) XDefault() *Page {
	return p.SwitchTo(p.Site.Languages[0])
}

// OtherLanguages returns the site's languages other than the page's.
func (p *Page) OtherLanguages() []*Language {
	var out []*Language
	for _, l := range p.Site.Languages {
		if l != p.Language {
			out = append(out, l)
		}
	}
	return out
}

// SiteTitle returns the site's title in the page's language.
func (p *Page) SiteTitle() string { return p.Site.Config.LanguageTitle(p.Page.Lang) }

// University returns the name of the alumni's university in the page's
// language, falling back to the default language.
func (p *Page) University() string {
	names := p.Site.Config.University.Name
	if n := names[p.Page.Lang]; n != "" {
		return n
	}
	return names[p.Site.Config.DefaultLanguage]
}

// IsHome reports whether the page is a home page.
func (p *Page) IsHome() bool { return p.Kind == "home" }

// InMenu reports whether the page is one of its language's menu entries.
func (p *Page) InMenu() bool { return slices.Contains(p.Language.Menu, p) }

// SiteParam returns the value of key in site.yaml's params. When the
// value is a map with a key for the page's language (or else for the
// default language), that entry is returned, so a theme can take text per
// language from params such as claim: {pl: …, en: …}. It returns nil
// when key is not set.
func (p *Page) SiteParam(key string) any {
	v, ok := p.Site.Config.Params[key]
	if !ok {
		return nil
	}
	if m, ok := v.(map[string]any); ok {
		if s, ok := m[p.Page.Lang]; ok {
			return s
		}
		if s, ok := m[p.Site.Config.DefaultLanguage]; ok {
			return s
		}
	}
	return v
}
