package content

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestCacheSharesPages checks the contract of Cache: loads hand out the
// cached page itself while its file and bundle are unchanged; a change to
// the bundle's files gives a new page, validated afresh, and leaves the
// one handed out before as it was; and completing a Copy of a translation
// (Inherit adds positions and fields) leaves the cached page as the file
// says.
func TestCacheSharesPages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/stories/anna/index.md":    {Data: []byte("---\ntitle: Anna\ndate: 2025-02-01\nperson: {name: Anna Nowak, photo: photo.jpg, photo_alt: Anna w Porto}\nhost: {institution: U. Porto, country: PT}\nmobility_year: 2023\nconsent: {given: 2025-01-01}\n---\nTekst.\n")},
		"content/stories/anna/index.en.md": {Data: []byte("---\ntitle: Anna in Porto\n---\nText.\n")},
	}
	cache := NewCache()
	opt := Options{Languages: []string{"pl", "en"}, DefaultLanguage: "pl", Cache: cache}
	load := func() (original, translation *Page) {
		t.Helper()
		pages, ds := Load(fsys, opt)
		if len(ds) > 0 || len(pages) != 2 {
			t.Fatalf("%d pages, %v", len(pages), ds)
		}
		if pages[0].Lang == "en" {
			return pages[1], pages[0]
		}
		return pages[0], pages[1]
	}
	original, translation := load()
	completed := translation.Copy()
	if ds := completed.Inherit(original); len(ds) > 0 {
		t.Fatalf("Inherit: %v", ds)
	}
	if !completed.Has("host.country") || completed.Story.Host.Country != "PT" {
		t.Fatalf("Inherit did not complete the copy")
	}
	if translation.Has("host.country") || translation.Story.Host.Country != "" {
		t.Errorf("completing a copy changed the page it was copied from")
	}

	if ds := original.Validate(); len(ds) != 1 {
		t.Errorf("Validate before the photo exists: %v, want one problem (the missing photo)", ds)
	}

	again, translationAgain := load()
	if again != original || translationAgain != translation {
		t.Errorf("a second load of unchanged files gave new pages, not the cached ones")
	}

	fsys["content/stories/anna/photo.jpg"] = &fstest.MapFile{Data: []byte("jpeg")}
	withPhoto, _ := load()
	if withPhoto == original || !slices.Equal(withPhoto.Files, []string{"photo.jpg"}) {
		t.Errorf("after adding a photo: Files = %q, a new page: %v", withPhoto.Files, withPhoto != original)
	}
	if ds := withPhoto.Validate(); len(ds) != 0 {
		t.Errorf("Validate after adding the photo: %v, want none (a copy validates afresh)", ds)
	}
	if len(original.Files) != 0 {
		t.Errorf("adding a photo changed the page handed out before: Files = %q", original.Files)
	}
}
