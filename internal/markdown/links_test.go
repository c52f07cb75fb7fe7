package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestUnsafeLinks(t *testing.T) {
	tests := []struct {
		src, quoted string
	}{
		{"[x](javascript:alert(1))", `"javascript:alert(1)"`},
		{"[x](JaVaScRiPt:alert(1))", `"JaVaScRiPt:alert(1)"`},
		{"[x](&#106;avascript:alert(1))", `"&#106;avascript:alert(1)"`},
		{"[x](&#x6A;avascript:alert(1))", `"&#x6A;avascript:alert(1)"`},
		{"[x](&#0000106avascript:alert(1))", `"&#0000106avascript:alert(1)"`},
		{"[x](javascript&colon;alert(1))", `"javascript&colon;alert(1)"`},
		{"[x](&amp;#106;avascript:alert(1))", `"&amp;#106;avascript:alert(1)"`},
		{"[x](<java\tscript:alert(1)>)", `"java\tscript:alert(1)"`},
		{"[x](java&#9;script:alert(1))", `"java&#9;script:alert(1)"`},
		{"[x](java&#10;script:alert(1))", `"java&#10;script:alert(1)"`},
		{"[x](java&#x0D;script:alert(1))", `"java&#x0D;script:alert(1)"`},
		{"[x](<  javascript:alert(1)>)", `"  javascript:alert(1)"`},
		{"[x](&#32;javascript:alert(1))", `"&#32;javascript:alert(1)"`},
		{"[x](&#1;javascript:alert(1))", `"&#1;javascript:alert(1)"`},
		{"[x](%6Aavascript:alert(1))", `"%6Aavascript:alert(1)"`},
		{"[x](vbscript:msgbox(1))", `"vbscript:msgbox(1)"`},
		{"[x](VBScript:msgbox(1))", `"VBScript:msgbox(1)"`},
		{"[x](file:///etc/passwd)", `"file:///etc/passwd"`},
		{"[x](FILE://server/share)", `"FILE://server/share"`},
		{"[x](data:text/html;base64,PHNjcmlwdD4=)", `"data:text/html;base64,PHNjcmlwdD4="`},
		{"[x](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB)", `"data:image/png;base64,iVBORw0KGgoAAAANSU…"`},
		{"[x](javascript:alert(1) \"tytuł\")", `"javascript:alert(1)"`},
		{"[x][r]\n\n[r]: javascript:alert(1)", `"javascript:alert(1)"`},
		{"[x]\n\n[x]: <JAVASCRIPT:alert(1)>", `"JAVASCRIPT:alert(1)"`},
	}
	for _, tt := range tests {
		html, diags := convert(t, tt.src, Options{Lang: "pl"})
		want := []string{"story.md:1:1: warning: unsafe link " + tt.quoted + " removed"}
		check(t, tt.src, html, "<p>x</p>\n", diags, want)
	}
}

func TestUnsafeLinkKeepsMarkup(t *testing.T) {
	html, diags := convert(t, "Zobacz [**to** i `to`](javascript:void(0)) albo <javascript:alert(1)>.", Options{Lang: "en"})
	check(t, "markup", html, "<p>Zobacz <strong>to</strong> i <code>to</code> albo javascript:alert(1).</p>\n", diags, []string{
		`story.md:1:8: warning: unsafe link "javascript:void(0)" removed`,
		`story.md:1:49: warning: unsafe link "javascript:alert(1)" removed`,
	})
}

func TestSafeLinks(t *testing.T) {
	src := "[a](https://example.org/?q=javascript:x) [b](mailto:biuro@example.org) [c](/historie/) [d](#wstep) " +
		"[e](tel:+48123456789) [f](javascript-kurs.html) [g](./javascript:x) <https://example.org> <biuro@example.org>"
	want := `<p><a href="https://example.org/?q=javascript:x">a</a> <a href="mailto:biuro@example.org">b</a> ` +
		`<a href="/historie/">c</a> <a href="#wstep">d</a> <a href="tel:+48123456789">e</a> ` +
		`<a href="javascript-kurs.html">f</a> <a href="./javascript:x">g</a> ` +
		`<a href="https://example.org">https://example.org</a> <a href="mailto:biuro@example.org">biuro@example.org</a></p>` + "\n"
	html, diags := convert(t, src, Options{Lang: "pl"})
	check(t, "safe", html, want, diags, nil)
}

