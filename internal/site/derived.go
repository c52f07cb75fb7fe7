package site

import (
	"slices"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/slug"
)

// derived holds the values that New derives from strings alone (the slug
// of a name, tag or section, the collation key of a title in a language)
// or from one loaded page and the config (where the page is placed, how a
// translation inherits from its original). A build computes each once; the
// preview's Memo hands them from one build to the next, so that an edit
// recomputes only what it changed. Loaded pages are never changed (see
// content.Cache), so a page is the key of what is derived from it; a
// change of config starts a new Memo.
type derived struct {
	slugs map[string]string
	// sortKeys maps a language and a title to the title's collation key.
	sortKeys map[string]map[string][]byte
	// placed maps a loaded page to its place in the site.
	placed map[*content.Page]*placement
	// inherited maps a loaded translation to its completed copy.
	inherited map[*content.Page]inheritance
}

// placement is where place puts a page.
type placement struct {
	slug, layout, output, relPermalink, permalink string
	// folded is output as foldPath gives it.
	folded string
}

// inheritance is a translation completed with its original.
type inheritance struct {
	original, completed *content.Page
	diags               []diag.Diagnostic
}

func newDerived() *derived {
	return &derived{slugs: map[string]string{}, sortKeys: map[string]map[string][]byte{},
		placed: map[*content.Page]*placement{}, inherited: map[*content.Page]inheritance{}}
}

// slugOf returns slug.Make(s), computed once per build for each string:
// tags, sections and file names repeat across pages and passes. It is safe
// for concurrent use (languages collect their terms in parallel).
func (b *builder) slugOf(s string) string {
	b.slugsMu.Lock()
	defer b.slugsMu.Unlock()
	if out, ok := b.derived.slugs[s]; ok {
		return out
	}
	out, ok := b.previous.slugs[s]
	if !ok {
		out = slug.Make(s)
	}
	b.derived.slugs[s] = out
	return out
}

// sortKey returns the collation key of a title in the sorter's language.
func (s *sorter) sortKey(title string) []byte {
	if key, ok := s.keys[title]; ok {
		return key
	}
	key, ok := s.previous[title]
	if !ok {
		key = slices.Clone(s.collator.KeyFromString(&s.buf, title))
		s.buf.Reset()
	}
	s.keys[title] = key
	return key
}

// takeDerived hands the values derived by the last build to a new one,
// which gives back its own with giveDerived. Until then another build
// starts afresh, so that two builds never share a map.
func (m *Memo) takeDerived() *derived {
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.derived
	m.derived = nil
	if d == nil {
		d = newDerived()
	}
	return d
}

// giveDerived keeps the values derived by a build for the next one: only
// those it used, so the memo holds one site's worth.
func (m *Memo) giveDerived(d *derived) {
	m.mu.Lock()
	m.derived = d
	m.mu.Unlock()
}
