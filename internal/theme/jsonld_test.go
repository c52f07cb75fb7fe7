package theme

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/content"
)

func TestEmbedURL(t *testing.T) {
	for _, c := range []struct {
		v    content.VideoSource
		want string
	}{
		{content.VideoSource{Provider: "youtube", ID: "aB3dE5fG7hI"}, "https://www.youtube-nocookie.com/embed/aB3dE5fG7hI"},
		{content.VideoSource{Provider: "vimeo", ID: "874213569"}, "https://player.vimeo.com/video/874213569?dnt=1"},
		{content.VideoSource{Provider: "file", Src: "film.mp4"}, ""},
	} {
		if got := embedURL(c.v); got != c.want {
			t.Errorf("embedURL(%+v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestTelURL(t *testing.T) {
	for in, want := range map[string]string{
		"+48 67 000 12 34": "tel:+48670001234",
		"(67) 000-12-34":   "tel:670001234",
		"67 000 12 34+":    "tel:670001234",
		`"><script>`:       "tel:",
	} {
		if got := string(telURL(in)); got != want {
			t.Errorf("telURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("First line\nstill first.\n\n\n  Second.  \n\n")
	want := []string{"First line still first.", "Second."}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	if got := paragraphs("  \n\n "); got != nil {
		t.Errorf("paragraphs of blank text = %q, want none", got)
	}
}

// TestJSONLDKeysSorted checks that the fields of the JSON-LD types are
// declared in the order of their keys, so that jsonLD writes the keys
// sorted, as its documentation says.
func TestJSONLDKeysSorted(t *testing.T) {
	for _, v := range []any{ldDoc{}, ldPerson{}, ldOrg{}} {
		typ := reflect.TypeOf(v)
		var keys []string
		for f := range typ.Fields() {
			key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			keys = append(keys, key)
		}
		if !slices.IsSorted(keys) {
			t.Errorf("%s: the JSON keys %q are not in sorted order", typ.Name(), keys)
		}
	}
}
