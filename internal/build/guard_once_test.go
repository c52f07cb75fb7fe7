package build

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/markdown"
	"github.com/alumni-site/alumni/internal/site"
)

// countingConverter counts the conversions of each content file.
type countingConverter struct {
	inner site.Converter
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingConverter) Convert(src []byte, opt markdown.Options) (markdown.Result, []diag.Diagnostic) {
	c.mu.Lock()
	c.calls[opt.Path]++
	c.mu.Unlock()
	return c.inner.Convert(src, opt)
}

// TestMarkdownConvertedOncePerBuild builds a generated site, in which every
// content file is published, and checks that the whole build, from loading
// to the last feed, converts each file's Markdown exactly once and converts
// nothing else.
func TestMarkdownConvertedOncePerBuild(t *testing.T) {
	dir := guardSite(t, 200)
	opt := guardOptions(t, dir, filepath.Join(t.TempDir(), "public"))
	var conv *countingConverter
	opt.wrapMarkdown = func(inner site.Converter) site.Converter {
		if conv != nil {
			t.Fatal("the build made a second converter")
		}
		conv = &countingConverter{inner: inner, calls: map[string]int{}}
		return conv
	}
	if res := Build(context.Background(), opt); !res.OK {
		t.Fatalf("build failed: %v", res.Diagnostics)
	}
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if conv == nil {
		t.Fatal("the build did not use the wrapped converter")
	}
	for _, f := range files {
		if n := conv.calls[f]; n != 1 {
			t.Errorf("%s: converted %d times, want once", f, n)
		}
		delete(conv.calls, f)
	}
	for path, n := range conv.calls {
		t.Errorf("%q converted %d times, but it is no content file", path, n)
	}
	if len(files) < 250 {
		t.Errorf("only %d content files: the generated site is not what this guard expects", len(files))
	}
}
