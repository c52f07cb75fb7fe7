package site

import (
	"context"
	"html/template"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/markdown"
)

// markup is a page's Markdown converted to HTML. It is converted when the
// page's Content or Summary is first asked for, so a build holds the HTML
// of the pages being rendered rather than of the whole site, and can let it
// go with Release. The later pages of a paginated list share the markup of
// the first.
type markup struct {
	mu sync.Mutex
	// converted is set by the first conversion; the diagnostics and bundle
	// files of later ones (after Release) are not recorded again.
	converted bool
	// released is set when the HTML was let go; a later Content converts
	// again.
	released bool
	html     template.HTML
	summary  string
	// renders counts the pages that share the markup and have not been
	// released yet.
	renders int
}

// markdownSource is what converting pages on demand needs, kept by the
// Site after New.
type markdownSource struct {
	conv Converter
	memo *Memo
	body func(p *Page) ([]byte, error)
	// hiddenKey is the memo's hash of the hidden paths.
	hiddenKey uint64
	diags     diag.List
}

// addRender counts one more page sharing the markup.
func (m *markup) addRender() {
	m.mu.Lock()
	m.renders++
	m.mu.Unlock()
}

// Content returns the page's Markdown converted to HTML.
func (p *Page) Content() template.HTML {
	html, _ := p.convert(true)
	return html
}

// Summary returns the description, or else the first paragraph's text
// cut at the last space within 160 characters and ended with "…".
func (p *Page) Summary() string {
	if p.Description != "" {
		return p.Description
	}
	_, summary := p.convert(false)
	return summary
}

// Release lets go of the page's HTML once every page sharing it has been
// rendered: the build calls it after writing the page. Content converts
// again if it is asked for later (by a layout that shows other pages'
// content), so releasing never changes output.
func (p *Page) Release() {
	m := p.markup
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.renders--; m.renders <= 0 && m.converted {
		m.html, m.released = "", true
	}
}

// convert returns the page's HTML and summary, converting its Markdown
// when they are not there: the summary outlives Release, the HTML does
// not.
func (p *Page) convert(html bool) (template.HTML, string) {
	m := p.markup
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.converted && (!m.released || !html) {
		return m.html, m.summary
	}
	e := p.Site.build.convertPage(p)
	m.html = e.html
	m.summary = summarize(p.Description, e.firstParagraph)
	m.released = false
	if !m.converted {
		m.converted = true
		b := p.Site.build
		b.markdown.diags.Add(e.diags...)
		b.useFiles(p, e.used...)
	}
	return m.html, m.summary
}

// Converted returns the problems of the conversions made so far.
func (s *Site) Converted() []diag.Diagnostic { return s.build.markdown.diags.Items() }

// ConvertAll converts the Markdown of every page not converted yet, then
// lists the bundle files to publish in Files, checking that none would
// overwrite a page or another file. It returns the diagnostics of every
// conversion. A build calls it once, after rendering the pages; the
// preview while it serves them already. When ctx ends first, ConvertAll
// stops early with ctx's error, and a later call goes on where it stopped.
func (s *Site) ConvertAll(ctx context.Context) ([]diag.Diagnostic, error) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(s.Pages) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				p := s.Pages[i]
				m := p.markup
				m.mu.Lock()
				converted := m.converted
				m.mu.Unlock()
				if !converted {
					p.convert(false)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := s.build
	if b.markdown.memo != nil {
		b.markdown.memo.sweep()
	}
	// New's own diagnostics were returned by New; collectFiles adds new
	// ones.
	b.diags = diag.List{}
	s.Files = nil
	b.collectFiles()
	return append(b.markdown.diags.Items(), b.diags.Items()...), nil
}

// convertPage converts one page's Markdown, or takes the conversion from
// the memo when its input did not change.
func (b *builder) convertPage(p *Page) memoEntry {
	src := &b.markdown
	body, err := src.body(p)
	if err != nil {
		return memoEntry{diags: []diag.Diagnostic{diag.Errorf(p.DisplayPath, diag.Pos{}, "%v", err)}}
	}
	if src.memo == nil {
		return b.convertBody(src.conv, p, body)
	}
	key := src.memo.key(p, body, src.hiddenKey)
	e, ok := src.memo.get(key)
	if !ok {
		e = b.convertBody(src.conv, p, body)
		src.memo.put(key, e)
	}
	return e
}

// convertBody converts Markdown written on page p.
func (b *builder) convertBody(conv Converter, p *Page, body []byte) memoEntry {
	var e memoEntry
	res, diags := conv.Convert(body, markdown.Options{
		Path:      p.DisplayPath,
		Lang:      p.Page.Lang,
		FirstLine: p.BodyLine,
		Link:      func(dest string) bool { return !b.hidden[b.sitePath(p, dest)] },
		Resource: func(dest string) (string, error) {
			if err := p.findFile(dest); err != nil {
				return "", err
			}
			e.used = append(e.used, dest)
			return p.BundleURL + dest, nil
		},
	})
	e.html, e.firstParagraph, e.diags = template.HTML(res.HTML), res.FirstParagraph, diags
	return e
}
