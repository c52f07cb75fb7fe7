package markdown

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/alumni-site/alumni/internal/diag"
)

var converter = New([]string{"pl", "en"})

// convert renders src as body of story.md starting on file line 1 and
// returns the HTML and the diagnostics as strings.
func convert(t *testing.T, src string, opt Options) (string, []string) {
	t.Helper()
	if opt.Path == "" {
		opt.Path = "story.md"
	}
	res, diags := converter.Convert([]byte(src), opt)
	var ds []string
	for _, d := range diags {
		ds = append(ds, d.String())
	}
	return string(res.HTML), ds
}

// check compares HTML and diagnostics with what a test expects.
func check(t *testing.T, name, gotHTML, wantHTML string, gotDiags, wantDiags []string) {
	t.Helper()
	if gotHTML != wantHTML {
		t.Errorf("%s: HTML\n got: %q\nwant: %q", name, gotHTML, wantHTML)
	}
	if strings.Join(gotDiags, "\n") != strings.Join(wantDiags, "\n") {
		t.Errorf("%s: diagnostics\n got: %q\nwant: %q", name, gotDiags, wantDiags)
	}
}

func TestQuotes(t *testing.T) {
	const src = `On powiedział: "to 'naprawdę' działa" -- i to... Joyce'a, don't, '90s, ('tak') i ` + "`'kod'`" + `.`
	tests := []struct {
		lang, want string
	}{
		{"pl", "<p>On powiedział: „to ‚naprawdę’ działa” – i to… Joyce’a, don’t, ’90s, (‚tak’) i <code>'kod'</code>.</p>\n"},
		{"en", "<p>On powiedział: “to ‘naprawdę’ działa” – i to… Joyce’a, don’t, ’90s, (‘tak’) i <code>'kod'</code>.</p>\n"},
		{"pl-PL", "<p>On powiedział: „to ‚naprawdę’ działa” – i to… Joyce’a, don’t, ’90s, (‚tak’) i <code>'kod'</code>.</p>\n"},
		{"de", "<p>On powiedział: “to ‘naprawdę’ działa” – i to… Joyce’a, don’t, ’90s, (‘tak’) i <code>'kod'</code>.</p>\n"},
	}
	for _, tt := range tests {
		html, diags := convert(t, src, Options{Lang: tt.lang})
		check(t, tt.lang, html, tt.want, diags, nil)
	}
}

func TestQuotesAcrossMarkup(t *testing.T) {
	html, diags := convert(t, "*'Erasmus'* i 'wymiana\nstudencka' oraz ['link'](https://example.org) i --- koniec", Options{Lang: "pl"})
	want := "<p><em>‚Erasmus’</em> i ‚wymiana\nstudencka’ oraz <a href=\"https://example.org\">‚link’</a> i — koniec</p>\n"
	check(t, "markup", html, want, diags, nil)
}

func TestQuotesInTable(t *testing.T) {
	html, _ := convert(t, "| a |\n|---|\n|'tak'|\n", Options{Lang: "pl"})
	if !strings.Contains(html, "<td>‚tak’</td>") {
		t.Errorf("got %q, want a cell with ‚tak’", html)
	}
}

func TestHeadingIDs(t *testing.T) {
	src := `# Życie w Łodzi

## Życie w Łodzi

## Życie w Łodzi

## [Kraków](https://krakow.pl) *2023*

## !!!

## Zakończenie {#koniec .wazne lang=en}

## Koniec

### Zażółć gęślą jaźń
`
	want := `<h1 id="zycie-w-lodzi">Życie w Łodzi</h1>
<h2 id="zycie-w-lodzi-1">Życie w Łodzi</h2>
<h2 id="zycie-w-lodzi-2">Życie w Łodzi</h2>
<h2 id="krakow-2023"><a href="https://krakow.pl">Kraków</a> <em>2023</em></h2>
<h2 id="section">!!!</h2>
<h2 id="koniec" class="wazne" lang="en">Zakończenie</h2>
<h2 id="koniec-1">Koniec</h2>
<h3 id="zazolc-gesla-jazn">Zażółć gęślą jaźń</h3>
`
	html, diags := convert(t, src, Options{Lang: "pl"})
	check(t, "ids", html, want, diags, nil)
}

