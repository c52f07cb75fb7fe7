package theme

import (
	"encoding/json"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/site"
)

// The theme's own images used when a page has none: the picture for
// social sharing (1200x630) and the poster of a video without one.
const (
	shareImage    = "img/share.jpg"
	defaultPoster = "img/poster.svg"
)

// pageFuncs returns the template functions of this file.
func (t *Theme) pageFuncs() template.FuncMap {
	return template.FuncMap{
		"jsonLD":     t.jsonLD,
		"headMeta":   t.headMeta,
		"embedURL":   embedURL,
		"tel":        telURL,
		"paragraphs": paragraphs,
		"absAsset":   t.absAssetURL,
	}
}

// jsonLD returns the schema.org description of a page as JSON for
// <script type="application/ld+json">, encoded as html/template would
// encode the value (keys sorted; <, >, &, U+2028 and U+2029 escaped, so
// that nothing in it can end the script) and typed template.JS, so that
// html/template writes it as it is rather than encode it again:
// a WebSite for a home page, an Article by a Person (alumniOf the
// university) for a story, a VideoObject for a video, and a WebPage for
// other pages. It returns "" for the page "not found".
func (t *Theme) jsonLD(p *site.Page) (template.JS, error) {
	doc, err := t.jsonLDValue(p)
	if doc == nil || err != nil {
		return "", err
	}
	data, err := json.Marshal(doc)
	return template.JS(data), err
}

// jsonLDValue returns the value that jsonLD encodes; nil for the page "not
// found".
func (t *Theme) jsonLDValue(p *site.Page) (map[string]any, error) {
	cfg := p.Site.Config
	abs := func(rel string) string { return cfg.AbsURL(rel) }
	university := map[string]any{"@type": "CollegeOrUniversity", "name": p.University()}
	if cfg.University.URL != "" {
		university["url"] = cfg.University.URL
	}
	website := map[string]any{"@type": "WebSite", "name": p.SiteTitle()}
	if home := p.Language.Home; home != nil {
		website["url"] = home.Permalink
	}
	doc := map[string]any{
		"@context":   "https://schema.org",
		"url":        p.Permalink,
		"inLanguage": p.Page.Lang,
	}
	if p.Summary() != "" {
		doc["description"] = p.Summary()
	}
	switch {
	case p.Kind == content.KindNotFound:
		return nil, nil
	case p.IsHome():
		doc["@type"] = "WebSite"
		doc["name"] = p.SiteTitle()
		doc["publisher"] = university
	case p.Story != nil:
		s := p.Story
		person := map[string]any{"@type": "Person", "name": s.Person.Name, "alumniOf": university}
		if s.Profession != "" {
			person["jobTitle"] = s.Profession
		}
		if s.Employer != "" {
			person["worksFor"] = map[string]any{"@type": "Organization", "name": s.Employer}
		}
		doc["@type"] = "Article"
		doc["headline"] = p.Page.Title
		doc["mainEntityOfPage"] = p.Permalink
		doc["author"] = person
		doc["publisher"] = university
		doc["isPartOf"] = website
		if !p.Date.IsZero() {
			doc["datePublished"] = p.Time().Format(time.DateOnly)
		}
		if s.Person.Photo != "" {
			photo := abs(p.BundleURL + s.Person.Photo)
			doc["image"] = photo
			person["image"] = photo
		}
	case p.Video != nil:
		v := p.Video.Video
		thumb := ""
		if v.Poster != "" {
			thumb = abs(p.BundleURL + v.Poster)
		} else {
			var err error
			if thumb, err = t.absAssetURL(shareImage); err != nil {
				return nil, err
			}
		}
		doc["@type"] = "VideoObject"
		doc["name"] = p.Page.Title
		doc["thumbnailUrl"] = []string{thumb}
		doc["uploadDate"] = p.Time().Format(time.RFC3339)
		doc["publisher"] = university
		if v.Duration.Duration > 0 {
			doc["duration"] = v.Duration.ISO8601()
		}
		if e := embedURL(v); e != "" {
			doc["embedUrl"] = e
		}
		if v.Provider == "file" && v.Src != "" {
			doc["contentUrl"] = abs(p.BundleURL + v.Src)
		}
		if p.Summary() == "" {
			doc["description"] = p.Page.Title
		}
	default:
		doc["@type"] = "WebPage"
		doc["name"] = p.Page.Title
		doc["isPartOf"] = website
	}
	return doc, nil
}

// embedURL returns the address of a video's player on its provider: the
// privacy-enhanced YouTube domain, or Vimeo with "do not track"; "" for a
// video file of the site.
func embedURL(v content.VideoSource) string {
	switch v.Provider {
	case "youtube":
		return "https://www.youtube-nocookie.com/embed/" + url.PathEscape(v.ID)
	case "vimeo":
		return "https://player.vimeo.com/video/" + url.PathEscape(v.ID) + "?dnt=1"
	}
	return ""
}

// telURL returns a tel: link for a phone number as people write it
// (+48 67 000 12 34): the plus sign and the digits only. html/template
// would replace a tel: URL given as a string, so it is a template.URL,
// safe because it holds nothing but those characters.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// paragraphs splits a text at its blank lines and returns the non-empty
// paragraphs, each with its lines joined by a space.
func paragraphs(text string) []string {
	var out []string
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
