package devserver

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// scriptTagOf returns the element that s puts into the pages of its
// generation-th published Site (0 before the first).
func scriptTagOf(s *Server, src string, generation int) string {
	return fmt.Sprintf(`<script src="%s" data-build="%s-%d"></script>`, src, s.instance, generation)
}

func testSite() *fakeSite {
	s := newSite(map[string]string{
		"index.html":              "<!doctype html><html><body><h1>Home</h1></body></html>\n",
		"stories/anna/index.html": "<!doctype html><p>Anna</body><!-- </body> in a comment --></BODY></html>",
		"nobody.html":             "<p>a page without a body end</p>",
		"css/main.1a2b.css":       "body{color:#222}</body>",
		"feed.xml":                "<rss></rss>",
		"data.bin":                "\x00\x01</body>",
		"404.html":                "<html><body>Not here</body></html>",
	})
	s.media["data.bin"] = ""
	return s
}

func TestServeSite(t *testing.T) {
	s := newServer(t, Options{BasePath: "/alumni/"})
	s.Publish(testSite(), nil)
	tag := scriptTagOf(s, "/alumni/__alumni/reload.js", 1)
	tests := []struct {
		target, status, media, body, location string
	}{
		{"/alumni/", "200", "text/html; charset=utf-8", "<!doctype html><html><body><h1>Home</h1>" + tag + "</body></html>\n", ""},
		{"/alumni/index.html", "200", "text/html; charset=utf-8", "<!doctype html><html><body><h1>Home</h1>" + tag + "</body></html>\n", ""},
		{"/alumni/?q=1", "200", "text/html; charset=utf-8", "<!doctype html><html><body><h1>Home</h1>" + tag + "</body></html>\n", ""},
		{"/alumni/stories/anna/", "200", "text/html; charset=utf-8", "<!doctype html><p>Anna</body><!-- </body> in a comment -->" + tag + "</BODY></html>", ""},
		{"/alumni/nobody.html", "200", "text/html; charset=utf-8", "<p>a page without a body end</p>" + tag, ""},
		{"/alumni/css/main.1a2b.css", "200", "text/css; charset=utf-8", "body{color:#222}</body>", ""},
		{"/alumni/css/main.1a2b.css?v=2", "200", "text/css; charset=utf-8", "body{color:#222}</body>", ""},
		{"/alumni/feed.xml", "200", "text/xml; charset=utf-8", "<rss></rss>", ""},
		{"/alumni/data.bin", "200", "application/octet-stream", "\x00\x01</body>", ""},
		{"/alumni/stories/anna", "301", "", "", "/alumni/stories/anna/"},
		{"/alumni/stories/anna?lang=pl", "301", "", "", "/alumni/stories/anna/?lang=pl"},
		{"/alumni", "301", "", "", "/alumni/"},
		{"/alumni?x=1", "301", "", "", "/alumni/?x=1"},
		{"/alumni/missing", "404", "text/html; charset=utf-8", "<html><body>Not here" + tag + "</body></html>", ""},
		{"/alumni/stories/", "404", "text/html; charset=utf-8", "<html><body>Not here" + tag + "</body></html>", ""},
		{"/alumni/index.html/", "404", "text/html; charset=utf-8", "<html><body>Not here" + tag + "</body></html>", ""},
		{"/", "404", "text/plain; charset=utf-8", "404 page not found: the site is served under /alumni/\n", ""},
		{"/index.html", "404", "text/plain; charset=utf-8", "404 page not found: the site is served under /alumni/\n", ""},
		{"/alumni/__alumni/reload.js", "200", "text/javascript; charset=utf-8", string(reloadScript), ""},
		{"/alumni/__alumni/", "404", "text/plain; charset=utf-8", "404 page not found\n", ""},
		{"/alumni/__alumni/index.html", "404", "text/plain; charset=utf-8", "404 page not found\n", ""},
	}
	for _, tt := range tests {
		resp, body := get(t, s.Handler(), tt.target)
		if got := strconv.Itoa(resp.StatusCode); got != tt.status {
			t.Errorf("GET %s: status %s, want %s", tt.target, got, tt.status)
			continue
		}
		if got := resp.Header.Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, got, tt.location)
		}
		if tt.media != "" {
			if got := resp.Header.Get("Content-Type"); got != tt.media {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.target, got, tt.media)
			}
			if body != tt.body {
				t.Errorf("GET %s: body\n%q\nwant\n%q", tt.target, body, tt.body)
			}
		}
		checkCommonHeaders(t, "GET "+tt.target, resp)
	}
}

