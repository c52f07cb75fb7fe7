package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
)

// Minifier minifies HTML, CSS, JS, JSON (incl. .webmanifest,
// application/ld+json inside HTML), SVG and XML; built once, safe for
// concurrent use.
type Minifier struct {
	m *minify.M
	// layouts minifies the HTML of templates, leaving {{ actions }} and
	// the content of <script> and <style> as they are.
	layouts *minify.M
	// scratch holds the buffers that compact writes into.
	scratch sync.Pool
}

// mediaTypes maps a lower-case file extension to the media type minified.
var mediaTypes = map[string]string{
	".html":        "text/html",
	".htm":         "text/html",
	".css":         "text/css",
	".js":          "text/javascript",
	".mjs":         "text/javascript",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".xml":         "text/xml",
}

// NewMinifier returns a Minifier configured as the package documentation
// describes.
func NewMinifier() *Minifier {
	page := html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
	}
	layout := page
	layout.TemplateDelims = html.GoTemplateDelims
	m := minify.New()
	m.Add("text/html", &page)
	layouts := minify.New()
	layouts.Add("text/html", &layout)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	// The HTML minifier asks for "</script" to be escaped only in a <script>
	// without a type attribute; minifyJS asks for it always, so that
	// type="text/javascript" or "module" cannot end the element early.
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), minifyJS)
	m.AddFunc("module", minifyJS)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("importmap", json.Minify)
	m.AddFunc("speculationrules", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), minifyXML)
	return &Minifier{m: m, layouts: layouts}
}

// MinifyLayout minifies the HTML of an html/template layout, keeping its
// actions as they are written.
func (m *Minifier) MinifyLayout(name string, src []byte) ([]byte, error) {
	out, err := m.layouts.Bytes("text/html", src)
	if err != nil {
		return nil, minifyError(name, err)
	}
	return out, nil
}

// Minify returns data minified according to the file name's extension (.html
// .css .js .json .svg .xml); other files are returned unchanged. The error
// names the file and, when known, the line and column of the problem.
func (m *Minifier) Minify(name string, data []byte) ([]byte, error) {
	return m.minify(name, data, false)
}

// MinifyOwned is Minify for data that the caller gives up: the result may
// be written over data. HTML that takes the fast path (see the package
// documentation) then costs no new memory, which matters for the Markdown
// of every page of a build.
func (m *Minifier) MinifyOwned(name string, data []byte) ([]byte, error) {
	return m.minify(name, data, true)
}

// minify is Minify, writing the result of the fast path over data when
// owned is set.
func (m *Minifier) minify(name string, data []byte, owned bool) ([]byte, error) {
	mediaType, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		return data, nil
	}
	if mediaType == "text/html" {
		if out, ok := m.compact(data, owned); ok {
			return out, nil
		}
	}
	out, err := m.m.Bytes(mediaType, data)
	if err != nil {
		return nil, minifyError(name, err)
	}
	return out, nil
}

// compact runs compactHTML over data into a pooled scratch buffer, so that
// HTML it refuses (a whole page, whose doctype ends the scan at once) costs
// no allocation. What it takes is written over data when owned is set, and
// into a new slice otherwise.
func (m *Minifier) compact(data []byte, owned bool) ([]byte, bool) {
	buf, _ := m.scratch.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer m.scratch.Put(buf)
	out, ok := compactHTML(*buf, data)
	if !ok {
		return nil, false
	}
	if cap(out) <= maxScratch {
		*buf = out
	}
	if owned {
		return data[:copy(data, out)], true
	}
	return bytes.Clone(out), true
}

// maxScratch is the largest scratch buffer compact keeps.
const maxScratch = 1 << 20

// minifyError formats err as "name:line:col: cannot minify: message" when
// the minifier reports a position, and "name: cannot minify: err" otherwise.
func minifyError(name string, err error) error {
	var perr *parse.Error
	if errors.As(err, &perr) && perr.Line > 0 {
		return fmt.Errorf("%s:%d:%d: cannot minify: %s", name, perr.Line, perr.Column, perr.Message)
	}
	return fmt.Errorf("%s: cannot minify: %w", name, err)
}

func minifyJS(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	params = maps.Clone(params)
	if params == nil {
		params = make(map[string]string, 1)
	}
	params["escape-html"] = "1"
	return js.Minify(m, w, r, params)
}

// whitespaceMarkers are the lower-case byte strings whose presence in an XML
// file makes minifyXML leave it alone.
var whitespaceMarkers = [][]byte{
	[]byte("&lt;pre"), []byte("&#60;pre"), []byte("&#x3c;pre"),
	[]byte("&lt;textarea"), []byte("&#60;textarea"), []byte("&#x3c;textarea"),
	[]byte("xml:space"),
}

// minifyXML minifies XML unless it holds whitespace that matters, which the
// XML minifier would collapse (see the package documentation).
func minifyXML(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	lower := bytes.ToLower(data)
	for _, marker := range whitespaceMarkers {
		if bytes.Contains(lower, marker) {
			_, err := w.Write(data)
			return err
		}
	}
	return xml.Minify(m, w, bytes.NewReader(data), params)
}
