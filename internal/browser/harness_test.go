package browser

import (
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestServeUnderBase(t *testing.T) {
	s, err := Serve("testdata", "/site/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for path, want := range map[string]int{
		"/site/good.html": http.StatusOK,
		"/site/none.html": http.StatusNotFound,
		"/good.html":      http.StatusNotFound,
	} {
		resp, err := http.Get(s.URL(path))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: status %d, want %d", path, resp.StatusCode, want)
		}
		if want == http.StatusOK && !strings.Contains(string(body), "<h1>A good page</h1>") {
			t.Errorf("GET %s: unexpected body %q", path, body)
		}
	}
	if !strings.HasPrefix(s.Origin, "http://127.0.0.1:") {
		t.Errorf("Origin = %q, want http://127.0.0.1:<port>", s.Origin)
	}
}

func TestIsLocal(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:8080/a/":          true,
		"http://localhost/x.css":            true,
		"data:image/png;base64,AAAA":        true,
		"blob:http://127.0.0.1:1/uuid":      true,
		"https://www.youtube-nocookie.com/": false,
		"http://127.0.0.2.example.com/":     false,
		"https://player.vimeo.com/video/1":  false,
	} {
		if got := IsLocal(raw); got != want {
			t.Errorf("IsLocal(%q) = %v, want %v", raw, got, want)
		}
	}
}

// TestAxeAndNetworkGuard checks that the harness's checks can fail: axe
// finds the faults of a bad page and none on a good one, and an image from
// another host is recorded and blocked.
func TestAxeAndNetworkGuard(t *testing.T) {
	b := sharedBrowser(t)
	axe := sharedAxe(t)
	s, err := Serve("testdata", "/")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	ctx := tab(t, b)
	reqs, err := Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL("/good.html"))); err != nil {
		t.Fatal(err)
	}
	vs, err := axe.Run(ctx, WCAG21AA...)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 0 {
		t.Errorf("good.html: want no violations, got:%s", violationList(vs))
	}
	if ext := reqs.External(); len(ext) != 0 {
		t.Errorf("good.html requested %v", ext)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL("/bad.html"))); err != nil {
		t.Fatal(err)
	}
	vs, err = axe.Run(ctx, WCAG21AA...)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "html-has-lang"} {
		if !slices.Contains(ids, want) {
			t.Errorf("bad.html: axe did not report %s; got %v", want, ids)
		}
	}
	const pixel = "http://tracker.example.com/pixel.png"
	if ext := reqs.External(); !slices.Contains(ext, pixel) {
		t.Errorf("bad.html: the request for %s was not recorded; got %v", pixel, ext)
	}
	if !slices.Contains(b.Blocked(), "tracker.example.com") && !slices.Contains(b.Blocked(), "tracker.example.com:80") {
		t.Errorf("bad.html: the proxy did not block tracker.example.com; blocked %v", b.Blocked())
	}
}

func TestValidateFindsErrors(t *testing.T) {
	java, jar := vnuTools(t)
	msgs, err := Validate(t.Context(), java, jar, filepath.Join("testdata", "good.html"), filepath.Join("testdata", "bad.html"))
	if err != nil {
		t.Fatal(err)
	}
	var good, bad int
	for _, m := range msgs {
		switch {
		case strings.HasSuffix(m.URL, "/good.html"):
			good++
			t.Errorf("good.html: %s", m)
		case strings.HasSuffix(m.URL, "/bad.html"):
			bad++
		}
	}
	if bad == 0 {
		t.Errorf("bad.html: the checker reported no errors")
	}
}
