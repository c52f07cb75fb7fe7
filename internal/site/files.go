package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// findFile checks that a Markdown image destination names a file of the
// page's bundle, with exactly that name.
func (p *Page) findFile(dest string) error {
	if err := p.BundleFile(dest); err != nil {
		return fmt.Errorf("image %q %v", dest, err)
	}
	return nil
}

// useFiles records that a published page refers to bundle files. Empty
// names and names that are not in the bundle (already reported by
// validation) are skipped.
func (b *builder) useFiles(p *Page, names ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fileUsers == nil {
		b.fileUsers = map[string]map[string]bool{}
	}
	for _, name := range names {
		if name == "" || p.Bundle == "" || !slices.Contains(p.Files, name) {
			continue
		}
		if b.fileUsers[p.Bundle] == nil {
			b.fileUsers[p.Bundle] = map[string]bool{}
		}
		b.fileUsers[p.Bundle][name] = true
	}
}

// collectFiles lists the bundle files to publish and checks that none
// would overwrite a page or another file.
func (b *builder) collectFiles() {
	for bundle, names := range b.fileUsers {
		dir := b.bundleDir[bundle]
		for name := range names {
			f := File{Source: path.Join(bundle, name), Output: path.Join(dir, name)}
			if b.claim(f.Output, f.Source) {
				b.site.Files = append(b.site.Files, f)
			}
		}
	}
	slices.SortFunc(b.site.Files, func(x, y File) int { return cmp.Compare(x.Output, y.Output) })
}

// summaryLength is the longest summary made from a page's first paragraph.
const summaryLength = 160

// summarize returns the description if there is one, or else the first
// paragraph, cut at the last space within summaryLength characters and
// ended with "…" when it is longer.
func summarize(description, firstParagraph string) string {
	if description != "" {
		return description
	}
	if utf8.RuneCountInString(firstParagraph) <= summaryLength {
		return firstParagraph
	}
	cut := firstParagraph
	for i := range cut {
		if utf8.RuneCountInString(cut[:i]) == summaryLength {
			cut = cut[:i]
			break
		}
	}
	if sp := strings.LastIndexByte(cut, ' '); sp > 0 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}