func TestHeadingAttributes(t *testing.T) {
	src := "# Wstęp\n\n## Inny {#wstep onclick=\"alert(1)\"}\n"
	want := "<h1 id=\"wstep\">Wstęp</h1>\n<h2 id=\"wstep\">Inny</h2>\n"
	html, diags := convert(t, src, Options{Lang: "pl"})
	check(t, "attributes", html, want, diags, []string{
		`story.md:3:1: warning: attribute "onclick" removed`,
		`story.md:3:1: warning: duplicate heading id "wstep"`,
	})
}

func TestTable(t *testing.T) {
	src := "| Uczelnia | Miasto | Rok |\n|:--|:-:|--:|\n| Universidade do Porto | Porto | 2023 |\n| ~~KU Leuven~~ | Leuven | 2024 |\n"
	want := `<table>
<thead>
<tr>
<th style="text-align:left">Uczelnia</th>
<th style="text-align:center">Miasto</th>
<th style="text-align:right">Rok</th>
</tr>
</thead>
<tbody>
<tr>
<td style="text-align:left">Universidade do Porto</td>
<td style="text-align:center">Porto</td>
<td style="text-align:right">2023</td>
</tr>
<tr>
<td style="text-align:left"><del>KU Leuven</del></td>
<td style="text-align:center">Leuven</td>
<td style="text-align:right">2024</td>
</tr>
</tbody>
</table>
`
	html, diags := convert(t, src, Options{Lang: "pl"})
	check(t, "table", html, want, diags, nil)
}

