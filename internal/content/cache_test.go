package content

import (
	"testing"
	"testing/fstest"
)

// TestCacheCopiesAreIndependent checks that completing a translation
// handed out by the cache (Inherit adds positions and fields) leaves the
// cached page as the file says, so that the next load inherits afresh.
func TestCacheCopiesAreIndependent(t *testing.T) {
	fsys := fstest.MapFS{
		"content/stories/anna.md":    {Data: []byte("---\ntitle: Anna\nperson: {name: Anna Nowak}\nhost: {institution: U. Porto, country: PT}\nmobility_year: 2023\nconsent: {given: 2025-01-01}\n---\nTekst.\n")},
		"content/stories/anna.en.md": {Data: []byte("---\ntitle: Anna in Porto\n---\nText.\n")},
	}
	cache := NewCache()
	opt := Options{Languages: []string{"pl", "en"}, DefaultLanguage: "pl", Cache: cache}
	for round := range 2 {
		pages, ds := Load(fsys, opt)
		if len(ds) > 0 || len(pages) != 2 {
			t.Fatalf("round %d: %d pages, %v", round, len(pages), ds)
		}
		original, translation := pages[0], pages[1]
		if translation.Lang != "en" {
			original, translation = translation, original
		}
		if translation.Has("host.country") || translation.Story.Host.Country != "" {
			t.Fatalf("round %d: the translation came with the original's country before Inherit (%q)", round, translation.Story.Host.Country)
		}
		if ds := translation.Inherit(original); len(ds) > 0 {
			t.Fatalf("round %d: Inherit: %v", round, ds)
		}
		if !translation.Has("host.country") || translation.Story.Host.Country != "PT" {
			t.Fatalf("round %d: Inherit did not complete the translation", round)
		}
		cached, _, _ := cache.Lookup("content/stories/anna.en.md")
		if cached.Has("host.country") || cached.Story.Host.Country != "" {
			t.Errorf("round %d: completing a copy changed the cached page", round)
		}
	}
}
