package output

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alumni-site/alumni/internal/decode"
	"github.com/alumni-site/alumni/internal/markdown"
	"github.com/alumni-site/alumni/internal/sitegen"
)

// compactSeeds are HTML fragments at the edges of what compactHTML takes:
// each must come out of it as the minifier writes it, or be left to the
// minifier.
var compactSeeds = []string{
	"<p>a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f</p>\n",
	"<p>a&amp;b and AT&amp;T &copy; &#x41;</p>\n",
	"<p>&quot;e&quot; &#39;f&#39; &gt; g</p>\n",
	"<p><img src=\"a.jpg\" alt=\"\"></p>\n",
	"<p><a href=\"https://x.org/?a=1&amp;b=2\" title=\"t &quot;q&quot;\">x</a></p>\n",
	"<p><a href=\"https://x.org/?a=1&amp;b=2\" title=\"Anna's\">x</a></p>\n",
	"<p><img src=\"a.jpg\" alt=\"\"> <img src=\"b.jpg\" alt=\"two words\"></p>\n",
	"<p><img src=\"a.jpg\" alt=\"x\" title=\"\"></p>\n",
	"<p><em> x</em> y <strong>z </strong></p>\n",
	"<p>x <em>y</em> z</p>\n<p><em>y</em> z</p>\n",
	"<p>line one\nline two</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n",
	"<p>a<br>\nb</p>\n",
	"<p><em>a</em>\n<strong>b</strong></p>\n",
	"<p><em>a</em>\nb</p>\n",
	"<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">h</th>\n<th>g</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align: left\">c</td>\n</tr>\n</tbody>\n</table>\n",
	"<ol start=\"3\">\n<li>x</li>\n</ol>\n",
	"<ul>\n<li>\n<p>loose</p>\n</li>\n<li>a\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>\n",
	"<p>x </p>\n",
	"<p> x</p>\n",
	"<p>x  y</p>\n",
	"<p>x\n\ny</p>\n",
	"<p>x\ty</p>\n",
	"<p>x\r\ny</p>\n",
	"<p><code>a  b</code> <code>c d</code></p>\n",
	"<h2 id=\"a-b\">A b</h2>\n<hr>\n<blockquote>\n<p>q</p>\n</blockquote>\n",
	"<p>„cytat” – ‘x’ … ©</p>\n",
	"<p><a href=\"/a/\" class=\"x  y\">l</a> <a href=\"/b/\" class=\"x y\">m</a></p>",
	"<p><a href=\" /a/\">l</a> <a href=\"/a/ \">m</a> <a href=\"/a b/\">n</a></p>",
	"<p><a href=\"/a/\" onclick=\"x()\">l</a></p>",
	"<pre><code>a  b\n</code></pre>\n",
	"<!-- note -->\n<p>x</p>\n",
	"<p>x</p><!-- note -->",
	"<P>x</P>",
	"<p>x</p >",
	"<br/>",
	"<p>a<br />b</p>",
	"<div>\n<p>x</p>\n</div>\n",
	"<p>x</p>\n\n",
	"\n<p>x</p>",
	"<p>x</p>\n<p>y</p>",
	"text only",
	"text <em>only</em> ",
	"",
	"<p><span>a</span> <span>b</span></p>\n",
	"<p><em><strong>a</strong></em> b</p>\n",
	"<p>a <em><strong>b</strong></em></p>\n",
	"<p>a <img src=\"x.jpg\" alt=\"y\"> b</p>\n",
	"<figure>\n<img src=\"x.jpg\" alt=\"y\">\n<figcaption>c</figcaption>\n</figure>\n",
	"<p>a &gt;&gt; b &lt;&lt; c</p>",
	"<p>a > b</p>",
	"<p>\u00a0a\u00a0</p>",
	"<p>a\u2003b</p>",
	"<p>a\x00b</p>",
	"<td colspan=\"2\">x</td>",
	"<p lang=\"en\" dir=\"ltr\">x</p>",
	"<a href=\"x\" rel=\"nofollow noopener\">x</a>",
	"<time datetime=\"2025-01-02\">x</time>",
	"<p>trailing space before close <em>x </em></p>",
	"<p>a <a href=\"/x/\">b</a>.</p>",
}

