package site

import (
	"hash/maphash"
	"html/template"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/alumni-site/alumni/internal/diag"
)

// Memo remembers Markdown conversions between builds of the preview, so
// that an edit converts only the pages it changed, and hands what a build
// derived from pages and strings to the next (see derived). It is safe for
// concurrent use. Entries not used by a build are dropped at its end, so
// the memo holds at most one site's worth of HTML.
type Memo struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries map[memoKey]memoEntry
	used    map[memoKey]bool
	// sums remembers the hash of each body by the body's first byte, so
	// that a body the preview's cache hands out again is hashed once, not
	// once per build. An entry holds its body, so that the memory cannot
	// be reused for another body while the entry exists.
	sums     map[*byte]bodySum
	sumsUsed map[*byte]bool
	// derived are the values the last site model derived from strings
	// and unchanged pages.
	derived *derived
}

type bodySum struct {
	body []byte
	sum  uint64
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	return &Memo{seed: maphash.MakeSeed(), entries: map[memoKey]memoEntry{}, used: map[memoKey]bool{},
		sums: map[*byte]bodySum{}, sumsUsed: map[*byte]bool{}}
}

// memoKey holds everything a page's HTML depends on: its file, language and
// body, the bundle its images resolve in, and the set of unpublished pages
// whose links are dropped.
type memoKey struct {
	path, lang, bundleURL string
	line                  int
	body, files, hidden   uint64
}

// memoEntry is one conversion. The HTML is kept as a string, so that the
// pages that take it from the memo share it rather than copy it.
type memoEntry struct {
	html           template.HTML
	firstParagraph string
	diags          []diag.Diagnostic
	used           []string // bundle files the page's images use
}

func (m *Memo) key(p *Page, body []byte, hidden uint64) memoKey {
	return memoKey{
		path:      p.Path,
		lang:      p.Page.Lang,
		bundleURL: p.BundleURL,
		line:      p.BodyLine,
		body:      m.sum(body),
		files:     maphash.String(m.seed, strings.Join(p.Files, "\x00")),
		hidden:    hidden,
	}
}

// sum returns the hash of a body.
func (m *Memo) sum(body []byte) uint64 {
	if len(body) == 0 {
		return maphash.Bytes(m.seed, body)
	}
	first := unsafe.SliceData(body)
	m.mu.Lock()
	e, ok := m.sums[first]
	m.sumsUsed[first] = true
	m.mu.Unlock()
	if ok && len(e.body) == len(body) {
		return e.sum
	}
	sum := maphash.Bytes(m.seed, body)
	m.mu.Lock()
	m.sums[first] = bodySum{body: body, sum: sum}
	m.mu.Unlock()
	return sum
}

func (m *Memo) get(k memoKey) (memoEntry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[k]
	if ok {
		m.used[k] = true
	}
	return e, ok
}

func (m *Memo) put(k memoKey, e memoEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[k] = e
	m.used[k] = true
}

// sweep drops the entries the last build did not use.
func (m *Memo) sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range m.entries {
		if !m.used[k] {
			delete(m.entries, k)
		}
	}
	clear(m.used)
	for k := range m.sums {
		if !m.sumsUsed[k] {
			delete(m.sums, k)
		}
	}
	clear(m.sumsUsed)
}

// hiddenHash returns a hash of the set of hidden page paths.
func (m *Memo) hiddenHash(hidden map[string]bool) uint64 {
	keys := make([]string, 0, len(hidden))
	for k := range hidden {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return maphash.String(m.seed, strings.Join(keys, "\x00"))
}
