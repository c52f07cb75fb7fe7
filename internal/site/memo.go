package site

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/markdown"
)

// Memo remembers Markdown conversions between builds of the preview, so
// that an edit converts only the pages it changed. It is safe for
// concurrent use. Entries not used by a build are dropped at its end, so
// the memo holds at most one site's worth of HTML.
type Memo struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries map[memoKey]memoEntry
	used    map[memoKey]bool
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	return &Memo{seed: maphash.MakeSeed(), entries: map[memoKey]memoEntry{}, used: map[memoKey]bool{}}
}

// memoKey holds everything a page's HTML depends on: its file, language and
// body, the bundle its images resolve in, and the set of unpublished pages
// whose links are dropped.
type memoKey struct {
	path, lang, bundleURL string
	line                  int
	body, files, hidden   uint64
}

type memoEntry struct {
	result markdown.Result
	diags  []diag.Diagnostic
	used   []string // bundle files the page's images use
}

func (m *Memo) key(p *Page, body []byte, hidden uint64) memoKey {
	return memoKey{
		path:      p.Path,
		lang:      p.Page.Lang,
		bundleURL: p.BundleURL,
		line:      p.BodyLine,
		body:      maphash.Bytes(m.seed, body),
		files:     maphash.String(m.seed, strings.Join(p.Files, "\x00")),
		hidden:    hidden,
	}
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
