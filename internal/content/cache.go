package content

import (
	"maps"
	"reflect"
	"slices"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
)

// Cache keeps decoded pages between loads, so that the preview re-reads
// only the files that changed. It is safe for concurrent use.
//
// Load hands out the cached pages themselves, to every load that finds
// them: the site models of two builds share them, and nothing may change
// them. Inherit completes a translation in place, so it is called on a
// Copy.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cached
}

type cached struct {
	page  *Page // nil when the file failed to decode
	diags []diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cached{}} }

// Forget drops the cached pages of the given site paths, or every page
// when all is true, so that the next Load reads them again.
func (c *Cache) Forget(paths []string, all bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if all {
		clear(c.entries)
		return
	}
	for _, p := range paths {
		delete(c.entries, p)
	}
}

// get returns the cached page for a site path.
func (c *Cache) get(path string) (*Page, []diag.Diagnostic, bool) {
	c.mu.Lock()
	e, ok := c.entries[path]
	c.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	return e.page, e.diags, true
}

func (c *Cache) put(path string, p *Page, ds []diag.Diagnostic) {
	c.mu.Lock()
	c.entries[path] = cached{page: p, diags: ds}
	c.mu.Unlock()
}

// keep drops every entry whose path is not in paths: files that are gone.
func (c *Cache) keep(paths map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.DeleteFunc(c.entries, func(p string, _ cached) bool { return !paths[p] })
}

// Copy returns a copy of p that can be changed without changing p: the
// structs and slices that Inherit completes are copied; the body is shared,
// since nothing writes to it, and so are the positions, which Inherit
// copies before it adds to them.
func (p *Page) Copy() *Page {
	if p == nil {
		return nil
	}
	c := *p
	c.validation = &validation{}
	c.Tags = slices.Clone(p.Tags)
	c.Aliases = slices.Clone(p.Aliases)
	if p.Story != nil {
		s := *p.Story
		s.Consent.Scope = slices.Clone(s.Consent.Scope)
		c.Story = &s
	}
	if p.Video != nil {
		v := *p.Video
		v.Speakers = slices.Clone(v.Speakers)
		v.Video.Captions = maps.Clone(v.Video.Captions)
		c.Video = &v
	}
	if p.Statement != nil {
		s := *p.Statement
		s.NonAccessible = slices.Clone(s.NonAccessible)
		c.Statement = &s
	}
	return &c
}

// Lookup returns the cached page of a site path and its diagnostics, or
// false when the cache does not hold it (or the file failed to decode).
func (c *Cache) Lookup(path string) (*Page, []diag.Diagnostic, bool) {
	p, ds, ok := c.get(path)
	return p, ds, ok && p != nil
}

// Store replaces the cached page of a site path, for the preview's fast
// path, which decodes a changed file itself.
func (c *Cache) Store(path string, p *Page, ds []diag.Diagnostic) { c.put(path, p, ds) }

// SameFrontMatter reports whether two decodings of the same file have the
// same front matter, down to the position of every key, so that only the
// body differs; for a story or a video, not in whether it is empty, which
// their validation checks.
func SameFrontMatter(a, b *Page) bool {
	if (a.Story != nil || a.Video != nil) && a.EmptyBody != b.EmptyBody {
		return false
	}
	return a.Source == b.Source && a.BodyLine == b.BodyLine &&
		reflect.DeepEqual(a.Front, b.Front) && reflect.DeepEqual(a.Story, b.Story) &&
		reflect.DeepEqual(a.Video, b.Video) && reflect.DeepEqual(a.Statement, b.Statement) &&
		maps.Equal(a.Positions, b.Positions)
}