func TestFootnotesAndLinkify(t *testing.T) {
	src := "Semestr w Porto[^1], zob. www.up.pt.\n\n[^1]: Program Erasmus+ 2023.\n"
	want := `<p>Semestr w Porto<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>, zob. <a href="http://www.up.pt">www.up.pt</a>.</p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Program Erasmus+ 2023.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`
	html, diags := convert(t, src, Options{Lang: "pl"})
	check(t, "footnotes", html, want, diags, nil)
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, src, want string
		diags           []string
	}{{
		name: "inline script",
		src:  "Tekst <script>alert(1)</script> dalej.\n",
		want: "<p>Tekst  dalej.</p>\n",
		diags: []string{
			"story.md:1:7: warning: raw HTML omitted: <script>",
		},
	}, {
		name: "mixed case",
		src:  "x <ScRiPt type=\"text/javascript\">alert(1)</SCRIPT > y\n",
		want: "<p>x  y</p>\n",
		diags: []string{
			"story.md:1:3: warning: raw HTML omitted: <script>",
		},
	}, {
		name: "script block",
		src:  "Przed.\n\n<script>\nalert(1)\n</script>\n\nPo.\n",
		want: "<p>Przed.</p>\n<p>Po.</p>\n",
		diags: []string{
			"story.md:3:1: warning: raw HTML omitted: <script>",
		},
	}, {
		name: "blank line inside a block",
		src:  "<div>\n<script>\nalert(1)\n\nalert(2)\n</script>\n</div>\n\nPo.\n",
		want: "<p>Po.</p>\n",
		diags: []string{
			"story.md:1:1: warning: raw HTML omitted: <div>",
			"story.md:7:1: warning: raw HTML omitted: </div>",
		},
	}, {
		name: "style across blocks",
		src:  "a <style>\n\nb\n\n- c\n\n| x |\n|---|\n| y |\n\ne </style> f <b>g</b>\n",
		want: "<p>a </p>\n<p> f g</p>\n",
		diags: []string{
			"story.md:1:3: warning: raw HTML omitted: <style>",
			"story.md:11:14: warning: raw HTML omitted: <b>",
			"story.md:11:18: warning: raw HTML omitted: </b>",
		},
	}, {
		name: "style inside a table",
		src:  "| a | b |\n|---|---|\n| <style> | x |\n| y | </style> z |\n| 1 | 2 |\n",
		want: "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td></td>\n<td></td>\n</tr>\n" +
			"<tr>\n<td></td>\n<td> z</td>\n</tr>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n",
		diags: []string{
			"story.md:3:3: warning: raw HTML omitted: <style>",
		},
	}, {
		name: "never closed",
		src:  "a <iframe src=\"https://example.org\"> b\n\n# c\n",
		want: "<p>a </p>\n",
		diags: []string{
			"story.md:1:3: warning: <iframe> is never closed, so the rest of the page is omitted",
			"story.md:1:3: warning: raw HTML omitted: <iframe>",
		},
	}, {
		name: "event handler in a tag",
		src:  "<img src=x onerror=alert(1)>\n\nZdjęcie <img src=x onerror=alert(1)> tutaj.\n",
		want: "<p>Zdjęcie  tutaj.</p>\n",
		diags: []string{
			"story.md:1:1: warning: raw HTML omitted: <img>",
			"story.md:3:9: warning: raw HTML omitted: <img>",
		},
	}, {
		name: "inside a quote and a list",
		src:  "> Cytat\n> <div>x</div>\n\n- <span>y</span> z\n",
		want: "<blockquote>\n<p>Cytat</p>\n</blockquote>\n<ul>\n<li>y z</li>\n</ul>\n",
		diags: []string{
			"story.md:2:3: warning: raw HTML omitted: <div>",
			"story.md:4:3: warning: raw HTML omitted: <span>",
			"story.md:4:10: warning: raw HTML omitted: </span>",
		},
	}, {
		name:  "comments",
		src:   "<!-- notatka dla redakcji -->\n\nTekst <!-- i tu --> dalej.\n\n<!--\nwiele\n\nlinii\n-->\n",
		want:  "<p>Tekst  dalej.</p>\n",
		diags: nil,
	}, {
		name: "text after a comment",
		src:  "<!-- x --> <b>widać?</b>\n",
		want: "",
		diags: []string{
			"story.md:1:12: warning: raw HTML omitted: <b>",
		},
	}, {
		name: "columns count characters",
		src:  "Zażółć gęślą <u>jaźń</u>\n",
		want: "<p>Zażółć gęślą jaźń</p>\n",
		diags: []string{
			"story.md:1:14: warning: raw HTML omitted: <u>",
			"story.md:1:21: warning: raw HTML omitted: </u>",
		},
	}, {
		name: "other markup",
		src:  "<?php echo 1; ?>\n\n<!DOCTYPE html>\n\n<![CDATA[x]]>\n",
		want: "",
		diags: []string{
			"story.md:1:1: warning: raw HTML omitted: <?…?>",
			"story.md:3:1: warning: raw HTML omitted: <!DOCTYPE>",
			"story.md:5:1: warning: raw HTML omitted: <![CDATA[…]]>",
		},
	}}
	for _, tt := range tests {
		html, diags := convert(t, tt.src, Options{Lang: "pl"})
		check(t, tt.name, html, tt.want, diags, tt.diags)
		for _, leak := range []string{"alert", "<script", "<style", "<iframe", "onerror", "<img", "<div", "<span", "<b>", "<u>", "notatka", "<?php", "CDATA"} {
			if strings.Contains(html, leak) {
				t.Errorf("%s: %q leaks into %q", tt.name, leak, html)
			}
		}
	}
}

func TestFirstLine(t *testing.T) {
	src := "Pierwsza linia.\nDruga <b>linia</b>.\n"
	_, diags := convert(t, src, Options{Lang: "pl", FirstLine: 7})
	want := []string{
		"story.md:8:7: warning: raw HTML omitted: <b>",
		"story.md:8:15: warning: raw HTML omitted: </b>",
	}
	check(t, "first line", "", "", diags, want)
}

func TestFirstParagraph(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"# Tytuł\n\n![Zdjęcie z Porto](porto.jpg)\n\nSemestr  w **Porto** \\*naprawdę\\*\nzmienił &amp; `moje 'życie'` -- [bardzo](https://example.org) 'tak'.[^1]\n\nDrugi.\n\n[^1]: Przypis.\n",
			"Semestr w Porto *naprawdę* zmienił & moje 'życie' – bardzo ‚tak’."},
		{"> Cytat\n\n- lista\n\nAkapit <script>alert(1)</script>po.\n", "Akapit po."},
		{"# Tylko nagłówek\n", ""},
	}
	for _, tt := range tests {
		res, _ := converter.Convert([]byte(tt.src), Options{Path: "story.md", Lang: "pl"})
		if res.FirstParagraph != tt.want {
			t.Errorf("FirstParagraph(%q) = %q, want %q", tt.src, res.FirstParagraph, tt.want)
		}
	}
}

