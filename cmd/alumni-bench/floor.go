package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/markdown"
)

// floor measures the least work any build of the site must do: read every
// content file, cut off its front matter, convert the body with the build's
// goldmark instances and write the HTML to a file below out, with a worker
// per core. out is removed first, and the disks synced, outside the
// measured time.
func floor(site, out string) (time.Duration, error) {
	if err := os.RemoveAll(out); err != nil {
		return 0, err
	}
	src, err := os.ReadFile(filepath.Join(site, config.FileName))
	if err != nil {
		return 0, err
	}
	cfg, ds := config.Parse(config.FileName, src)
	if cfg == nil {
		return 0, fmt.Errorf("site.yaml: %v", ds)
	}
	runtime.GC()
	syncDisks()

	start := time.Now()
	conv := markdown.New(cfg.LanguageOrder)
	var paths []string
	err = filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	var (
		next   atomic.Int64
		wg     sync.WaitGroup
		mu     sync.Mutex
		first  error
		made   sync.Map // folders already made below out
		failed atomic.Bool
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				if err := convertFile(conv, cfg.DefaultLanguage, site, out, paths[i], &made); err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return time.Since(start), first
}

// convertFile converts one content file and writes its HTML to the same
// relative path below out, with the extension .html.
func convertFile(conv *markdown.Converter, defaultLang, site, out, path string, made *sync.Map) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(site, path)
	if err != nil {
		return err
	}
	body, line := cutFrontMatter(data)
	res, _ := conv.Convert(body, markdown.Options{Path: filepath.ToSlash(rel), Lang: langOf(path, defaultLang), FirstLine: line})
	dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
	dir := filepath.Dir(dst)
	if _, ok := made.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		made.Store(dir, true)
	}
	return os.WriteFile(dst, res.HTML, 0o644)
}

// cutFrontMatter returns the body after a front matter between "---" (or
// "+++") lines, and the file line on which the body starts. A file without
// front matter is all body.
func cutFrontMatter(data []byte) (body []byte, line int) {
	for _, delim := range []string{"---", "+++"} {
		open := delim + "\n"
		if !bytes.HasPrefix(data, []byte(open)) {
			continue
		}
		rest := data[len(open):]
		end := bytes.Index(rest, []byte("\n"+delim+"\n"))
		if end < 0 {
			return data, 1
		}
		meta := rest[:end+1]
		return rest[end+len(delim)+2:], 3 + bytes.Count(meta, []byte("\n"))
	}
	return data, 1
}

// langOf returns the language of a content file from its name:
// "x.en.md" and "index.en.md" are English, a name without a suffix is in
// the default language.
func langOf(path, defaultLang string) string {
	stem := strings.TrimSuffix(filepath.Base(path), ".md")
	if dot := strings.LastIndexByte(stem, '.'); dot >= 0 {
		return stem[dot+1:]
	}
	return defaultLang
}

// contentSize counts the Markdown files of a site and their bytes.
func contentSize(site string) (files int, size int64, err error) {
	err = filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		info, err := d.Info()
		if err == nil {
			files++
			size += info.Size()
		}
		return err
	})
	return files, size, err
}
