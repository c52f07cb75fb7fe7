package devserver

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/coder/websocket"
)

const (
	// queueSize is how many messages a page may fall behind before it is
	// disconnected.
	queueSize = 16
	// writeTimeout bounds the sending of one message.
	writeTimeout = 5 * time.Second
	// pingInterval is how often a silent connection is checked.
	pingInterval = 30 * time.Second
)

// message is one message to the script; see "Messages" in the package
// documentation.
type message struct {
	Type string `json:"type"`
	// Build names the build the server serves (see buildID).
	Build    string        `json:"build"`
	Problems []problemJSON `json:"problems,omitempty"`
}

type problemJSON struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Warning bool   `json:"warning"`
	Message string `json:"message"`
	Text    string `json:"text"`
}

// client is one open WebSocket.
type client struct {
	send    chan []byte   // encoded messages, in order
	dropped chan struct{} // closed when the client fell too far behind
}

// Publish makes site the one served and tells every open page about it and
// about the build's problems; see "Messages" in the package documentation.
// After a failed build the caller passes the previous good Site (or nil,
// which keeps the current one) with the problems. The new site is served as
// soon as Publish is called; the messages follow once it has compared the
// two builds.
func (s *Server) Publish(site Site, problems []Problem) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	old := s.site
	if site == nil {
		site = old
	}
	s.site = site
	if !sameSite(old, site) {
		s.generation++
	}
	s.mu.Unlock()

	change := compareSites(old, site, compareBudget)

	s.mu.Lock()
	defer s.mu.Unlock()
	hadProblems := len(s.problems) > 0
	s.problems = append([]Problem(nil), problems...)
	switch change {
	case fullChange:
		// Every page reloads and receives the problems when it connects
		// again.
		s.broadcast(message{Type: "reload"})
		return
	case cssChange:
		s.broadcast(message{Type: "css"})
	}
	if len(problems) > 0 {
		s.broadcast(problemsMessage(problems))
	} else if hadProblems {
		s.broadcast(message{Type: "ok"})
	}
}

// current returns the site to serve, nil before the first good build, and
// the name of its build.
func (s *Server) current() (Site, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.site, s.buildID()
}

// buildID names the Site being served, for the script: the server's
// instance and how many Sites it has published. A page carries the name of
// the build it was served from, and the server tells every page that
// connects the name of the current one, so that a page served before a
// Publish whose message it missed (its WebSocket was not open yet, or the
// server restarted) reloads. s.mu must be held.
func (s *Server) buildID() string {
	return s.instance + "-" + strconv.Itoa(s.generation)
}

// problemsMessage returns the message that shows problems.
func problemsMessage(problems []Problem) message {
	m := message{Type: "problems", Problems: make([]problemJSON, len(problems))}
	for i, p := range problems {
		m.Problems[i] = problemJSON{Path: p.Path, Line: p.Line, Col: p.Col, Warning: p.Warning, Message: p.Message, Text: p.String()}
	}
	return m
}

// encode returns m as JSON.
func encode(m message) []byte {
	data, err := json.Marshal(m)
	if err != nil {
		panic("devserver: cannot encode a message: " + err.Error()) // cannot happen: strings, ints and bools only
	}
	return data
}

// broadcast queues m for every client. A client whose queue is full is
// dropped: its script reconnects and reloads. s.mu must be held.
func (s *Server) broadcast(m message) {
	if len(s.clients) == 0 {
		return
	}
	m.Build = s.buildID()
	data := encode(m)
	for c := range s.clients {
		select {
		case c.send <- data:
		default:
			delete(s.clients, c)
			close(c.dropped)
		}
	}
}

// join registers a new client and queues the problems of the last build,
// if any. It returns nil once the server has stopped. A client that joined
// must leave.
func (s *Server) join() *client {
	c := &client{send: make(chan []byte, queueSize), dropped: make(chan struct{})}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil
	}
	s.sockets.Add(1)
	s.clients[c] = struct{}{}
	c.send <- encode(message{Type: "hello", Build: s.buildID()})
	if len(s.problems) > 0 {
		m := problemsMessage(s.problems)
		m.Build = s.buildID()
		c.send <- encode(m)
	}
	return c
}

// leave forgets a client.
func (s *Server) leave(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, c)
	s.sockets.Done()
}

// serveSocket upgrades a request for the reload endpoint to a WebSocket
// and sends it the messages of every Publish until either side goes away.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "403 forbidden: cross-site Origin", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The client joins before the handshake completes, so that no Publish
	// after the page sees the connection open can miss it.
	c := s.join()
	if c == nil {
		http.Error(w, "503 the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer s.leave(c)
	// Accept checks the Origin again, with the same rule.
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return // Accept has answered the request
	}
	// The script sends nothing; CloseRead answers pings and notices when
	// the page goes away.
	ctx := conn.CloseRead(r.Context())
	ping := time.NewTicker(pingInterval)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			conn.CloseNow()
			return
		case <-s.done:
			conn.Close(websocket.StatusGoingAway, "server stopped")
			return
		case <-c.dropped:
			conn.Close(websocket.StatusPolicyViolation, "too many messages behind")
			return
		case data := <-c.send:
			wctx, cancel := context.WithTimeout(ctx, writeTimeout)
			err := conn.Write(wctx, websocket.MessageText, data)
			cancel()
			if err != nil {
				conn.CloseNow()
				return
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(ctx, writeTimeout)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				conn.CloseNow()
				return
			}
		}
	}
}

// sameOrigin reports whether the request carries no Origin or the Origin
// of a page of this server, as the request's Host names it.
func sameOrigin(r *http.Request) bool {
	origins := r.Header.Values("Origin")
	switch len(origins) {
	case 0:
		return true
	case 1:
	default:
		return false
	}
	u, err := url.Parse(origins[0])
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return false
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}
