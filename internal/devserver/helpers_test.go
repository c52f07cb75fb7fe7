package devserver

import (
	"context"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeSite is a Site and Lister backed by a map from path to content. It
// records every path it is asked for.
type fakeSite struct {
	files map[string]string
	media map[string]string // media types that differ from the extension's

	mu    sync.Mutex
	asked []string
}

func newSite(files map[string]string) *fakeSite {
	return &fakeSite{files: files, media: map[string]string{}}
}

func (f *fakeSite) File(rel string) ([]byte, string, bool) {
	f.mu.Lock()
	f.asked = append(f.asked, rel)
	f.mu.Unlock()
	data, ok := f.files[rel]
	if !ok {
		return nil, "", false
	}
	media, ok := f.media[rel]
	if !ok {
		media = mime.TypeByExtension(path.Ext(rel))
	}
	return []byte(data), media, true
}

func (f *fakeSite) Paths() []string { return slices.Sorted(maps.Keys(f.files)) }

func (f *fakeSite) askedPaths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.asked)
}

// with returns a copy of f with the files in changes set, or removed when
// their content is "-".
func (f *fakeSite) with(changes map[string]string) *fakeSite {
	files := maps.Clone(f.files)
	for p, c := range changes {
		if c == "-" {
			delete(files, p)
		} else {
			files[p] = c
		}
	}
	g := newSite(files)
	g.media = maps.Clone(f.media)
	return g
}

// filesOnly hides the Lister of a Site.
type filesOnly struct{ s Site }

func (f filesOnly) File(rel string) ([]byte, string, bool) { return f.s.File(rel) }

// logBuffer collects what a Server logs.
type logBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *logBuffer) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// newServer returns a Server on a free loopback port that is shut down when
// the test ends. Unless opt says otherwise the system chooses the port.
func newServer(t *testing.T, opt Options) *Server {
	t.Helper()
	if opt.Port == 0 {
		opt.PortSet = true
	}
	if opt.Logf == nil {
		opt.Logf = t.Logf
	}
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdown(t, s) })
	return s
}

// shutdown stops s, whether Serve runs or not.
func shutdown(t *testing.T, s *Server) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Serve(ctx); err != nil && !strings.Contains(err.Error(), "called twice") {
		t.Errorf("Serve: %v", err)
	}
}

// startServer returns a Server that serves on a real listener until the
// test ends, the function that stops it, and one that waits for Serve to
// return and returns its result.
func startServer(t *testing.T, opt Options) (*Server, context.CancelFunc, func() error) {
	t.Helper()
	s := newServer(t, opt)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	wait := sync.OnceValue(func() error { return <-done })
	t.Cleanup(func() {
		cancel()
		wait()
	})
	return s, cancel, wait
}

// do sends a request with the given method, target and Host through the
// handler and returns the response with its body read.
func do(t *testing.T, h http.Handler, method, target, host string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// get is do with GET and a localhost Host.
func get(t *testing.T, h http.Handler, target string) (*http.Response, string) {
	t.Helper()
	return do(t, h, http.MethodGet, target, "localhost:1313")
}

// httptestRequest returns a GET request for target with a localhost Host.
func httptestRequest(target string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "localhost"
	return req
}

// serve sends req through the handler of s.
func serve(t *testing.T, s *Server, req *http.Request) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	resp := rec.Result()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}