// minifyFull is what the minifier writes for html, without the fast path.
func minifyFull(tb testing.TB, m *Minifier, html []byte) []byte {
	tb.Helper()
	out, err := m.m.Bytes("text/html", html)
	if err != nil {
		tb.Fatalf("minifier: %v\n%q", err, html)
	}
	return out
}

// checkCompact fails when compactHTML takes html and writes it other than
// the minifier does; it reports whether compactHTML took it.
func checkCompact(tb testing.TB, m *Minifier, html []byte) bool {
	tb.Helper()
	out, ok := compactHTML(nil, html)
	if !ok {
		return false
	}
	if want := minifyFull(tb, m, html); !bytes.Equal(out, want) {
		tb.Errorf("compactHTML differs from the minifier for\n%q\ngot  %q\nwant %q", html, out, want)
	}
	return true
}

func TestCompactMatchesMinifier(t *testing.T) {
	m := NewMinifier()
	for _, s := range compactSeeds {
		checkCompact(t, m, []byte(s))
	}
}

// TestMinifyOwned checks that MinifyOwned gives what Minify gives, for
// HTML that takes the fast path and HTML that does not, one after the
// other so that the scratch buffers are used again.
func TestMinifyOwned(t *testing.T) {
	m := NewMinifier()
	for range 2 {
		for _, s := range compactSeeds {
			want, wantErr := m.Minify("x.html", []byte(s))
			got, err := m.MinifyOwned("x.html", []byte(s))
			if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) {
				t.Errorf("MinifyOwned(%q) = %q, %v; Minify gives %q, %v", s, got, err, want, wantErr)
			}
		}
	}
}

// TestCompactTakesMarkdown converts the Markdown of a generated site, of
// the example site and of README.md, and checks that compactHTML writes
// what the minifier writes for every page it takes, and that it takes
// nearly every generated story (it exists to spare the minifier those).
func TestCompactTakesMarkdown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Write(dir, sitegen.Options{Stories: 200, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	m := NewMinifier()
	conv := markdown.New([]string{"pl", "en"})
	for _, c := range []struct {
		glob    string
		minRate float64
	}{
		{filepath.Join(dir, "content", "*", "*", "index*.md"), 0.9},
		{filepath.Join("..", "..", "content", "*", "*", "index*.md"), 0},
		{filepath.Join("..", "..", "content", "*.md"), 0},
		{filepath.Join("..", "..", "README.md"), 0},
	} {
		files, err := filepath.Glob(c.glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", c.glob, err)
		}
		taken := 0
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lang := "pl"
			if strings.HasSuffix(f, ".en.md") {
				lang = "en"
			}
			doc, err := decode.Split(f, src)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := conv.Convert(doc.Body, markdown.Options{Path: f, Lang: lang, FirstLine: doc.BodyLine})
			if checkCompact(t, m, res.HTML) {
				taken++
			}
		}
		rate := float64(taken) / float64(len(files))
		t.Logf("%s: compactHTML took %d of %d", c.glob, taken, len(files))
		if rate < c.minRate {
			t.Errorf("%s: compactHTML took %d of %d pages, fewer than %.0f%%", c.glob, taken, len(files), 100*c.minRate)
		}
	}
}

// FuzzCompactMatchesMinifier checks that whatever HTML compactHTML takes,
// it writes as the minifier does. go test runs the seeds; go test -fuzz
// FuzzCompactMatchesMinifier ./internal/output searches further.
func FuzzCompactMatchesMinifier(f *testing.F) {
	for _, s := range compactSeeds {
		f.Add(s)
	}
	m := NewMinifier()
	f.Fuzz(func(t *testing.T, html string) {
		if _, err := m.m.Bytes("text/html", []byte(html)); err != nil {
			return // the minifier refuses it, and Minify reports that
		}
		checkCompact(t, m, []byte(html))
	})
}
