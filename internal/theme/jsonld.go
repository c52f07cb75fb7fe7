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

// The types below are the JSON-LD objects that jsonLD writes. Their fields
// are declared in the order of their JSON keys, so that encoding/json
// writes the keys sorted, as it does for a map
// (TestJSONLDKeysSorted); a key with an empty value is left out unless it
// is always written.

// ldDoc is the object that describes the page.
type ldDoc struct {
	Context          string    `json:"@context"`
	Type             string    `json:"@type"`
	Author           *ldPerson `json:"author,omitempty"`
	ContentURL       string    `json:"contentUrl,omitempty"`
	DatePublished    string    `json:"datePublished,omitempty"`
	Description      string    `json:"description,omitempty"`
	Duration         string    `json:"duration,omitempty"`
	EmbedURL         string    `json:"embedUrl,omitempty"`
	Headline         string    `json:"headline,omitempty"`
	Image            string    `json:"image,omitempty"`
	InLanguage       string    `json:"inLanguage"`
	IsPartOf         *ldOrg    `json:"isPartOf,omitempty"`
	MainEntityOfPage string    `json:"mainEntityOfPage,omitempty"`
	// Name is a pointer so that a name that is set but empty (a site
	// without a title) is still written.
	Name         *string  `json:"name,omitempty"`
	Publisher    *ldOrg   `json:"publisher,omitempty"`
	ThumbnailURL []string `json:"thumbnailUrl,omitempty"`
	UploadDate   string   `json:"uploadDate,omitempty"`
	URL          string   `json:"url"`
}

// ldPerson is the alumnus or alumna who wrote a story.
type ldPerson struct {
	Type     string `json:"@type"`
	AlumniOf *ldOrg `json:"alumniOf"`
	Image    string `json:"image,omitempty"`
	JobTitle string `json:"jobTitle,omitempty"`
	Name     string `json:"name"`
	WorksFor *ldOrg `json:"worksFor,omitempty"`
}

// ldOrg is the university, the web site or an employer.
type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// jsonLDValue returns the value that jsonLD encodes; nil for the page "not
// found".
func (t *Theme) jsonLDValue(p *site.Page) (*ldDoc, error) {
	if p.Kind == content.KindNotFound {
		return nil, nil
	}
	cfg := p.Site.Config
	abs := func(rel string) string { return cfg.AbsURL(rel) }
	university := &ldOrg{Type: "CollegeOrUniversity", Name: p.University(), URL: cfg.University.URL}
	website := &ldOrg{Type: "WebSite", Name: p.SiteTitle()}
	if home := p.Language.Home; home != nil {
		website.URL = home.Permalink
	}
	doc := &ldDoc{Context: "https://schema.org", URL: p.Permalink, InLanguage: p.Page.Lang, Description: p.Summary()}
	title := p.Page.Title
	switch {
	case p.IsHome():
		siteTitle := p.SiteTitle()
		doc.Type, doc.Name, doc.Publisher = "WebSite", &siteTitle, university
	case p.Story != nil:
		s := p.Story
		person := &ldPerson{Type: "Person", Name: s.Person.Name, AlumniOf: university, JobTitle: s.Profession}
		if s.Employer != "" {
			person.WorksFor = &ldOrg{Type: "Organization", Name: s.Employer}
		}
		doc.Type, doc.Headline, doc.MainEntityOfPage = "Article", title, p.Permalink
		doc.Author, doc.Publisher, doc.IsPartOf = person, university, website
		if !p.Date.IsZero() {
			doc.DatePublished = p.Time().Format(time.DateOnly)
		}
		if s.Person.Photo != "" {
			doc.Image = abs(p.BundleURL + s.Person.Photo)
			person.Image = doc.Image
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
		doc.Type, doc.Name, doc.ThumbnailURL = "VideoObject", &title, []string{thumb}
		doc.UploadDate = p.Time().Format(time.RFC3339)
		doc.Publisher = university
		if v.Duration.Duration > 0 {
			doc.Duration = v.Duration.ISO8601()
		}
		doc.EmbedURL = embedURL(v)
		if v.Provider == "file" && v.Src != "" {
			doc.ContentURL = abs(p.BundleURL + v.Src)
		}
		if doc.Description == "" {
			doc.Description = title
		}
	default:
		doc.Type, doc.Name, doc.IsPartOf = "WebPage", &title, website
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
