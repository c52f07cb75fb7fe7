package devserver

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestMethods(t *testing.T) {
	s := newServer(t, Options{})
	s.Publish(testSite(), nil)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"} {
		for _, target := range []string{"/", "/__alumni/ws", "/__alumni/reload.js"} {
			resp, _ := do(t, s.Handler(), method, target, "localhost")
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d Allow %q, want 405 Allow \"GET, HEAD\"", method, target, resp.StatusCode, resp.Header.Get("Allow"))
			}
			checkCommonHeaders(t, method+" "+target, resp)
		}
	}
}

// secretSite holds files whose paths escape the site, as a careless Site
// backed by a file system would find them. The server must never ask for
// them.
func secretSite() *fakeSite {
	s := testSite()
	for _, p := range []string{"../secret.txt", "../../secret.txt", "..\\secret.txt", "/secret.txt", "secret.txt\x00.html", "..", "../index.html"} {
		s.files[p] = "SECRET"
	}
	return s
}

// traversals are request targets that try to leave the site.
var traversals = []string{
	"/alumni/../secret.txt",
	"/alumni/../../secret.txt",
	"/alumni/stories/../../secret.txt",
	"/alumni/%2e%2e/secret.txt",
	"/alumni/%2E%2E/secret.txt",
	"/alumni/.%2e/secret.txt",
	"/alumni/%2e./secret.txt",
	"/alumni/..%2fsecret.txt",
	"/alumni/..%2Fsecret.txt",
	"/alumni/%2e%2e%2fsecret.txt",
	"/alumni/stories%2f..%2f..%2fsecret.txt",
	"/alumni/..%5csecret.txt",
	"/alumni/..%5Csecret.txt",
	`/alumni/..\secret.txt`,
	`/alumni/stories\..\..\secret.txt`,
	"/alumni/secret.txt%00.html",
	"/alumni/%00",
	"/alumni/..%00/secret.txt",
	"/alumni/%c0%ae%c0%ae/secret.txt",
	"/alumni/%e0%80%ae%e0%80%ae/secret.txt",
	"/alumni/%2fsecret.txt",
	"/alumni//secret.txt",
	"//secret.txt",
	"/alumni/./index.html",
	"/alumni/%2e/index.html",
	"/alumni/..",
	"/alumni/%2e%2e",
	"/alumni/stories/%0a",
}

func TestTraversal(t *testing.T) {
	s := newServer(t, Options{BasePath: "/alumni/"})
	site := secretSite()
	s.Publish(site, nil)
	for _, target := range traversals {
		resp, body := get(t, s.Handler(), target)
		if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, resp.StatusCode)
		}
		if strings.Contains(body, "SECRET") {
			t.Errorf("GET %s: served a file outside the site", target)
		}
	}
	checkAsked(t, site)
}

// TestTraversalOverTCP sends the same targets byte for byte over a real
// connection, so that nothing on the way (a client normalising the URL)
// hides what the server does with them.
func TestTraversalOverTCP(t *testing.T) {
	s, _, _ := startServer(t, Options{BasePath: "/alumni/"})
	site := secretSite()
	s.Publish(site, nil)
	addr := strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/alumni/")
	// Targets a client library would refuse to send.
	targets := append(traversals, "/alumni/\x00/secret.txt", "/alumni/..\x00/secret.txt", "/alumni/%zz/../secret.txt")
	for _, target := range targets {
		status, body := rawGet(t, addr, target)
		if status != http.StatusBadRequest && status != http.StatusNotFound {
			t.Errorf("GET %q over TCP: status %d, want 400 or 404", target, status)
		}
		if strings.Contains(body, "SECRET") {
			t.Errorf("GET %q over TCP: served a file outside the site", target)
		}
	}
	checkAsked(t, site)
}

// checkAsked fails if site was asked for a path that is not a clean path
// inside the site.
func checkAsked(t *testing.T, site *fakeSite) {
	t.Helper()
	for _, p := range site.askedPaths() {
		clean := !strings.HasPrefix(p, "/") && !strings.ContainsAny(p, "\\\x00")
		for seg := range strings.SplitSeq(p, "/") {
			clean = clean && seg != ".." && seg != "." && seg != ""
		}
		if !clean {
			t.Errorf("the Site was asked for %q", p)
		}
	}
}

