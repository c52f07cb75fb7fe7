package devserver

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"log"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alumni-site/alumni/internal/diag"
)

const (
	// DefaultPort is the port tried first when Options.Port is 0.
	DefaultPort = 1313
	// portTries is how many ports after the first one are tried.
	portTries = 20
	// compareBudget bounds how long Publish compares two builds to tell
	// a stylesheet-only change from any other.
	compareBudget = 250 * time.Millisecond
	// shutdownTimeout bounds the graceful shutdown of Serve.
	shutdownTimeout = 5 * time.Second
)

// Site is what the server serves: the latest successful build, kept in
// memory.
type Site interface {
	// File returns the bytes and media type of the file at the slash path
	// rel (relative to the site root, no base path, e.g.
	// "stories/anna/index.html", "css/main.1a2b.css"), or ok=false.
	File(rel string) (data []byte, mediaType string, ok bool)
}

// Lister is implemented by a Site that can list its files. Publish compares
// two Listers to recognise a change that touched only stylesheets; a Site
// that is not a Lister always makes Publish send "reload".
type Lister interface {
	// Paths returns the slash path of every file of the Site, sorted, at
	// once: a Site still being completed lists the files it knows so far.
	// Callers do not change the list.
	Paths() []string
}

// Problem is one build error or warning shown in the overlay.
type Problem struct {
	Path      string
	Line, Col int
	Warning   bool
	Message   string
}

// String formats p as the terminal prints it: "path:line:col: message",
// with "warning: " before the message of a warning.
func (p Problem) String() string {
	sev := diag.Error
	if p.Warning {
		sev = diag.Warning
	}
	return diag.Diagnostic{Path: p.Path, Pos: diag.Pos{Line: p.Line, Col: p.Col}, Severity: sev, Message: p.Message}.String()
}

// Options configures a Server.
type Options struct {
	Bind       string   // default 127.0.0.1
	Port       int      // 0 means the default: 1313, or the next free one up to 1313+20
	PortSet    bool     // --port given explicitly: a taken port is an error, not "try the next"
	AllowHosts []string // --allow-host names
	BasePath   string   // baseURL's path, e.g. "/alumni/" ("/" for none): the site is served under it
	Logf       func(format string, args ...any)
}

// Server serves one site for the preview. Its methods are safe for
// concurrent use.
type Server struct {
	ln          net.Listener
	url         string
	base        string // the base path, decoded
	baseEscaped string // the base path as a URL path
	scriptSrc   string // the script's URL, escaped for an attribute
	hosts       *hostPolicy
	logf        func(format string, args ...any)

	publishMu sync.Mutex // serialises Publish, so messages keep build order
	mu        sync.Mutex // guards the fields below
	site      Site
	// instance and generation name the build a page was served from (see
	// buildID): instance is random per Server, generation counts the
	// Sites published.
	instance   string
	generation int
	problems   []Problem
	clients    map[*client]struct{}
	stopped    bool           // set by stop: no client may join
	sockets    sync.WaitGroup // the clients that joined and have not left

	serving  atomic.Bool
	done     chan struct{} // closed when Serve stops
	stopOnce sync.Once
}

