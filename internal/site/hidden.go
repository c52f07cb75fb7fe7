package site

import (
	"net/url"
	"path"
	"strings"
)

// hide records the URL paths that unpublished pages would have, so that a
// Markdown link to one of them loses its target and leaves no trace.
func (b *builder) hide() {
	b.hidden = map[string]bool{}
	for _, cp := range b.unpublished {
		p := &Page{Page: cp, Language: b.language(cp.Lang), Slug: cp.Slug}
		if p.Slug == "" {
			p.Slug = b.slugOf(cp.Name)
		}
		dir := b.pageDir(p)
		if b.byKey[version{cp.Key, cp.Lang}] != nil || dir == "." {
			continue
		}
		b.hidden[dir+"/"] = true
	}
}

// sitePath resolves a link destination written on page p to a folder path
// relative to the destination ("stories/anna/"), or "" when it leads
// outside the site. A root-relative destination may include baseURL's path
// or not.
func (b *builder) sitePath(p *Page, dest string) string {
	if len(b.hidden) == 0 {
		return ""
	}
	ref, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	base := b.cfg.BasePath()
	var full string
	if strings.HasPrefix(ref.Path, "/") {
		full = ref.Path
		if !strings.HasPrefix(full, base) {
			full = base + strings.TrimPrefix(full, "/")
		}
	} else {
		full = path.Join(p.RelPermalink, ref.Path)
	}
	rel, ok := strings.CutPrefix(path.Clean(full)+"/", base)
	if !ok {
		return ""
	}
	return strings.TrimSuffix(rel, "index.html/")
}