func TestUnsafeImages(t *testing.T) {
	tests := []struct {
		src, quoted string
	}{
		{"![x](javascript:alert(1))", `"javascript:alert(1)"`},
		{"![x](&#106;avascript:alert(1))", `"&#106;avascript:alert(1)"`},
		{"![x](vbscript:x)", `"vbscript:x"`},
		{"![x](file:///C:/zdjecie.jpg)", `"file:///C:/zdjecie.jpg"`},
		{"![x](data:image/png;base64,AAAA)", `"data:image/png;base64,AAAA"`},
		{"![x](DATA:image/svg+xml,<svg/onload=alert(1)>)", `"DATA:image/svg+xml,<svg/onload=alert(1)>"`},
		{"![](data:image/gif;base64,AAAA)", `"data:image/gif;base64,AAAA"`},
	}
	for _, tt := range tests {
		html, diags := convert(t, "Tekst\n"+tt.src+"\n", Options{Lang: "pl"})
		want := []string{"story.md:2:1: warning: unsafe image " + tt.quoted + " removed"}
		check(t, tt.src, html, "<p>Tekst\n</p>\n", diags, want)
	}
}

func TestImages(t *testing.T) {
	var asked []string
	resource := func(dest string) (string, error) {
		asked = append(asked, dest)
		if strings.HasPrefix(dest, "brak") {
			return "", fmt.Errorf("image %q not found in the page bundle", dest)
		}
		return "/historie/anna/" + strings.ReplaceAll(dest, " ", "-"), nil
	}
	src := `![Anna w Porto](porto.jpg "Porto, 2023")
![](bez-opisu.jpg)
![   ](spacje.jpg)
![-](ozdobnik.png)
![Brak](brak.jpg)
![Zdalne](https://example.org/a.jpg) ![Absolutne](/img/a.jpg)
![Spacja](<moje zdjęcie.jpg>) ![Procent](moje%20zdj%C4%99cie.jpg)
![Pusty]()
`
	want := `<p><img src="/historie/anna/porto.jpg" alt="Anna w Porto" title="Porto, 2023">
<img src="/historie/anna/bez-opisu.jpg" alt="">
<img src="/historie/anna/spacje.jpg" alt="   ">
<img src="/historie/anna/ozdobnik.png" alt="">
<img src="brak.jpg" alt="Brak">
<img src="https://example.org/a.jpg" alt="Zdalne"> <img src="/img/a.jpg" alt="Absolutne">
<img src="/historie/anna/moje-zdj%C4%99cie.jpg" alt="Spacja"> <img src="/historie/anna/moje-zdj%C4%99cie.jpg" alt="Procent">
<img src="" alt="Pusty"></p>
`
	html, diags := convert(t, src, Options{Lang: "pl", FirstLine: 4, Resource: resource})
	check(t, "images", html, want, diags, []string{
		`story.md:5:1: image "bez-opisu.jpg" has no alt text; describe it, or write ![-](bez-opisu.jpg) if it is decorative`,
		`story.md:6:1: image "spacje.jpg" has no alt text; describe it, or write ![-](spacje.jpg) if it is decorative`,
		`story.md:8:1: image "brak.jpg" not found in the page bundle`,
		`story.md:11:1: image has no source`,
	})
	wantAsked := []string{"porto.jpg", "bez-opisu.jpg", "spacje.jpg", "ozdobnik.png", "brak.jpg", "moje zdjęcie.jpg", "moje zdjęcie.jpg"}
	if !slices.Equal(asked, wantAsked) {
		t.Errorf("Resource asked for %q, want %q", asked, wantAsked)
	}
}

func TestImagesWithoutResource(t *testing.T) {
	html, diags := convert(t, "Tekst.\n\n![Zdjęcie](foto.jpg)", Options{Lang: "en", FirstLine: 7})
	check(t, "no resource", html, "<p>Tekst.</p>\n<p><img src=\"foto.jpg\" alt=\"Zdjęcie\"></p>\n", diags, nil)
	_, diags = convert(t, "Tekst.\n![](foto.jpg)", Options{Lang: "en", FirstLine: 7})
	check(t, "first line", "", "", diags, []string{
		`story.md:8:1: image "foto.jpg" has no alt text; describe it, or write ![-](foto.jpg) if it is decorative`,
	})
}

func TestLinkHook(t *testing.T) {
	c := New([]string{"pl"})
	src := []byte("[gone](/stories/x/) and [kept](../y/) and [frag](#a) and [ext](https://example.org/x/)\n")
	var asked []string
	res, ds := c.Convert(src, Options{Path: "a.md", Lang: "pl", Link: func(dest string) bool {
		asked = append(asked, dest)
		return dest != "/stories/x/"
	}})
	want := `<p>gone and <a href="../y/">kept</a> and <a href="#a">frag</a> and <a href="https://example.org/x/">ext</a></p>` + "\n"
	if string(res.HTML) != want || len(ds) != 0 {
		t.Errorf("got %q %v\nwant %q", res.HTML, ds, want)
	}
	if got := strings.Join(asked, " "); got != "/stories/x/ ../y/" {
		t.Errorf("Link asked for %q", got)
	}
}
