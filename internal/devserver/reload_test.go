package devserver

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// dial opens the reload WebSocket of s with the given Origin ("" for none)
// and reads the hello that names the current build.
func dial(t *testing.T, s *Server, origin string) *websocket.Conn {
	t.Helper()
	conn, resp, err := dialOrigin(s, origin)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial with Origin %q: %v (status %d)", origin, err, status)
	}
	t.Cleanup(func() { conn.CloseNow() })
	s.mu.Lock()
	build := s.buildID()
	s.mu.Unlock()
	if m := expect(t, conn, "hello"); m.Build != build {
		t.Fatalf("hello names build %q, want %q", m.Build, build)
	}
	return conn
}

func dialOrigin(s *Server, origin string) (*websocket.Conn, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	opt := &websocket.DialOptions{HTTPHeader: http.Header{}}
	if origin != "" {
		opt.HTTPHeader.Set("Origin", origin)
	}
	return websocket.Dial(ctx, "ws"+strings.TrimPrefix(s.URL(), "http")+"__alumni/ws", opt)
}

// next reads the next message of conn.
func next(t *testing.T, conn *websocket.Conn) message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	typ, data, err := conn.Read(ctx)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var m message
	if typ != websocket.MessageText || json.Unmarshal(data, &m) != nil {
		t.Fatalf("message %q is not JSON text", data)
	}
	return m
}

// expect reads the next message of conn and checks its type.
func expect(t *testing.T, conn *websocket.Conn, typ string) message {
	t.Helper()
	m := next(t, conn)
	if m.Type != typ {
		t.Fatalf("message %+v, want type %q", m, typ)
	}
	return m
}

// quiet checks that conn receives nothing for a moment.
func quiet(t *testing.T, conn *websocket.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, data, err := conn.Read(ctx); err == nil {
		t.Fatalf("unexpected message %s", data)
	}
}

var problems = []Problem{
	{Path: "content/stories/anna.md", Line: 3, Col: 7, Message: `<img src=x onerror=alert(1)> is not a date`},
	{Path: "layouts/story.html", Line: 12, Warning: true, Message: "unused"},
	{Path: "site.yaml", Message: "no position"},
}

func TestReloadMessages(t *testing.T) {
	s, _, _ := startServer(t, Options{BasePath: "/alumni/"})
	v1 := testSite()
	conn := dial(t, s, "")

	s.Publish(v1, nil)
	expect(t, conn, "reload")

	v2 := v1.with(map[string]string{"stories/anna/index.html": "<p>Anna, edited</p>"})
	s.Publish(v2, nil)
	expect(t, conn, "reload")

	// A failed build: the caller passes the last good Site again.
	s.Publish(v2, problems)
	m := expect(t, conn, "problems")
	want := []problemJSON{
		{Path: "content/stories/anna.md", Line: 3, Col: 7, Message: problems[0].Message, Text: "content/stories/anna.md:3:7: " + problems[0].Message},
		{Path: "layouts/story.html", Line: 12, Warning: true, Message: "unused", Text: "layouts/story.html:12: warning: unused"},
		{Path: "site.yaml", Message: "no position", Text: "site.yaml: no position"},
	}
	if len(m.Problems) != len(want) {
		t.Fatalf("problems %+v, want %+v", m.Problems, want)
	}
	for i := range want {
		if m.Problems[i] != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, m.Problems[i], want[i])
		}
	}

	// A page opened now gets the problems at once.
	late := dial(t, s, "")
	if m := expect(t, late, "problems"); len(m.Problems) != 3 {
		t.Errorf("late page: %d problems, want 3", len(m.Problems))
	}
	// The last good build is still served.
	if _, body := get(t, s.Handler(), "/alumni/stories/anna/"); !strings.HasPrefix(body, "<p>Anna, edited</p>") {
		t.Errorf("after a failed build: served %q", body)
	}

	// The fix, with no other change, clears the overlay everywhere.
	s.Publish(v2, nil)
	expect(t, conn, "ok")
	expect(t, late, "ok")
	quiet(t, conn)

	// A page opened when all is well gets nothing.
	fresh := dial(t, s, "")
	quiet(t, fresh)
}

func TestFixThatChangesPagesReloads(t *testing.T) {
	s, _, _ := startServer(t, Options{})
	v1 := testSite()
	s.Publish(v1, nil)
	s.Publish(nil, problems) // nil keeps the last good Site
	conn := dial(t, s, "")
	expect(t, conn, "problems")
	s.Publish(v1.with(map[string]string{"index.html": "<p>fixed</p>"}), nil)
	expect(t, conn, "reload")
	again := dial(t, s, "")
	quiet(t, again)
}

