package output

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestMinify(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{{
		name: "inline.html",
		in:   `<p>Anna <em>Kowalska</em> studied in <a href="/x/">Porto</a>.</p>`,
		want: `<p>Anna <em>Kowalska</em> studied in <a href="/x/">Porto</a>.</p>`,
	}, {
		name: "page.html",
		in: "<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n<title>Absolwenci</title>\n</head>\n<body>\n" +
			"<p>Anna\n   <em>Kowalska</em>   studied in <span>Porto</span>\n<span>and Łódź</span>.</p>\n" +
			"<!-- a comment -->\n" +
			"<pre>  func main() {\n\tfmt.Println(\"hi\")  \n  }\n\n</pre>\n" +
			"<pre><code class=\"language-txt\">a  <b>b</b>\n  <i>c</i>  </code></pre>\n" +
			"<textarea name=\"t\">  a\n\n  b </textarea>\n" +
			"<ul>\n  <li>one</li>\n  <li>two <b>2</b></li>\n</ul>\n" +
			"</body>\n</html>\n",
		want: "<!doctype html><html lang=\"pl\"><head><meta charset=\"utf-8\"><title>Absolwenci</title></head><body>" +
			"<p>Anna\n<em>Kowalska</em> studied in <span>Porto</span>\n<span>and Łódź</span>.</p>" +
			"<pre>  func main() {\n\tfmt.Println(\"hi\")  \n  }\n\n</pre>" +
			"<pre><code class=\"language-txt\">a  <b>b</b>\n  <i>c</i>  </code></pre>" +
			"<textarea name=\"t\">  a\n\n  b </textarea>" +
			"<ul><li>one</li><li>two <b>2</b></li></ul>" +
			"</body></html>",
	}, {
		name: "attrs.html",
		in:   `<a href="?a=1&amp;b=2" class="x  y">AT&amp;T &amp;copy; &lt;b&gt;</a> <input type="text" name="q"> <button type="submit">Go</button>`,
		want: `<a href="?a=1&amp;b=2" class="x y">AT&amp;T &amp;copy; &lt;b></a> <input type="text" name="q"> <button type="submit">Go</button>`,
	}, {
		// Empty values take the short form, which means the same.
		name: "empty-attrs.html",
		in:   `<select name="c"><option value="">Choose</option></select> <img src="a.jpg" alt=""> <span title='say "hi"'>x</span>`,
		want: `<select name="c"><option value>Choose</option></select> <img src="a.jpg" alt> <span title='say "hi"'>x</span>`,
	}, {
		name: "jsonld.html",
		in:   "<script type=\"application/ld+json\">\n{\n  \"@type\": \"Person\",\n  \"name\": \"Anna \\u003c/script\\u003e Kowalska\",\n  \"x\": [1, 2.50]\n}\n</script>",
		want: `<script type="application/ld+json">{"@type":"Person","name":"Anna \u003c/script\u003e Kowalska","x":[1,2.5]}</script>`,
	}, {
		// The minifier escapes "</script" on its own only in a <script>
		// without a type; NewMinifier makes it do so for every type.
		name: "scripts.html",
		in:   `<script>var a = "\u003c/script\u003e";</script><script type="text/javascript">var b = "\u003c/script\u003e";</script><script type="module">var c = "\u003c/script\u003e";</script>`,
		want: `<script>var a="<\/script>"</script><script type="text/javascript">var b="<\/script>"</script><script type="module">var c="<\/script>"</script>`,
	}, {
		name: "icon.html",
		in:   "<p>\n  <svg viewBox=\"0 0 10 10\" width=\"10\">\n    <path d=\"M 1.000 1.000 L 5 5\"/>\n  </svg> Home</p>",
		want: `<p><svg viewBox="0 0 10 10" width="10"><path d="M1 1 5 5"/></svg> Home</p>`,
	}, {
		name: "style.CSS",
		in:   "a {\n  color: #ff0000;\n  margin: 0px 0px;\n}\n",
		want: "a{color:red;margin:0}",
	}, {
		name: "app.js",
		in:   "function greet(name) {\n  var message = \"Hello, \" + name;\n  return message;\n}\n",
		want: `function greet(e){var t="Hello, "+e;return t}`,
	}, {
		name: "search.json",
		in:   "[\n  {\"title\": \"Łódź\", \"url\": \"/lodz/\"},\n  {\"title\": \"<\\/script>\", \"n\": 1.50}\n]\n",
		want: `[{"title":"Łódź","url":"/lodz/"},{"title":"<\/script>","n":1.5}]`,
	}, {
		name: "site.webmanifest",
		in:   "{\n  \"name\": \"Alumni\",\n  \"icons\": []\n}\n",
		want: `{"name":"Alumni","icons":[]}`,
	}, {
		name: "logo.svg",
		in:   "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <!-- logo -->\n  <rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" fill=\"#ff0000\"/>\n</svg>\n",
		want: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="0" y="0" width="10" height="10" fill="red"/></svg>`,
	}, {
		name: "sitemap.xml",
		in:   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url>\n    <loc>https://example.org/a/</loc>\n  </url>\n</urlset>\n",
		want: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/a/</loc></url></urlset>`,
	}, {
		// Collapsing whitespace would damage the escaped <pre>.
		name: "feed.xml",
		in:   "<rss>\n  <item>\n    <description>&lt;pre&gt;  a\n    b&lt;/pre&gt;</description>\n  </item>\n</rss>\n",
		want: "<rss>\n  <item>\n    <description>&lt;pre&gt;  a\n    b&lt;/pre&gt;</description>\n  </item>\n</rss>\n",
	}, {
		name: "notes.txt",
		in:   "  keep   me  \n",
		want: "  keep   me  \n",
	}, {
		name: "no-extension",
		in:   "<p>  x  </p>",
		want: "<p>  x  </p>",
	}}
	m := NewMinifier()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.Minify(tt.name, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Minify(%q)\n got %q\nwant %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestMinifyErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"app.js", "var a = ;", "app.js:1:9: cannot minify: unexpected ; in expression"},
		{"page.html", "<p>x</p>\n<script>if (</script>", "page.html:2:13: cannot minify: unexpected EOF in expression"},
		{"data.json", "{\"a\": }", "data.json:1:7: cannot minify: unexpected right brace character"},
	}
	m := NewMinifier()
	for _, tt := range tests {
		got, err := m.Minify(tt.name, []byte(tt.in))
		if err == nil {
			t.Errorf("Minify(%q, %q) = %q, want an error", tt.name, tt.in, got)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Minify(%q, %q) error\n got %q\nwant %q", tt.name, tt.in, err, tt.want)
		}
	}
}

