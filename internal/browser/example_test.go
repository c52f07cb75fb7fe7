package browser

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/alumni-site/alumni/internal/build"
	"github.com/alumni-site/alumni/internal/config"
	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// exampleNow is the moment the example site is built at, so that the
// tests see the same pages on every day.
const exampleNow = "2026-11-01"

// example is the example site of the repository, built once into a
// temporary folder and served on 127.0.0.1.
var example exampleState

type exampleState struct {
	once   sync.Once
	tmp    string
	dir    string
	server *Server
	err    error
}

// exampleSite builds and serves the example site on first use.
func exampleSite(t *testing.T) *Server {
	t.Helper()
	example.once.Do(func() { example.err = buildExample() })
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.server
}

func buildExample() error {
	root, err := ModuleRoot()
	if err != nil {
		return err
	}
	src, err := os.ReadFile(filepath.Join(root, config.FileName))
	if err != nil {
		return err
	}
	cfg, ds := config.Parse(config.FileName, src)
	if cfg == nil {
		return buildError(ds)
	}
	now, err := content.ParseDate(exampleNow)
	if err != nil {
		return err
	}
	example.tmp, err = os.MkdirTemp("", "alumni-example-")
	if err != nil {
		return err
	}
	example.dir = filepath.Join(example.tmp, "public")
	// CheckCached: every page of the example site must fit the default
	// theme's cached pieces.
	res := build.Build(context.Background(), build.Options{Source: root, Dest: example.dir, Strict: true, Now: now, CheckCached: true})
	if !res.OK {
		return buildError(res.Diagnostics)
	}
	example.server, err = Serve(example.dir, cfg.BasePath())
	return err
}

// buildError lists the diagnostics of a failed build.
type buildError []diag.Diagnostic

func (e buildError) Error() string {
	s := "the example site does not build with --strict:"
	for _, d := range e {
		s += "\n" + d.String()
	}
	return s
}

// cleanup stops the server and removes the build.
func (e *exampleState) cleanup() {
	if e.server != nil {
		e.server.Close()
	}
	if e.tmp != "" {
		os.RemoveAll(e.tmp)
	}
}