func TestCSSMessages(t *testing.T) {
	s, _, _ := startServer(t, Options{})
	v1 := testSite()
	s.Publish(v1, nil)
	conn := dial(t, s, "")

	v2 := v1.with(map[string]string{"css/main.1a2b.css": "body{color:#000}"})
	s.Publish(v2, nil)
	expect(t, conn, "css")

	// A stylesheet change with a warning: swap, then show it.
	v3 := v2.with(map[string]string{"css/print.css": "@page{}"})
	s.Publish(v3, problems[1:2])
	expect(t, conn, "css")
	expect(t, conn, "problems")

	// The same Site again without the warning: only ok.
	s.Publish(v3, nil)
	expect(t, conn, "ok")

	// A fingerprinted stylesheet renames the file and changes every page
	// that links it: a reload.
	v4 := v3.with(map[string]string{"css/main.1a2b.css": "-", "css/main.3c4d.css": "x", "index.html": "<link href=css/main.3c4d.css>"})
	s.Publish(v4, nil)
	expect(t, conn, "reload")

	// A Site that cannot list its files always reloads.
	s.Publish(filesOnly{v4.with(map[string]string{"css/main.3c4d.css": "y"})}, nil)
	expect(t, conn, "reload")
}

func TestOrigin(t *testing.T) {
	s, _, _ := startServer(t, Options{})
	s.Publish(testSite(), nil)
	host := strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")
	for _, origin := range []string{"", "http://" + host, "https://" + host, "HTTP://" + strings.ToUpper(host)} {
		conn := dial(t, s, origin)
		conn.Close(websocket.StatusNormalClosure, "")
	}
	for _, origin := range []string{
		"http://evil.example", "http://" + host + ".evil.example", "http://localhost.evil.example:" + host[strings.LastIndex(host, ":")+1:],
		"null", "file://", "http://user@" + host, "http://" + host + "/path", "ws://" + host, "http://127.0.0.1:1",
	} {
		_, resp, err := dialOrigin(s, origin)
		if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
			status := 0
			if resp != nil {
				status = resp.StatusCode
			}
			t.Errorf("Origin %q: status %d, err %v; want 403", origin, status, err)
		}
	}
	// Two Origin headers are refused too.
	req := httptestRequest("/__alumni/ws")
	req.Header.Add("Origin", "http://localhost")
	req.Header.Add("Origin", "http://evil.example")
	if resp, _ := serve(t, s, req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("two Origin headers: status %d, want 403", resp.StatusCode)
	}
}

func TestShutdownClosesSockets(t *testing.T) {
	s, cancel, wait := startServer(t, Options{})
	s.Publish(testSite(), nil)
	conn := dial(t, s, "")
	cancel()
	ctx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	_, _, err := conn.Read(ctx)
	if got := websocket.CloseStatus(err); got != websocket.StatusGoingAway {
		t.Errorf("after shutdown: read error %v, want close status going away", err)
	}
	if err := wait(); err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, _, err := dialOrigin(s, ""); err == nil {
		t.Error("dial after shutdown succeeded")
	}
}

func TestSlowClientDropped(t *testing.T) {
	s := newServer(t, Options{})
	c := s.join()
	s.mu.Lock()
	for range queueSize + 1 {
		s.broadcast(message{Type: "reload"})
	}
	_, still := s.clients[c]
	s.mu.Unlock()
	select {
	case <-c.dropped:
	default:
		t.Fatal("a client with a full queue was not dropped")
	}
	if still {
		t.Error("a dropped client is still registered")
	}
	s.leave(c) // leaving after being dropped is harmless
}

func TestServeTwice(t *testing.T) {
	s := newServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Serve(ctx); err != nil {
		t.Fatalf("first Serve: %v", err)
	}
	err := s.Serve(ctx)
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("second Serve: %v, want an error", err)
	}
}

// TestBuildNames checks the names of builds that pages carry and messages
// give: a page served before a Publish it missed learns of it from the
// hello, and a new server's builds have other names than the old one's.
func TestBuildNames(t *testing.T) {
	s, _, _ := startServer(t, Options{BasePath: "/alumni/"})
	v1 := testSite()
	_, body := get(t, s.Handler(), "/alumni/")
	served := scriptTagOf(s, "/alumni/__alumni/reload.js", 0)
	if !strings.Contains(body, served) {
		t.Fatalf("page before the first build: %q, want it to carry %s", body, served)
	}

	// The page's socket opens only after the first Publish: the hello must
	// name another build than the page carries (the script reloads on
	// that; TestScriptInBrowser drives it after a restart).
	s.Publish(v1, nil)
	conn := dial(t, s, "")
	s.mu.Lock()
	first := s.buildID()
	s.mu.Unlock()
	if first == s.instance+"-0" {
		t.Fatalf("Publish of a new Site kept the build name %q", first)
	}

	// A failed build keeps the Site, and its name, and says so in the
	// message; a new Site has a new name.
	s.Publish(nil, problems)
	if m := expect(t, conn, "problems"); m.Build != first {
		t.Errorf("problems after a failed build name build %q, want %q", m.Build, first)
	}
	s.Publish(v1.with(map[string]string{"stories/anna/index.html": "<p>Anna, edited</p>"}), nil)
	if m := expect(t, conn, "reload"); m.Build == first || !strings.HasPrefix(m.Build, s.instance+"-") {
		t.Errorf("reload for a new Site names build %q, want a new name of this server (%s-…)", m.Build, s.instance)
	}

	other, _, _ := startServer(t, Options{BasePath: "/alumni/"})
	if other.instance == s.instance {
		t.Errorf("two servers share the instance name %q: a page would not notice a restart", s.instance)
	}
}
