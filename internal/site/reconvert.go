package site

import (
	"html/template"
	"path"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
)

// Update is the new HTML of the pages of one content file, computed by
// Reconvert and applied by Apply.
type Update struct {
	pages   []*Page
	content template.HTML
	summary string
}

// Reconvert converts the new Markdown of a content file whose front matter
// did not change, for the preview's fast path. It returns false when the
// edit may change more than the file's own pages' HTML: the file has no
// published page, or the conversion reports a problem, or an image refers
// to a bundle file that is not published yet. The site is not changed;
// Apply does that.
func (s *Site) Reconvert(p *content.Page, conv Converter) (Update, bool) {
	var u Update
	for _, q := range s.Pages {
		if q.Path == p.Path {
			u.pages = append(u.pages, q)
		}
	}
	if len(u.pages) == 0 {
		return u, false
	}
	first := *u.pages[0]
	first.Page = p
	b := &builder{cfg: s.Config, hidden: s.hidden}
	e := b.convertBody(conv, &first, p.Body)
	if len(e.diags) > 0 {
		return u, false
	}
	dir := strings.TrimPrefix(first.BundleURL, s.Config.BasePath())
	for _, name := range e.used {
		if !s.publishes(path.Join(dir, name)) {
			return u, false
		}
	}
	u.content = e.html
	u.summary = summarize(p.Description, e.firstParagraph)
	return u, true
}

// publishes reports whether a bundle file is published at output.
func (s *Site) publishes(output string) bool {
	for _, f := range s.Files {
		if f.Output == output {
			return true
		}
	}
	return false
}

// Apply sets the new HTML on the pages of an Update. The caller must make
// sure that no page of the site is being rendered meanwhile.
func (u Update) Apply() {
	m := &markup{converted: true, html: u.content, summary: u.summary, renders: len(u.pages)}
	for _, q := range u.pages {
		q.markup = m
	}
}
