package devserver

import (
	"net"
	"net/netip"
	"strings"
	"sync"
)

// hostPolicy decides which Host headers the server answers.
type hostPolicy struct {
	names    map[string]bool     // lower-case names without a trailing dot
	addrs    map[netip.Addr]bool // the bound address
	wildcard bool                // bound to 0.0.0.0 or ::: interface addresses count
	seen     sync.Map            // netip.Addr -> true: interface addresses met before
}

// newHostPolicy returns the policy of a server bound to bind that also
// accepts the names in allow.
func newHostPolicy(bind string, allow []string) *hostPolicy {
	h := &hostPolicy{names: map[string]bool{"localhost": true}, addrs: map[netip.Addr]bool{}}
	if a, err := netip.ParseAddr(bind); err == nil {
		h.addrs[normalAddr(a)] = true
		h.wildcard = a.IsUnspecified()
	} else {
		h.names[normalName(bind)] = true
	}
	for _, name := range allow {
		host := hostOnly(name)
		if a, err := netip.ParseAddr(host); err == nil {
			h.addrs[normalAddr(a)] = true
		} else if host != "" {
			h.names[normalName(host)] = true
		}
	}
	return h
}

// allows reports whether a request with the Host header hostport may be
// answered.
func (h *hostPolicy) allows(hostport string) bool {
	host := hostOnly(hostport)
	if host == "" {
		return false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return h.names[normalName(host)]
	}
	a = normalAddr(a)
	if a.IsLoopback() || h.addrs[a] {
		return true
	}
	if !h.wildcard || a.IsUnspecified() {
		return false
	}
	if _, ok := h.seen.Load(a); ok {
		return true
	}
	// Interfaces come and go (a new Wi-Fi address), so they are looked up
	// when an address is first met rather than once at start.
	if isInterfaceAddr(a) {
		h.seen.Store(a, true)
		return true
	}
	return false
}

// isInterfaceAddr reports whether a is an address of one of the machine's
// network interfaces.
func isInterfaceAddr(a netip.Addr) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, ia := range addrs {
		n, ok := ia.(*net.IPNet)
		if !ok {
			continue
		}
		if b, ok := netip.AddrFromSlice(n.IP); ok && normalAddr(b) == a {
			return true
		}
	}
	return false
}

// hostOnly returns the host of a Host header, without port or brackets.
func hostOnly(hostport string) string {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
	}
	return host
}

// normalName returns a host name as the policy stores it.
func normalName(name string) string {
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// normalAddr returns a without zone and with an IPv4-mapped IPv6 address
// turned into IPv4.
func normalAddr(a netip.Addr) netip.Addr {
	return a.WithZone("").Unmap()
}

// isLoopback reports whether a server bound to bind is reachable from this
// machine only.
func isLoopback(bind string) bool {
	if a, err := netip.ParseAddr(bind); err == nil {
		return a.IsLoopback()
	}
	return normalName(bind) == "localhost"
}