func TestPanicIsRecovered(t *testing.T) {
	res, diags := converter.Convert([]byte("![Zdjęcie](foto.jpg)\n"), Options{
		Path:     "content/stories/anna/index.md",
		Lang:     "pl",
		Resource: func(string) (string, error) { panic("boom") },
	})
	if res.HTML != nil {
		t.Errorf("HTML = %q, want none", res.HTML)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	check(t, "panic", "", "", got, []string{"content/stories/anna/index.md: markdown rendering failed: boom"})
}

func TestConcurrentAndDeterministic(t *testing.T) {
	src := []byte("# Życie\n\n## Życie\n\n\"Cytat\" i 'cytat' <b>x</b> [a](javascript:x) ![b](c.jpg)\n\n| a |\n|---|\n| b |\n\nx[^1]\n\n[^1]: y\n")
	first, firstDiags := converter.Convert(src, Options{Path: "a.md", Lang: "pl"})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lang := []string{"pl", "en"}[i%2]
			res, diags := converter.Convert(src, Options{Path: "a.md", Lang: lang})
			if lang == "pl" && (string(res.HTML) != string(first.HTML) || fmt.Sprint(diags) != fmt.Sprint(firstDiags)) {
				t.Errorf("run %d differs:\n%s\n%v", i, res.HTML, diags)
			}
		}()
	}
	wg.Wait()
}

func TestPathological(t *testing.T) {
	tests := []struct {
		name, src, err string
	}{
		{"nested quotes", strings.Repeat(">", 10000) + " x\n", ""},
		{"nested lists", strings.Repeat("- ", 10000) + "x\n", ""},
		{"open brackets", strings.Repeat("[", 64<<10), ""},
		{"open links on short lines", strings.Repeat("[a](\n", 64<<10/5), ""},
		{"open scripts", strings.Repeat("a <script> ", 5000), ""},
		{"raw tags", strings.Repeat("<b>", 20000), ""},
		{"heading ids", strings.Repeat("# a\n", 20000), ""},
		{"deep quotes", strings.Repeat(">", 64<<10) + " x\n",
			`x.md:1:1: too deeply nested (65536 quotes or lists on one line) for the Markdown renderer`},
		{"deep lists", "a\n\n" + strings.Repeat("1. ", 32<<10) + "x\n",
			`x.md:3:1: too deeply nested (32768 quotes or lists on one line) for the Markdown renderer`},
		{"open links", "Tekst.\n\n" + strings.Repeat("[a](", 64<<10/4),
			`x.md:3:1: too many links on one line (16384 "](" in 65536 characters) for the Markdown renderer; split the line`},
		{"open images", strings.Repeat("![a](", 64<<10/5),
			`x.md:1:1: too many links on one line (13107 "](" in 65535 characters) for the Markdown renderer; split the line`},
		{"open links on many lines", strings.Repeat("[a](\n", 512<<10/5),
			`x.md:1:1: too many links in one paragraph (104857 "]" on 104857 lines) for the Markdown renderer; split the paragraph`},
		{"unmatched emphasis", "Tekst.\n\n" + strings.Repeat("*a_\n", 64<<10/4),
			`x.md:3:1: too many "*", "_" or "~" in one paragraph (32768) for the Markdown renderer; split the paragraph`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, diags := converter.Convert([]byte(tt.src), Options{Path: "x.md", Lang: "pl"})
			var errs []string
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs = append(errs, d.String())
				}
			}
			if got := strings.Join(errs, "\n"); got != tt.err {
				t.Errorf("errors = %q, want %q", got, tt.err)
			}
			if tt.err == "" && len(res.HTML) == 0 && tt.name != "raw tags" {
				t.Error("no HTML")
			}
		})
	}
}
