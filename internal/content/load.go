package content

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
)

// MaxMarkdownSize is the largest Markdown file accepted. A story is a few
// kilobytes; the cap keeps pathological input from stalling a build.
const MaxMarkdownSize = 512 << 10

// Options tell Load about the site.
type Options struct {
	// Languages lists the configured language codes.
	Languages []string
	// DefaultLanguage is the language of files without a suffix.
	DefaultLanguage string
	// Display turns a slash path relative to the site root into the path
	// shown in diagnostics. Nil shows the site path.
	Display func(sitePath string) string
	// Cache, when set, supplies the pages of files read before: only files
	// it does not hold are read (the preview calls Cache.Forget for the
	// files that changed).
	Cache *Cache
	// DropBodies leaves Page.Body nil, so that a build does not hold every
	// page's Markdown at once; Page.ReadBody reads a body when it is
	// needed.
	DropBodies bool
	// Listing, when set, is an earlier walk of content/ to use instead of
	// walking it again (the preview, when no file was added or removed).
	Listing *Listing
}

// Listing is what a walk of content/ found: the page files with the other
// files of their bundles, and the problems the walk reported.
type Listing struct {
	jobs  []job
	diags []diag.Diagnostic
	files map[string]bool
}

// Walk walks content/ in fsys (the site root) as Load does.
func Walk(fsys fs.FS, opt Options) *Listing {
	if opt.Display == nil {
		opt.Display = func(p string) string { return p }
	}
	l := &loader{fsys: fsys, opt: opt}
	l.walkContent()
	files := map[string]bool{}
	for _, j := range l.jobs {
		files[j.src.Path] = true
		if j.src.Bundle != "" {
			for _, f := range j.files {
				files[path.Join(j.src.Bundle, f)] = true
			}
		}
	}
	return &Listing{jobs: l.jobs, diags: l.diags, files: files}
}

// Has reports whether the walk found the file at the slash path p (relative
// to the site root): a page file, or another file of a bundle.
func (l *Listing) Has(p string) bool { return l.files[p] }

// Load reads and decodes every page under content/ in fsys (the site root),
// walking the folder or taking the files of opt.Listing.
// It reports every problem it finds, and returns the pages it could decode
// in a stable order. Cross-page rules (translations, references between
// pages) are the site model's job. The translations of a page that could not
// be decoded are left out too: without their original they would be reported
// as having none, and as missing every field they inherit.
func Load(fsys fs.FS, opt Options) ([]*Page, []diag.Diagnostic) {
	if opt.Display == nil {
		opt.Display = func(p string) string { return p }
	}
	listing := opt.Listing
	if listing == nil {
		listing = Walk(fsys, opt)
	}
	l := &loader{fsys: fsys, opt: opt, jobs: listing.jobs, diags: slices.Clone(listing.diags)}
	pages := make([]*Page, len(l.jobs))
	results := make([][]diag.Diagnostic, len(l.jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range l.jobs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			pages[i], results[i] = l.read(j)
		})
	}
	wg.Wait()
	if opt.Cache != nil {
		present := map[string]bool{}
		for _, j := range l.jobs {
			present[j.src.Path] = true
		}
		opt.Cache.keep(present)
	}
	ds := l.diags
	broken := map[string]bool{} // keys of originals that could not be decoded
	for i, r := range results {
		ds = append(ds, r...)
		if pages[i] == nil && l.jobs[i].src.Lang == opt.DefaultLanguage {
			broken[l.jobs[i].src.Key] = true
		}
	}
	return slices.DeleteFunc(pages, func(p *Page) bool { return p == nil || broken[p.Key] }), ds
}

// loader walks content/ and collects the files to read.
type loader struct {
	fsys  fs.FS
	opt   Options
	jobs  []job
	diags []diag.Diagnostic
}

type job struct {
	src   Source
	files []string
}

func (l *loader) isLang(code string) bool { return slices.Contains(l.opt.Languages, code) }

func (l *loader) errorf(sitePath, format string, args ...any) {
	l.diags = append(l.diags, diag.Errorf(l.opt.Display(sitePath), diag.Pos{}, format, args...))
}

func (l *loader) warnf(sitePath, format string, args ...any) {
	l.diags = append(l.diags, diag.Warnf(l.opt.Display(sitePath), diag.Pos{}, format, args...))
}

// entries lists a folder of the site, leaving out ignored names and
// reporting symbolic links that lead outside the site.
func (l *loader) entries(dir string) (files, dirs []string) {
	list, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.errorf(dir, "cannot read folder: %v", unwrapPath(err))
		return nil, nil
	}
	for _, e := range list {
		name := e.Name()
		if ignored(name) {
			continue
		}
		full := path.Join(dir, name)
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			var ok bool
			if isDir, ok = l.followLink(full); !ok {
				continue
			}
		}
		if isDir {
			dirs = append(dirs, name)
		} else {
			files = append(files, name)
		}
	}
	return files, dirs
}

// followLink checks that the symbolic link at name stays inside the site
// and reports whether it leads to a folder.
func (l *loader) followLink(name string) (isDir, ok bool) {
	target := name
	for range 16 {
		dest, err := fs.ReadLink(l.fsys, target)
		if err != nil {
			break
		}
		if path.IsAbs(dest) || strings.HasPrefix(dest, "/") {
			l.errorf(name, "symbolic link points outside the site (to %s)", dest)
			return false, false
		}
		target = path.Join(path.Dir(target), dest)
		if target == ".." || strings.HasPrefix(target, "../") {
			l.errorf(name, "symbolic link points outside the site (to %s)", dest)
			return false, false
		}
		info, err := fs.Lstat(l.fsys, target)
		if err != nil {
			l.errorf(name, "symbolic link is broken (points to %s)", dest)
			return false, false
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return info.IsDir(), true
		}
	}
	l.errorf(name, "symbolic link cannot be followed")
	return false, false
}