func checkCommonHeaders(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	for k, want := range map[string]string{"X-Robots-Tag": "noindex", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s: %s %q, want %q", what, k, got, want)
		}
	}
}

func TestServeRootBasePath(t *testing.T) {
	for _, base := range []string{"", "/"} {
		s := newServer(t, Options{BasePath: base})
		s.Publish(newSite(map[string]string{"index.html": "<body>x</body>", "a/index.html": "a"}), nil)
		resp, body := get(t, s.Handler(), "/")
		if want := "<body>x" + scriptTagOf(s, "/__alumni/reload.js", 1) + "</body>"; resp.StatusCode != 200 || body != want {
			t.Errorf("base %q: GET /: %d %q, want 200 %q", base, resp.StatusCode, body, want)
		}
		resp, _ = get(t, s.Handler(), "/a")
		if resp.StatusCode != 301 || resp.Header.Get("Location") != "/a/" {
			t.Errorf("base %q: GET /a: %d Location %q, want 301 /a/", base, resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body = get(t, s.Handler(), "/nope")
		if resp.StatusCode != 404 || body != "404 page not found\n" {
			t.Errorf("base %q: GET /nope without 404.html: %d %q", base, resp.StatusCode, body)
		}
	}
}

// TestSiteBytesUntouched checks that injecting the script never writes into
// the bytes the Site hands out, which a real Site shares between requests.
func TestSiteBytesUntouched(t *testing.T) {
	page := []byte("<body>x</body>" + strings.Repeat(" ", 64))
	shared := sharedSite{"index.html": page[:14:len(page)]}
	s := newServer(t, Options{})
	s.Publish(shared, nil)
	for range 2 {
		if _, body := get(t, s.Handler(), "/"); body != "<body>x"+scriptTagOf(s, "/__alumni/reload.js", 1)+"</body>" {
			t.Fatalf("body %q", body)
		}
	}
	if string(page) != "<body>x</body>"+strings.Repeat(" ", 64) {
		t.Errorf("the Site's bytes were modified: %q", page)
	}
}

// sharedSite hands out the same slices on every call.
type sharedSite map[string][]byte

func (s sharedSite) File(rel string) ([]byte, string, bool) {
	data, ok := s[rel]
	return data, "text/html; charset=utf-8", ok
}

func TestHead(t *testing.T) {
	s := newServer(t, Options{BasePath: "/alumni/"})
	s.Publish(testSite(), nil)
	for _, target := range []string{"/alumni/", "/alumni/css/main.1a2b.css", "/alumni/missing"} {
		getResp, getBody := get(t, s.Handler(), target)
		headResp, headBody := do(t, s.Handler(), http.MethodHead, target, "localhost")
		if headResp.StatusCode != getResp.StatusCode || headBody != "" {
			t.Errorf("HEAD %s: %d with %d body bytes, want %d and none", target, headResp.StatusCode, len(headBody), getResp.StatusCode)
		}
		if got, want := headResp.Header.Get("Content-Length"), strconv.Itoa(len(getBody)); got != want {
			t.Errorf("HEAD %s: Content-Length %s, want %s", target, got, want)
		}
	}
}

func TestRange(t *testing.T) {
	s := newServer(t, Options{})
	s.Publish(newSite(map[string]string{"video.mp4": "0123456789"}), nil)
	req := httptestRequest("/video.mp4")
	req.Header.Set("Range", "bytes=2-4")
	resp, body := serve(t, s, req)
	if resp.StatusCode != http.StatusPartialContent || body != "234" {
		t.Errorf("Range bytes=2-4: %d %q, want 206 \"234\"", resp.StatusCode, body)
	}
}

func TestNotBuiltYet(t *testing.T) {
	s := newServer(t, Options{BasePath: "/alumni/"})
	check := func(when string) {
		t.Helper()
		resp, body := get(t, s.Handler(), "/alumni/stories/anna/")
		if tag := scriptTagOf(s, "/alumni/__alumni/reload.js", 0); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, tag+"</body>") {
			t.Errorf("%s: %d %q, want 503 with the script", when, resp.StatusCode, body)
		}
		checkCommonHeaders(t, when, resp)
	}
	check("before the first build")
	s.Publish(nil, []Problem{{Path: "site.yaml", Line: 1, Col: 1, Message: "bad"}})
	check("after a failed first build")
	s.Publish(testSite(), nil)
	if resp, _ := get(t, s.Handler(), "/alumni/stories/anna/"); resp.StatusCode != 200 {
		t.Errorf("after a good build: %d, want 200", resp.StatusCode)
	}
	s.Publish(nil, []Problem{{Path: "site.yaml", Message: "bad again"}})
	if resp, _ := get(t, s.Handler(), "/alumni/stories/anna/"); resp.StatusCode != 200 {
		t.Errorf("Publish(nil, problems) after a good build: %d, want 200 from the last good build", resp.StatusCode)
	}
}

func TestInjectScript(t *testing.T) {
	tests := []struct{ page, want string }{
		{"", "T"},
		{"<body></body>", "<body>T</body>"},
		{"</Body >", "T</Body >"},
		{"</body></body>", "</body>T</body>"},
		{"<p></bod", "<p></bodT"},
		{"</bodyx", "</bodyxT"},
		{"</body\n>", "T</body\n>"},
	}
	for _, tt := range tests {
		if got := string(injectScript([]byte(tt.page), []byte("T"))); got != tt.want {
			t.Errorf("injectScript(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}

func TestBasePathOption(t *testing.T) {
	tests := map[string]string{"": "/", "/": "/", "alumni": "/alumni/", "/alumni": "/alumni/", "/a/b/": "/a/b/", "/a//b/../c": "/a/c/"}
	for in, want := range tests {
		if got, err := cleanBasePath(in); err != nil || got != want {
			t.Errorf("cleanBasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"/a?b", "/a#b", `/a\b`, "/a\x00"} {
		if _, err := New(Options{BasePath: in, PortSet: true}); err == nil {
			t.Errorf("New with BasePath %q: no error", in)
		}
	}
}

func TestBasePathNeedsEscaping(t *testing.T) {
	s := newServer(t, Options{BasePath: "/old & new/"})
	s.Publish(newSite(map[string]string{"index.html": "<body></body>"}), nil)
	if !strings.HasSuffix(s.URL(), "/old%20&%20new/") {
		t.Errorf("URL %s", s.URL())
	}
	resp, body := get(t, s.Handler(), "/old%20&%20new/")
	if want := "<body>" + scriptTagOf(s, "/old%20&amp;%20new/__alumni/reload.js", 1) + "</body>"; resp.StatusCode != 200 || body != want {
		t.Errorf("GET: %d %q, want 200 %q", resp.StatusCode, body, want)
	}
	resp, _ = get(t, s.Handler(), "/old%20&%20new")
	if got := resp.Header.Get("Location"); resp.StatusCode != 301 || got != "/old%20&%20new/" {
		t.Errorf("GET without slash: %d Location %q", resp.StatusCode, got)
	}
	if resp, _ := get(t, s.Handler(), "/old%20&%20new/__alumni/reload.js"); resp.StatusCode != 200 {
		t.Errorf("GET reload.js: %d", resp.StatusCode)
	}
}
