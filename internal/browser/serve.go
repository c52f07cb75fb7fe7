package browser

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"
)

// Server serves a folder on 127.0.0.1.
type Server struct {
	// Origin is the server's scheme, address and port, such as
	// http://127.0.0.1:43121, without a trailing slash.
	Origin string
	base   string
	srv    *http.Server
	done   chan error
}

// Serve publishes dir under base, a path that starts and ends with "/"
// (the path of the site's baseURL, such as /alumni/): dir/x.html is served
// as <base>x.html, and every path outside base is not found. The server
// runs until Close.
func Serve(dir, base string) (*Server, error) {
	if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") {
		return nil, errors.New("browser.Serve: base must start and end with /")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	files := http.FileServer(http.Dir(dir))
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), noCache(files)))
	s := &Server{
		Origin: "http://" + ln.Addr().String(),
		base:   base,
		srv:    &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second},
		done:   make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// URL returns the absolute URL of a root-relative path such as
// /alumni/en/.
func (s *Server) URL(path string) string { return s.Origin + path }

// Base returns the path the folder is served under.
func (s *Server) Base() string { return s.base }

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// noCache keeps the browser from reusing a file of an earlier build.
func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}