// rawGet sends a GET request line with target as is and returns the status
// and body of the answer.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	var body strings.Builder
	sc := bufio.NewScanner(conn)
	status := 0
	for sc.Scan() {
		if status == 0 {
			fmt.Sscanf(sc.Text(), "HTTP/1.1 %d", &status)
		}
		body.WriteString(sc.Text() + "\n")
	}
	return status, body.String()
}

func TestHost(t *testing.T) {
	s := newServer(t, Options{AllowHosts: []string{"preview.example", "Laptop.Local.", "10.1.2.3:8080"}})
	site := testSite()
	s.Publish(site, nil)
	port := strings.TrimSuffix(s.URL()[strings.LastIndex(s.URL(), ":")+1:], "/")
	allowed := []string{
		"127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "localhost", "LocalHost:1313", "localhost.",
		"[::1]:" + port, "[::1]", "127.0.0.2:1313",
		"preview.example", "PREVIEW.example:8443", "laptop.local", "10.1.2.3",
	}
	for _, host := range allowed {
		if resp, _ := do(t, s.Handler(), http.MethodGet, "/", host); resp.StatusCode != http.StatusOK {
			t.Errorf("Host %q: status %d, want 200", host, resp.StatusCode)
		}
	}
	before := len(site.askedPaths())
	denied := []string{
		"", "evil.example", "evil.example:" + port, "localhost.evil.example", "evil-localhost",
		"127.0.0.1.nip.io", "sub.preview.example", "preview.example.evil.example",
		"192.168.1.10", "[fe80::1]", "0.0.0.0", "[::]", "10.1.2.4",
	}
	for _, host := range denied {
		resp, _ := do(t, s.Handler(), http.MethodGet, "/", host)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("Host %q: status %d, want 403", host, resp.StatusCode)
		}
		checkCommonHeaders(t, "Host "+host, resp)
	}
	if got := site.askedPaths()[before:]; len(got) != 0 {
		t.Errorf("a request with a foreign Host reached the Site: %q", got)
	}
}

// TestHostOverTCP checks the DNS rebinding case end to end: a page of
// another site whose name now resolves to this machine sends its own name.
func TestHostOverTCP(t *testing.T) {
	s, _, _ := startServer(t, Options{})
	s.Publish(testSite(), nil)
	req, err := http.NewRequest(http.MethodGet, s.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "rebind.evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("Host rebind.evil.example: status %d, want 403", resp.StatusCode)
	}
}

func TestHostWildcard(t *testing.T) {
	var iface netip.Addr
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skip(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() {
			iface, _ = netip.AddrFromSlice(n.IP)
			iface = iface.Unmap()
			break
		}
	}
	if !iface.IsValid() {
		t.Skip("no network interface address other than loopback")
	}
	host := netip.AddrPortFrom(iface, 1313).String()
	for _, bind := range []string{"0.0.0.0", "::"} {
		h := newHostPolicy(bind, nil)
		if !h.allows(host) || !h.allows(host) {
			t.Errorf("bind %s: interface address %s refused", bind, host)
		}
		for _, bad := range []string{"evil.example", "203.0.113.9", "[2001:db8::1]:1313"} {
			if h.allows(bad) {
				t.Errorf("bind %s: Host %q allowed", bind, bad)
			}
		}
	}
	if newHostPolicy("127.0.0.1", nil).allows(host) {
		t.Errorf("bind 127.0.0.1: interface address %s allowed", host)
	}
}

func TestBindWarning(t *testing.T) {
	for bind, warn := range map[string]bool{"": false, "127.0.0.1": false, "localhost": false, "0.0.0.0": true} {
		var logs logBuffer
		newServer(t, Options{Bind: bind, Logf: logs.logf})
		if got := strings.Contains(logs.String(), "warning:"); got != warn {
			t.Errorf("bind %q: warning logged %v, want %v (log %q)", bind, got, warn, logs.String())
		}
	}
}