// New returns a Server listening as opt says. It chooses the port (see the
// package documentation) and logs a warning for a bind address that is not
// loopback.
func New(opt Options) (*Server, error) {
	logf := opt.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	bind := strings.TrimSuffix(strings.TrimPrefix(cmp.Or(opt.Bind, "127.0.0.1"), "["), "]")
	base, err := cleanBasePath(opt.BasePath)
	if err != nil {
		return nil, err
	}
	if opt.Port < 0 || opt.Port > 65535 {
		return nil, fmt.Errorf("invalid port %d", opt.Port)
	}
	ln, err := listen(bind, opt.Port, opt.PortSet)
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	escaped := (&url.URL{Path: base}).EscapedPath()
	s := &Server{
		ln:          ln,
		url:         "http://" + net.JoinHostPort(urlHost(bind), strconv.Itoa(port)) + escaped,
		base:        base,
		baseEscaped: escaped,
		scriptSrc:   html.EscapeString(escaped + scriptPath),
		instance:    rand.Text()[:8],
		hosts:       newHostPolicy(bind, opt.AllowHosts),
		logf:        logf,
		clients:     map[*client]struct{}{},
		done:        make(chan struct{}),
	}
	if first := cmp.Or(opt.Port, DefaultPort); !opt.PortSet && port != first {
		logf("port %d is in use; serving at %s", first, s.url)
	}
	if !isLoopback(bind) {
		logf("warning: --bind %s makes the preview, drafts included, reachable from other machines; use --bind 127.0.0.1 unless you mean it", bind)
	}
	return s, nil
}

// cleanBasePath returns the decoded path p with one leading and one
// trailing slash.
func cleanBasePath(p string) (string, error) {
	if strings.ContainsAny(p, "?#\\") || strings.ContainsFunc(p, unicode.IsControl) || !utf8.ValidString(p) {
		return "", fmt.Errorf("invalid base path %q", p)
	}
	p = path.Clean("/" + p)
	if p != "/" {
		p += "/"
	}
	return p, nil
}

// listen opens the listener on bind, trying the ports after port when it
// is in use and the port was not set explicitly.
func listen(bind string, port int, portSet bool) (net.Listener, error) {
	if portSet {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("port %d is in use: choose another with --port, or leave --port out to take the next free one", port)
		}
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %v", net.JoinHostPort(bind, strconv.Itoa(port)), err)
		}
		return ln, nil
	}
	first := cmp.Or(port, DefaultPort)
	last := min(first+portTries, 65535)
	for p := first; p <= last; p++ {
		addr := net.JoinHostPort(bind, strconv.Itoa(p))
		ln, err := net.Listen("tcp", addr)
		if errors.Is(err, syscall.EADDRINUSE) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %v", addr, err)
		}
		return ln, nil
	}
	return nil, fmt.Errorf("ports %d to %d are all in use: choose a free one with --port", first, last)
}

// urlHost returns the host to print in the URL of a server bound to bind:
// a wildcard address is reached through loopback.
func urlHost(bind string) string {
	a, err := netip.ParseAddr(bind)
	switch {
	case err != nil || !a.IsUnspecified():
		return bind
	case a.Is4():
		return "127.0.0.1"
	default:
		return "::1"
	}
}

// URL returns the address of the site, base path included, e.g.
// http://127.0.0.1:1313/alumni/.
func (s *Server) URL() string { return s.url }

// Handler returns the handler that Serve serves, for tests.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Serve serves until ctx is done, then closes every WebSocket (the scripts
// reconnect to the next server), lets the requests in flight finish and
// closes the listener. It can be called once.
func (s *Server) Serve(ctx context.Context) error {
	if !s.serving.CompareAndSwap(false, true) {
		return errors.New("devserver: Serve called twice")
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          log.New(logWriter(s.logf), "", 0),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		s.stop()
		s.ln.Close()
		return fmt.Errorf("serve %s: %v", s.url, err)
	case <-ctx.Done():
	}
	s.stop()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	s.ln.Close()
	<-errc
	sockets := make(chan struct{})
	go func() { s.sockets.Wait(); close(sockets) }()
	select {
	case <-sockets:
	case <-sctx.Done():
	}
	if err != nil {
		return fmt.Errorf("shut down %s: %v", s.url, err)
	}
	return nil
}

// stop tells every WebSocket that the server is going away.
func (s *Server) stop() {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopped = true
		s.mu.Unlock()
		close(s.done)
	})
}

// logWriter adapts a Logf function to the io.Writer of a log.Logger.
type logWriter func(format string, args ...any)

func (f logWriter) Write(p []byte) (int, error) {
	f("%s", strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}
