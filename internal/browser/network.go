package browser

import (
	"context"
	"net/url"
	"slices"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Requests records the URLs that one tab requests, from the browser's
// network events, including those of its frames.
type Requests struct {
	mu   sync.Mutex
	urls []string
}

// Watch starts recording the requests of the tab of ctx. It opens the tab
// if it is not open yet. Recording stops when the tab closes.
func Watch(ctx context.Context) (*Requests, error) {
	if err := chromedp.Do(ctx); err != nil {
		return nil, err
	}
	events := chromedp.Events(ctx, network.RequestWillBeSent)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, err
	}
	r := &Requests{}
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			if ev.Request != nil {
				r.mu.Lock()
				r.urls = append(r.urls, ev.Request.URL)
				r.mu.Unlock()
			}
		}
	}()
	return r, nil
}

// All returns the URLs requested so far, in order.
func (r *Requests) All() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.urls)
}

// External returns the URLs requested so far whose host is not a loopback
// address. data: and blob: URLs never leave the browser and are not
// listed.
func (r *Requests) External() []string {
	var out []string
	for _, u := range r.All() {
		if !IsLocal(u) {
			out = append(out, u)
		}
	}
	return out
}

// IsLocal reports whether a URL stays on this machine: a data:, blob: or
// about: URL, or one whose host is localhost or a loopback address.
func IsLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	}
	switch h := u.Hostname(); h {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}
