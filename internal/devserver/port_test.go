package devserver

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// taken returns a port on 127.0.0.1 that a listener holds until the test
// ends.
func taken(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

// portOf returns the port of the URL of s.
func portOf(t *testing.T, s *Server) int {
	t.Helper()
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatalf("URL %s: %v", s.URL(), err)
	}
	return port
}

func TestPortFallback(t *testing.T) {
	busy := taken(t)
	if busy+portTries > 65535 {
		t.Skip("the free port is too close to the end of the range")
	}
	var logs logBuffer
	s := newServer(t, Options{Port: busy, Logf: logs.logf})
	got := portOf(t, s)
	if got <= busy || got > busy+portTries {
		t.Fatalf("asked for busy port %d, got %d; want one of the next %d", busy, got, portTries)
	}
	if want := fmt.Sprintf("http://127.0.0.1:%d/", got); s.URL() != want {
		t.Errorf("URL %s, want %s", s.URL(), want)
	}
	if want := fmt.Sprintf("port %d is in use; serving at %s", busy, s.URL()); logs.String() != want {
		t.Errorf("log %q, want %q", logs.String(), want)
	}
}

func TestPortSetInUse(t *testing.T) {
	busy := taken(t)
	s, err := New(Options{Port: busy, PortSet: true})
	if err == nil {
		shutdown(t, s)
		t.Fatalf("New with --port %d in use: no error", busy)
	}
	if want := fmt.Sprintf("port %d is in use", busy); !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
}

func TestPortDefault(t *testing.T) {
	var logs logBuffer
	s, err := New(Options{Logf: logs.logf})
	if err != nil {
		t.Skipf("ports %d to %d all taken on this machine: %v", DefaultPort, DefaultPort+portTries, err)
	}
	defer shutdown(t, s)
	got := portOf(t, s)
	if got < DefaultPort || got > DefaultPort+portTries {
		t.Errorf("default port: got %d, want %d to %d", got, DefaultPort, DefaultPort+portTries)
	}
	if (got != DefaultPort) != strings.Contains(logs.String(), "is in use") {
		t.Errorf("port %d, log %q", got, logs.String())
	}
}

func TestPortInvalid(t *testing.T) {
	for _, port := range []int{-1, 65536} {
		if _, err := New(Options{Port: port}); err == nil {
			t.Errorf("New with port %d: no error", port)
		}
	}
}

func TestURL(t *testing.T) {
	s := newServer(t, Options{BasePath: "/alumni/"})
	if want := fmt.Sprintf("http://127.0.0.1:%d/alumni/", portOf(t, s)); s.URL() != want {
		t.Errorf("URL %s, want %s", s.URL(), want)
	}
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback:", err)
	}
	ln.Close()
	s = newServer(t, Options{Bind: "::1"})
	if want := fmt.Sprintf("http://[::1]:%d/", portOf(t, s)); s.URL() != want {
		t.Errorf("URL %s, want %s", s.URL(), want)
	}
	if got := urlHost("0.0.0.0"); got != "127.0.0.1" {
		t.Errorf("urlHost(0.0.0.0) = %s", got)
	}
	if got := urlHost("::"); got != "::1" {
		t.Errorf("urlHost(::) = %s", got)
	}
}