// walkContent finds the pages: content/*.md, content/<section>/*.md,
// content/<section>/<bundle>/index*.md and content/<bundle>/index*.md.
func (l *loader) walkContent() {
	if _, err := fs.Stat(l.fsys, "content"); err != nil {
		l.errorf("content", "no content folder: a site keeps its pages in content/")
		return
	}
	files, dirs := l.entries("content")
	l.addFiles("", files, false)
	for _, d := range dirs {
		sub := path.Join("content", d)
		subFiles, subDirs := l.entries(sub)
		if hasIndex(subFiles, "index") && !hasIndex(subFiles, "_index") {
			l.addBundle(d, subFiles, subDirs)
			continue
		}
		l.addFiles(d, subFiles, false)
		for _, b := range subDirs {
			bundleFiles, bundleDirs := l.entries(path.Join(sub, b))
			if !hasIndex(bundleFiles, "index") {
				l.errorf(path.Join(sub, b), "folder has no index.md: pages nest at most one folder below a section, and a deeper folder must be a page bundle with an index.md")
				continue
			}
			l.addBundle(path.Join(d, b), bundleFiles, bundleDirs)
		}
	}
}

// addFiles adds the Markdown files of a folder that is not a bundle and
// warns about any other file, which would not be published.
func (l *loader) addFiles(dir string, files []string, bundle bool) {
	for _, name := range files {
		full := path.Join("content", dir, name)
		if !strings.HasSuffix(name, ".md") {
			l.warnf(full, "not published: only Markdown files and page bundles belong here; put a page's files in its bundle folder")
			continue
		}
		src, err := newSource(dir, name, bundle, l.isLang, l.opt.DefaultLanguage)
		if err != nil {
			l.errorf(full, "%v", err)
			continue
		}
		l.jobs = append(l.jobs, job{src: src})
	}
}

// addBundle adds the index files of a page bundle; every other file below
// the bundle folder is one of its resources.
func (l *loader) addBundle(dir string, files, dirs []string) {
	var index, resources []string
	for _, name := range files {
		stem, _, _ := strings.Cut(name, ".")
		switch {
		case stem == "index" && strings.HasSuffix(name, ".md"):
			index = append(index, name)
		case strings.HasSuffix(name, ".md"):
			l.errorf(path.Join("content", dir, name), "a page bundle holds one page: only index.md and its translations (index.en.md) may be Markdown here")
		default:
			resources = append(resources, name)
		}
	}
	resources = append(resources, l.filesBelow(path.Join("content", dir), dirs)...)
	slices.Sort(resources)
	before := len(l.jobs)
	l.addFiles(dir, index, true)
	for i := before; i < len(l.jobs); i++ {
		l.jobs[i].files = resources
	}
}

// filesBelow lists, relative to root, every file in the given subfolders of
// root, at any depth.
func (l *loader) filesBelow(root string, dirs []string) []string {
	var out []string
	for _, d := range dirs {
		files, sub := l.entries(path.Join(root, d))
		for _, f := range files {
			out = append(out, path.Join(d, f))
		}
		for _, f := range l.filesBelow(path.Join(root, d), sub) {
			out = append(out, path.Join(d, f))
		}
	}
	return out
}

func hasIndex(files []string, stem string) bool {
	return slices.ContainsFunc(files, func(name string) bool {
		s, _, _ := strings.Cut(name, ".")
		return s == stem && strings.HasSuffix(name, ".md")
	})
}

// read reads and decodes one page, or takes it from the cache. The
// bundle's file list comes from this walk, not from the cache, since adding
// a photo changes it without changing the page's file: a cached page whose
// list changed is replaced by a copy with the new one.
func (l *loader) read(j job) (*Page, []diag.Diagnostic) {
	if c := l.opt.Cache; c != nil {
		if p, ds, ok := c.get(j.src.Path); ok {
			if p != nil && (p.Source != j.src || !slices.Equal(p.Files, j.files)) {
				p = p.Copy()
				p.Source, p.Files = j.src, j.files
				c.put(j.src.Path, p, ds)
			}
			return p, ds
		}
		p, ds := l.decode(j)
		c.put(j.src.Path, p, ds)
		return p, ds
	}
	return l.decode(j)
}

// decode reads and decodes one page.
func (l *loader) decode(j job) (*Page, []diag.Diagnostic) {
	display := l.opt.Display(j.src.Path)
	data, err := ReadLimited(l.fsys, j.src.Path, MaxMarkdownSize)
	if err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(display, diag.Pos{}, "%v", err)}
	}
	p, ds := Parse(j.src, display, data)
	if p != nil {
		p.Files = j.files
		if l.opt.DropBodies {
			p.DropBody()
		}
	}
	return p, ds
}

// ReadLimited reads the file name from fsys, refusing, before reading it
// all, a file larger than limit bytes.
func ReadLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
	}
	defer f.Close()
	size := int64(512)
	if info, err := f.Stat(); err == nil {
		if info.Size() > limit {
			return nil, fmt.Errorf("file too large (%s): the limit is %s", formatSize(info.Size()), formatSize(limit))
		}
		size = info.Size()
	}
	// The file is read into a buffer of its size (one byte more, to see
	// that it ends there), which grows only if the file does meanwhile.
	data := make([]byte, 0, size+1)
	r := io.LimitReader(f, limit+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
		}
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file too large: the limit is %s", formatSize(limit))
	}
	return data, nil
}

// formatSize writes a byte count for people: 512 KiB, 1.5 MiB.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// unwrapPath drops the path from a *fs.PathError: diagnostics name the
// file already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
