package content

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/countries"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/slug"
)

var (
	youtubeID    = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID      = regexp.MustCompile(`^[0-9]{1,12}$`)
	layoutName   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	aliasSegment = regexp.MustCompile(`^[A-Za-z0-9_~-]+(\.[A-Za-z0-9]+)?$`)
	captionLang  = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// Validate checks the rules of the page's kind and returns every problem.
// For a translation it must run after Inherit, since required fields may
// come from the original. A page decoded by Parse remembers the outcome
// (pages are not changed after they are loaded, see Cache), so the
// preview validates an unchanged file once, not once per build; Copy and
// Inherit forget it.
func (p *Page) Validate() []diag.Diagnostic {
	v := p.validation
	if v == nil {
		return p.validate()
	}
	v.once.Do(func() { v.diags = p.validate() })
	return slices.Clone(v.diags)
}

// validation is what Validate found on a page.
type validation struct {
	once  sync.Once
	diags []diag.Diagnostic
}

func (p *Page) validate() []diag.Diagnostic {
	var ds []diag.Diagnostic
	add := func(d diag.Diagnostic) { ds = append(ds, d) }
	if strings.TrimSpace(p.Title) == "" {
		add(p.errorf("title", "title is required"))
	}
	if p.Slug != "" {
		if err := slug.Check(p.Slug); err != nil {
			add(p.errorf("slug", "%v", err))
		}
		if p.Kind == KindHome || p.Kind == KindSection {
			add(p.errorf("slug", "slug cannot be set on a home or section page: its URL comes from its folder"))
		}
	}
	if p.Type != "" && !layoutName.MatchString(p.Type) {
		add(p.errorf("type", "type %q must be a layout name: lower-case letters, digits and hyphens", p.Type))
	}
	for i, tag := range p.Tags {
		if strings.TrimSpace(tag) == "" || slug.Make(tag) == "" {
			add(p.errorf(fmt.Sprintf("tags.%d", i), "tag %q has no letters or digits", tag))
		}
	}
	for i, alias := range p.Aliases {
		if err := checkAlias(alias); err != nil {
			add(p.errorf(fmt.Sprintf("aliases.%d", i), "%v", err))
		}
	}
	switch {
	case p.Story != nil:
		ds = append(ds, p.validateStory()...)
	case p.Video != nil:
		ds = append(ds, p.validateVideo()...)
	case p.Statement != nil:
		ds = append(ds, p.validateStatement()...)
	}
	return slices.DeleteFunc(ds, func(d diag.Diagnostic) bool { return d.Pos == inheritedPos })
}

// checkAlias accepts a site path such as /old/story-name/ or /old.html: it
// starts with "/", and each segment is made of ASCII letters, digits, "-",
// "_" and "~", with at most one dot before an extension. That keeps every
// alias inside the site on every operating system.
func checkAlias(alias string) error {
	if !strings.HasPrefix(alias, "/") {
		return fmt.Errorf("invalid alias %q: an alias is a path within the site that starts with /, such as /old-name/", alias)
	}
	for _, seg := range strings.Split(strings.TrimSuffix(alias[1:], "/"), "/") {
		if !aliasSegment.MatchString(seg) {
			return fmt.Errorf("invalid alias %q: segment %q may hold only letters, digits, -, _ and ~, and one dot before an extension", alias, seg)
		}
		stem, _, _ := strings.Cut(strings.ToLower(seg), ".")
		if slug.IsDeviceName(stem) {
			return fmt.Errorf("invalid alias %q: %q is a reserved device name on Windows", alias, seg)
		}
	}
	return nil
}

func (p *Page) validateStory() []diag.Diagnostic {
	s := p.Story
	var ds []diag.Diagnostic
	add := func(d diag.Diagnostic) { ds = append(ds, d) }
	if p.Date.IsZero() {
		add(p.errorf("date", "date is required for a story"))
	}
	if strings.TrimSpace(s.Person.Name) == "" {
		add(p.errorf("person.name", "person.name is required"))
	}
	if s.Person.Role != "" && !slices.Contains(Roles, s.Person.Role) {
		add(p.errorf("person.role", "person.role must be one of %s, got %q", strings.Join(Roles, ", "), s.Person.Role))
	}
	if s.Person.Photo != "" {
		if strings.TrimSpace(s.Person.PhotoAlt) == "" {
			add(p.errorf("person.photo", "person.photo_alt is required with person.photo: describe the portrait for people who cannot see it"))
		}
		if d, ok := p.checkFile("person.photo", s.Person.Photo); !ok {
			add(d)
		}
	}
	if s.Program != "" && !slices.Contains(Programs, s.Program) {
		add(p.errorf("program", "program must be one of %s, got %q", strings.Join(Programs, ", "), s.Program))
	}
	if strings.TrimSpace(s.Host.Institution) == "" {
		add(p.errorf("host.institution", "host.institution is required"))
	}
	switch code := s.Host.Country; {
	case code == "":
		add(p.errorf("host.country", "host.country is required: the ISO 3166-1 code of the host country, such as PT"))
	case countries.Erasmus(code) != "":
		add(p.warnf("host.country", "host.country %q is the Erasmus+ spelling; the ISO code %q is used", code, countries.Erasmus(code)))
		s.Host.Country = countries.Erasmus(code)
	case !countries.Valid(code):
		add(p.errorf("host.country", "host.country %q is not an ISO 3166-1 country code (two upper-case letters, such as PT or DE)", code))
	}
	if !p.Has("mobility_year") {
		add(p.errorf("mobility_year", "mobility_year is required: the year the mobility took place"))
	} else if s.MobilityYear < 1987 || s.MobilityYear > 2100 {
		add(p.errorf("mobility_year", "mobility_year %d is not a plausible year (Erasmus began in 1987)", s.MobilityYear))
	}
	if p.Has("graduation_year") && (s.GraduationYear < 1900 || s.GraduationYear > 2100) {
		add(p.errorf("graduation_year", "graduation_year %d is not a plausible year", s.GraduationYear))
	}
	if s.Video != "" {
		if err := slug.Check(s.Video); err != nil {
			add(p.errorf("video", "video must be the slug of a video page: %v", err))
		}
	}
	return append(ds, p.validateConsent()...)
}

// validateConsent checks the consent record. A draft needs none yet; any
// other story needs consent.given, and its scope must cover everything the
// story shows.
func (p *Page) validateConsent() []diag.Diagnostic {
	c, s := p.Story.Consent, p.Story
	var ds []diag.Diagnostic
	for i, item := range c.Scope {
		if !slices.Contains(ConsentScope, item) {
			ds = append(ds, p.errorf(fmt.Sprintf("consent.scope.%d", i), "consent.scope may hold %s, got %q", strings.Join(ConsentScope, ", "), item))
		}
	}
	if p.Draft {
		return ds
	}
	if c.Given.IsZero() {
		return append(ds, p.errorf("consent", "consent.given is required: a story is published only with the person's consent (add consent: {given: YYYY-MM-DD, id: ...} or mark the story draft: true)"))
	}
	if len(c.Scope) == 0 {
		return ds
	}
	uses := []struct {
		item string
		used bool
		key  string
	}{
		{"name", true, "person.name"},
		{"photo", s.Person.Photo != "", "person.photo"},
		{"quote", s.Quote != "", "quote"},
		{"story", !p.EmptyBody, "consent.scope"},
		{"video", s.Video != "", "video"},
	}
	for _, u := range uses {
		if u.used && !slices.Contains(c.Scope, u.item) {
			ds = append(ds, p.errorf("consent.scope", "the story shows the person's %s, but consent.scope does not include %q", u.item, u.item))
		}
	}
	return ds
}

func (p *Page) validateVideo() []diag.Diagnostic {
	v := p.Video.Video
	var ds []diag.Diagnostic
	add := func(d diag.Diagnostic) { ds = append(ds, d) }
	if p.Date.IsZero() {
		add(p.errorf("date", "date is required for a video"))
	}
	switch v.Provider {
	case "youtube":
		if !youtubeID.MatchString(v.ID) {
			add(p.errorf("video.id", "video.id %q is not a YouTube id: 11 characters of A-Z, a-z, 0-9, _ and -", v.ID))
		}
	case "vimeo":
		if !vimeoID.MatchString(v.ID) {
			add(p.errorf("video.id", "video.id %q is not a Vimeo id: digits only", v.ID))
		}
	case "file":
		if v.Src == "" {
			add(p.errorf("video", "video.src is required with provider file: a video file in the page bundle"))
		} else if d, ok := p.checkFile("video.src", v.Src); !ok {
			add(d)
		}
	case "":
		add(p.errorf("video", "video.provider is required: one of %s", strings.Join(Providers, ", ")))
	default:
		add(p.errorf("video.provider", "video.provider %q is not allowed: use %s (videos play from youtube-nocookie.com, player.vimeo.com or the page bundle)", v.Provider, strings.Join(Providers, ", ")))
	}
	if v.Provider != "file" && v.Src != "" {
		add(p.errorf("video.src", "video.src is only for provider file"))
	}
	if v.Provider == "file" && v.ID != "" {
		add(p.errorf("video.id", "video.id is not used with provider file"))
	}
	if v.Poster != "" {
		if d, ok := p.checkFile("video.poster", v.Poster); !ok {
			add(d)
		}
	}
	if len(v.Captions) == 0 {
		add(p.errorf("video", "video.captions is required: a .vtt file per language, such as captions: {pl: captions.pl.vtt} (WCAG 1.2.2)"))
	}
	for _, lang := range slices.Sorted(maps.Keys(v.Captions)) {
		key := "video.captions." + lang
		if !captionLang.MatchString(lang) {
			add(p.errorf(key, "captions language %q is not a language code such as pl or en", lang))
		}
		if !strings.HasSuffix(v.Captions[lang], ".vtt") {
			add(p.errorf(key, "captions must be a WebVTT file ending in .vtt, got %q", v.Captions[lang]))
		} else if d, ok := p.checkFile(key, v.Captions[lang]); !ok {
			add(d)
		}
	}
	if p.EmptyBody {
		add(p.errorf("title", "a video page needs a body with its description and transcript (WCAG 1.2.3)"))
	}
	for i, speaker := range p.Video.Speakers {
		if err := slug.Check(speaker); err != nil {
			add(p.errorf(fmt.Sprintf("speakers.%d", i), "speakers lists story slugs: %v", err))
		}
	}
	return ds
}

// checkFile checks that a file named in front matter exists in the page's
// bundle (see BundleFile).
func (p *Page) checkFile(key, name string) (diag.Diagnostic, bool) {
	if err := p.BundleFile(name); err != nil {
		return p.errorf(key, "%s %q %v", key, name, err), false
	}
	return diag.Diagnostic{}, true
}

// BundleFile checks that name, as written in front matter or Markdown,
// names a file of the page's bundle with exactly that name: Foto.JPG is
// not foto.jpg on any system. The error completes a sentence that starts
// with the name ("photo.jpg" not found in the page bundle ...).
func (p *Page) BundleFile(name string) error {
	if p.Bundle == "" {
		return fmt.Errorf("needs a page bundle: move %s to a folder %s/index.md and put the file beside it", path.Base(p.Path), p.Name)
	}
	clean := path.Clean(name)
	if clean != name || path.IsAbs(name) || strings.HasPrefix(clean, "../") || clean == ".." {
		return fmt.Errorf("must name a file in the page bundle, such as photo.jpg")
	}
	if slices.Contains(p.Files, name) {
		return nil
	}
	for _, f := range p.Files {
		if strings.EqualFold(f, name) {
			return fmt.Errorf("not found in the page bundle; there is %q (names are case-sensitive)", f)
		}
	}
	return fmt.Errorf("not found in the page bundle %s", p.Bundle)
}
