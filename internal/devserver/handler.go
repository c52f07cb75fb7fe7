package devserver

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The server's own paths, relative to the base path.
const (
	ownFolder  = "__alumni/"
	scriptPath = ownFolder + "reload.js"
	socketPath = ownFolder + "ws"
)

//go:embed reload.js
var reloadScript []byte

// notReadyPage is served while there is no good build to serve.
const notReadyPage = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Building the site</title>
<body>
<p>alumni serve has no good build of the site yet. This page reloads by itself when there is one.</p>
</body>
</html>
`

// serveHTTP answers every request, in the order the package documentation
// gives: headers, Host, method, path, then the server's files or the Site's.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Robots-Tag", "noindex")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hosts.allows(r.Host) {
		http.Error(w, fmt.Sprintf("403 forbidden: Host %q is not allowed; open %s, or start alumni serve with --allow-host %s", r.Host, s.url, hostOnly(r.Host)), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: the preview answers GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	p, ok := decodePath(r.URL.EscapedPath())
	if !ok {
		http.Error(w, "400 bad request: invalid path", http.StatusBadRequest)
		return
	}
	if s.base != "/" && p == strings.TrimSuffix(s.base, "/") {
		redirect(w, r, s.baseEscaped)
		return
	}
	rel, ok := strings.CutPrefix(p, s.base)
	if !ok {
		http.Error(w, "404 page not found: the site is served under "+s.base, http.StatusNotFound)
		return
	}
	switch {
	case rel == scriptPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(reloadScript))
		return
	case rel == socketPath:
		s.serveSocket(w, r)
		return
	case strings.HasPrefix(rel, ownFolder):
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	site, build := s.current()
	if site == nil {
		h.Set("Retry-After", "1")
		s.serveBytes(w, r, http.StatusServiceUnavailable, []byte(notReadyPage), "text/html; charset=utf-8", "", build)
		return
	}
	s.serveSite(w, r, site, rel, build)
}

// serveSite serves the file of site at rel, which is relative to the base
// path and has been checked by decodePath.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, site Site, rel, build string) {
	folder := rel == "" || strings.HasSuffix(rel, "/")
	if folder {
		rel += "index.html"
	}
	if data, media, ok := site.File(rel); ok {
		s.serveBytes(w, r, http.StatusOK, data, media, rel, build)
		return
	}
	if !folder {
		if _, _, ok := site.File(rel + "/index.html"); ok {
			redirect(w, r, r.URL.EscapedPath()+"/")
			return
		}
	}
	if data, media, ok := site.File("404.html"); ok {
		s.serveBytes(w, r, http.StatusNotFound, data, media, "404.html", build)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// serveBytes writes data with the given status and media type (guessed from
// rel's extension when empty), adding the live-reload script, which names
// the build served, to HTML.
func (s *Server) serveBytes(w http.ResponseWriter, r *http.Request, status int, data []byte, media, rel, build string) {
	if media == "" {
		media = mime.TypeByExtension(path.Ext(rel))
		if media == "" {
			media = "application/octet-stream"
		}
	}
	if isHTML(media) {
		data = injectScript(data, s.scriptTag(build))
	}
	w.Header().Set("Content-Type", media)
	if status == http.StatusOK {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// redirect answers 301 to the path loc, keeping the request's query.
func redirect(w http.ResponseWriter, r *http.Request, loc string) {
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusMovedPermanently)
}

// decodePath decodes the escaped request path one segment at a time and
// reports whether it is a path the server may look up: see "Security" in
// the package documentation.
func decodePath(escaped string) (string, bool) {
	if escaped == "" {
		return "/", true
	}
	if escaped[0] != '/' {
		return "", false
	}
	segs := strings.Split(escaped[1:], "/")
	var b strings.Builder
	b.Grow(len(escaped))
	for i, seg := range segs {
		b.WriteByte('/')
		if seg == "" {
			if i == len(segs)-1 {
				break
			}
			return "", false
		}
		dec, err := url.PathUnescape(seg)
		if err != nil || !validSegment(dec) {
			return "", false
		}
		b.WriteString(dec)
	}
	return b.String(), true
}

// validSegment reports whether a decoded path segment names a file of its
// folder and nothing else.
func validSegment(seg string) bool {
	if seg == "." || seg == ".." || !utf8.ValidString(seg) {
		return false
	}
	for _, r := range seg {
		if r == '/' || r == '\\' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// isHTML reports whether the media type is text/html.
func isHTML(media string) bool {
	mt, _, err := mime.ParseMediaType(media)
	return err == nil && mt == "text/html"
}

// scriptTag returns the element that loads the live-reload script in a
// page served from build.
func (s *Server) scriptTag(build string) []byte {
	return []byte(`<script src="` + s.scriptSrc + `" data-build="` + html.EscapeString(build) + `"></script>`)
}

// injectScript returns a copy of page with tag inserted just before its last
// "</body>", in any letter case, or at its end. page itself, which the Site
// may share between requests, is not modified.
func injectScript(page, tag []byte) []byte {
	at := len(page)
	const end = "</body"
	for i := len(page) - len(end); i >= 0; i-- {
		if page[i] == '<' && bytes.EqualFold(page[i:i+len(end)], []byte(end)) && endsName(page[i+len(end):]) {
			at = i
			break
		}
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// endsName reports whether rest, what follows a tag name, starts with a
// character that ends the name.
func endsName(rest []byte) bool {
	return len(rest) == 0 || strings.IndexByte(">/ \t\n\r\f", rest[0]) >= 0
}
