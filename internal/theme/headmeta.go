package theme

import (
	"html/template"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/site"
)

// headMeta returns the tags of a page's <head> that describe it to search
// engines and to sites it is shared on, one per line:
//
//   - <meta name="description"> with the page's summary, when it has one;
//   - <link rel="canonical"> with the page's absolute URL;
//   - <link rel="alternate" hreflang> for every language version of the
//     page, itself included, and for x-default (the version in the default
//     language, or else that language's home page), all absolute, so that
//     every version lists the same set;
//   - Open Graph: og:type (article for a story, video.other for a video,
//     website otherwise), og:site_name, og:title, og:description, og:url,
//     og:image and og:image:alt, og:locale and og:locale:alternate for the
//     other versions' locales, and article:published_time for a dated
//     story;
//   - the Twitter card: twitter:card, twitter:title, twitter:description,
//     twitter:image and twitter:image:alt.
//
// The title is the page's, or the site's on a home page. The image is the
// story's portrait (with its alt text, and a "summary" card), the video's
// poster (with the page title as alt text), or else the theme's
// img/share.jpg (with the site title, and a "summary_large_image" card).
// Values are escaped as html/template escapes a quoted attribute.
//
// It is written in Go rather than as a partial because every page has
// these twenty-odd tags, which took some sixty template actions, and
// html/template spends about a microsecond on each action: as a partial
// they were a quarter of the time spent in layouts.
func (t *Theme) headMeta(p *site.Page) (template.HTML, error) {
	cfg := p.Site.Config
	siteTitle := p.SiteTitle()
	title := p.Page.Title
	if p.IsHome() {
		title = siteTitle
	}
	summary := p.Summary()

	var image string
	imageAlt, card := siteTitle, "summary_large_image"
	switch {
	case p.Story != nil && p.Story.Person.Photo != "":
		image, imageAlt, card = cfg.AbsURL(p.BundleURL+p.Story.Person.Photo), p.Story.Person.PhotoAlt, "summary"
	case p.Video != nil && p.Video.Video.Poster != "":
		image, imageAlt = cfg.AbsURL(p.BundleURL+p.Video.Video.Poster), title
	default:
		var err error
		if image, err = t.absAssetURL(shareImage); err != nil {
			return "", err
		}
	}
	ogType := "website"
	switch {
	case p.Story != nil:
		ogType = "article"
	case p.Video != nil:
		ogType = "video.other"
	}

	// The tags take about 1.2 KB besides the summary, which is written
	// three times.
	var w tagWriter
	w.Grow(2048 + 3*len(summary))
	if summary != "" {
		w.tag("meta", "name", "description", "content", summary)
	}
	w.tag("link", "rel", "canonical", "href", normalizeURL(p.Permalink))
	for _, v := range p.Versions {
		w.tag("link", "rel", "alternate", "hreflang", v.Page.Lang, "href", normalizeURL(v.Permalink))
	}
	if x := p.XDefault(); x != nil {
		w.tag("link", "rel", "alternate", "hreflang", "x-default", "href", normalizeURL(x.Permalink))
	}
	w.property("og:type", ogType)
	w.property("og:site_name", siteTitle)
	w.property("og:title", title)
	if summary != "" {
		w.property("og:description", summary)
	}
	w.property("og:url", p.Permalink)
	w.property("og:image", image)
	w.property("og:image:alt", imageAlt)
	if locale := p.Language.Locale; locale != "" {
		w.property("og:locale", locale)
	}
	for _, v := range p.Versions {
		if v.Page.Lang != p.Page.Lang && v.Language.Locale != "" {
			w.property("og:locale:alternate", v.Language.Locale)
		}
	}
	if p.Story != nil && !p.Date.IsZero() {
		w.property("article:published_time", p.Time().Format(time.DateOnly))
	}
	w.tag("meta", "name", "twitter:card", "content", card)
	w.tag("meta", "name", "twitter:title", "content", title)
	if summary != "" {
		w.tag("meta", "name", "twitter:description", "content", summary)
	}
	w.tag("meta", "name", "twitter:image", "content", image)
	w.tag("meta", "name", "twitter:image:alt", "content", imageAlt)
	return template.HTML(w.String()), nil
}

// tagWriter writes void elements, one per line.
type tagWriter struct{ strings.Builder }

// tag writes <name a1="v1" a2="v2"…> on a line of its own.
func (w *tagWriter) tag(name string, attrs ...string) {
	if w.Len() > 0 {
		w.WriteByte('\n')
	}
	w.WriteByte('<')
	w.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.WriteByte(' ')
		w.WriteString(attrs[i])
		w.WriteString(`="`)
		attrEscaper.WriteString(w, attrs[i+1])
		w.WriteByte('"')
	}
	w.WriteByte('>')
}

// property writes an Open Graph <meta property content>.
func (w *tagWriter) property(name, content string) {
	w.tag("meta", "property", name, "content", content)
}

// normalizeURL percent-encodes, in lower-case hex as html/template does
// in an href, the bytes that may not appear in a URL as they are: spaces,
// controls, non-ASCII bytes and the characters " < > \ ^ ` { | }.
func normalizeURL(u string) string {
	const hex = "0123456789abcdef"
	var out []byte // nil while u needs no change
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c > ' ' && c < 0x7f && !strings.ContainsRune("\"<>\\^`{|}", rune(c)) {
			if out != nil {
				out = append(out, c)
			}
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(u)+16), u[:i]...)
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	if out == nil {
		return u
	}
	return string(out)
}

// attrEscaper escapes a value for a quoted attribute with the entities
// html/template writes there, so that the tags read as they did when a
// partial wrote them.
var attrEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)