// TestMinifyConcurrent shares one Minifier between goroutines; run it with
// -race.
func TestMinifyConcurrent(t *testing.T) {
	m := NewMinifier()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 20 {
				in := fmt.Sprintf("<p>Page %d  of  <b>%d</b></p>\n<style>p { color: #ff0000 }</style>", i, j)
				want := fmt.Sprintf("<p>Page %d of <b>%d</b></p><style>p{color:red}</style>", i, j)
				got, err := m.Minify("p.html", []byte(in))
				if err != nil || string(got) != want {
					t.Errorf("Minify = %q, %v; want %q", got, err, want)
				}
				css, err := m.Minify("s.css", []byte("a { margin: 0px }"))
				if err != nil || string(css) != "a{margin:0}" {
					t.Errorf("Minify css = %q, %v", css, err)
				}
			}
		})
	}
	wg.Wait()
}

// TestMinifyKeepsText checks the rule of BAD_INPUTS 37 on pages made of
// inline text: the visible text, with whitespace runs collapsed, is the same
// before and after.
func TestMinifyKeepsText(t *testing.T) {
	pages := []string{
		"<p>Anna <em>Kowalska</em> studied in <a href=\"/x/\">Porto</a>.</p>",
		"<p><b>Erasmus+</b> <i>2019</i>\n<a href=\"/y/\">more</a> <span>about</span><span>her</span></p>",
		"<h2>Title</h2>\n<p>  leading and trailing  </p>\n<p>x<br>y</p>",
		"<p><abbr title=\"University\">UP</abbr> , <code>go  test</code> <kbd>Ctrl</kbd>+<kbd>C</kbd></p>",
	}
	m := NewMinifier()
	for _, page := range pages {
		got, err := m.Minify("x.html", []byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if a, b := visibleText(page), visibleText(string(got)); a != b {
			t.Errorf("text changed by minification of %q:\n before %q\n after  %q", page, a, b)
		}
	}
}

// visibleText strips tags, then trims and collapses whitespace per block;
// block boundaries (p, h2, br) become line breaks.
func visibleText(page string) string {
	var b strings.Builder
	for len(page) > 0 {
		i := strings.IndexByte(page, '<')
		if i < 0 {
			b.WriteString(page)
			break
		}
		b.WriteString(page[:i])
		j := strings.IndexByte(page[i:], '>')
		tag := page[i : i+j+1]
		if strings.HasPrefix(tag, "<p") || strings.HasPrefix(tag, "</p") || strings.HasPrefix(tag, "<h") || strings.HasPrefix(tag, "</h") || tag == "<br>" {
			b.WriteString("\x00")
		}
		page = page[i+j+1:]
	}
	var lines []string
	for line := range strings.SplitSeq(b.String(), "\x00") {
		if f := strings.Join(strings.Fields(line), " "); f != "" {
			lines = append(lines, f)
		}
	}
	return strings.Join(lines, "\n")
}
