package content

import (
	"testing"
	"testing/fstest"
)

// TestReadBody checks that a page loaded without its body reads it back
// from the file, and refuses a file whose front matter changed meanwhile.
func TestReadBody(t *testing.T) {
	const name = "content/o-nas.md"
	fsys := fstest.MapFS{name: {Data: []byte("\ufeff---\r\ntitle: O nas\r\n---\r\nPierwszy akapit.\r\n")}}
	pages, ds := Load(fsys, Options{Languages: []string{"pl"}, DefaultLanguage: "pl", DropBodies: true})
	if len(ds) > 0 || len(pages) != 1 {
		t.Fatalf("load: %d pages, %v", len(pages), ds)
	}
	p := pages[0]
	if p.Body != nil || p.EmptyBody {
		t.Fatalf("Body = %q, EmptyBody = %v; want the body dropped", p.Body, p.EmptyBody)
	}
	read := func() string {
		t.Helper()
		body, err := p.ReadBody(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return string(body)
	}
	if got, want := read(), "Pierwszy akapit.\n"; got != want {
		t.Errorf("ReadBody = %q, want %q (BOM and CRLF normalised as by Load)", got, want)
	}
	fsys[name].Data = []byte("\ufeff---\r\ntitle: O nas\r\n---\r\nNowy akapit.\r\n")
	if got, want := read(), "Nowy akapit.\n"; got != want {
		t.Errorf("after a body edit: ReadBody = %q, want %q", got, want)
	}
	fsys[name].Data = []byte("---\ntitle: O nas!\n---\nNowy akapit.\n")
	if _, err := p.ReadBody(fsys); err == nil || err.Error() != "the file changed while the site was being built: build again" {
		t.Errorf("after a front-matter edit: err = %v", err)
	}
	delete(fsys, name)
	if _, err := p.ReadBody(fsys); err == nil || err.Error() != "cannot read file: file does not exist" {
		t.Errorf("after deleting the file: err = %v", err)
	}
}

// TestDropPositions checks that DropPositions lets go of the positions and
// that Has, which would answer false for every key without them, refuses
// to answer.
func TestDropPositions(t *testing.T) {
	fsys := fstest.MapFS{"content/o-nas.md": {Data: []byte("---\ntitle: O nas\n---\nTekst.\n")}}
	pages, ds := Load(fsys, Options{Languages: []string{"pl"}, DefaultLanguage: "pl"})
	if len(ds) > 0 || len(pages) != 1 {
		t.Fatalf("load: %d pages, %v", len(pages), ds)
	}
	p := pages[0]
	if !p.Has("title") {
		t.Fatal(`Has("title") = false before DropPositions`)
	}
	p.DropPositions()
	if p.Positions != nil {
		t.Errorf("Positions = %v after DropPositions, want nil", p.Positions)
	}
	defer func() {
		if recover() == nil {
			t.Error("Has after DropPositions did not panic")
		}
	}()
	p.Has("title")
}
