package theme

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestHeadMetaEscapesAsTemplates checks that headMeta writes attribute
// values exactly as html/template writes them in the partial it replaced:
// text in a quoted attribute, and a URL in an href.
func TestHeadMetaEscapesAsTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<meta content="{{ .Text }}"><link href="{{ .URL }}">`))
	for _, c := range []struct{ text, url string }{
		{`Absolwenci Erasmus+ — "cytat" <b>&amp;</b> 'ok'`, "https://example.edu/alumni/stories/anna/"},
		{"NUL \x00 and tab\there", "https://example.edu/ścieżka z odstępem/?q=a&b=<c>"},
		{"plain", `https://example.edu/a"b\c^d` + "`e{f|g}h~i%20j"},
	} {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, struct{ Text, URL string }{c.text, c.url}); err != nil {
			t.Fatal(err)
		}
		var got tagWriter
		got.tag("meta", "content", c.text)
		got.tag("link", "href", normalizeURL(c.url))
		if g := strings.ReplaceAll(got.String(), "\n", ""); g != want.String() {
			t.Errorf("for %q and %q\n got: %s\nwant: %s", c.text, c.url, g, want.String())
		}
	}
}
