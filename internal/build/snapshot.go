package build

import (
	"cmp"
	"errors"
	"mime"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/theme"
)

// Snapshot is one successful build of a Session, kept in memory. Files are
// produced when first asked for and then kept; a Snapshot is safe for
// concurrent use.
//
// A snapshot is served before every page's Markdown is converted: the
// bundle files that Markdown images show are known only then, so asking
// for a file the snapshot does not list waits for the conversion to end.
type Snapshot struct {
	files map[string]file
	// paths lists the paths of files, sorted; all those of files and
	// bundle once complete is closed.
	paths, all []string
	done       sync.Map // path -> []byte
	// lock is shared by the snapshots of one site model (see lastBuild).
	lock *sync.RWMutex
	// complete is closed when the conversion ended; bundle then holds the
	// bundle files and diags every diagnostic of the build.
	complete chan struct{}
	bundle   map[string]file
	diags    []diag.Diagnostic
}

// newSnapshot returns a snapshot of files; finish completes it.
func newSnapshot(files []file, lock *sync.RWMutex) *Snapshot {
	s := &Snapshot{files: make(map[string]file, len(files)), paths: sortedPaths(files), lock: lock, complete: make(chan struct{})}
	for _, f := range files {
		s.files[f.path] = f
	}
	return s
}

// finish adds the bundle files and the build's diagnostics, once every
// page's Markdown is converted.
func (s *Snapshot) finish(bundle []file, diags []diag.Diagnostic) {
	s.bundle = make(map[string]file, len(bundle))
	for _, f := range bundle {
		s.bundle[f.path] = f
	}
	s.all = mergeSorted(s.paths, sortedPaths(bundle), strings.Compare)
	s.diags = diags
	close(s.complete)
}

// sortedPaths returns the paths of files, sorted. The planner lists files
// sorted already, so this is usually a copy.
func sortedPaths(files []file) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.path
	}
	if !slices.IsSorted(out) {
		slices.Sort(out)
	}
	return out
}

// Done is closed when every page's Markdown is converted.
func (s *Snapshot) Done() <-chan struct{} { return s.complete }

// Wait waits until every page's Markdown is converted and returns every
// diagnostic of the build: those Rebuild returned and those the
// conversion found, sorted.
func (s *Snapshot) Wait() []diag.Diagnostic {
	<-s.complete
	return s.diags
}

// lookup finds the file at rel, waiting for the bundle files when the
// snapshot does not list it.
func (s *Snapshot) lookup(rel string) (file, bool) {
	if f, ok := s.files[rel]; ok {
		return f, true
	}
	<-s.complete
	f, ok := s.bundle[rel]
	return f, ok
}

// File returns the bytes and media type of the file at the slash path rel
// in the destination, producing it if needed. A file that cannot be
// produced (a template error that only this page meets) is not there.
func (s *Snapshot) File(rel string) ([]byte, string, bool) {
	data, err := s.produce(rel)
	if err != nil {
		return nil, "", false
	}
	media := mime.TypeByExtension(path.Ext(rel))
	return data, cmp.Or(media, "application/octet-stream"), true
}

// produce returns the bytes of a file, producing them once.
func (s *Snapshot) produce(rel string) ([]byte, error) {
	if data, ok := s.done.Load(rel); ok {
		return data.([]byte), nil
	}
	f, ok := s.lookup(rel)
	if !ok {
		return nil, os.ErrNotExist
	}
	s.lock.RLock()
	data, err := f.make(nil)
	s.lock.RUnlock()
	if err != nil {
		return nil, err
	}
	s.done.Store(rel, data)
	return data, nil
}

// Paths lists the files of the snapshot known so far, sorted: every file
// once Wait has returned, and before, every file but the bundle files. It
// does not wait, so that comparing two snapshots (the preview's reload)
// never waits for a conversion. The list is the snapshot's own: it must
// not be changed.
func (s *Snapshot) Paths() []string {
	select {
	case <-s.complete:
		return s.all
	default:
		return s.paths
	}
}

// check produces, right away, the pages most likely to fail, so that a
// template error shows in the preview's overlay at once instead of when a
// page is opened: the pages of the changed content files, and, when the
// theme or site.yaml changed, one page of every layout in every language.
func (s *Snapshot) check(changed []string, model *site.Site, everyLayout bool, diags *diag.List) {
	edited := map[string]bool{}
	for _, p := range changed {
		edited[p] = true
	}
	want := map[string]bool{}
	seen := map[string]bool{}
	for _, p := range model.Pages {
		key := p.Page.Lang + "/" + p.Layout
		if (everyLayout && !seen[key]) || (p.Path != "" && edited[p.Path]) {
			seen[key] = true
			want[p.OutputPath] = true
		}
	}
	var wg sync.WaitGroup
	for rel := range want {
		f, ok := s.files[rel]
		if !ok {
			continue
		}
		wg.Go(func() {
			if _, err := s.produce(rel); err != nil && !errors.Is(err, theme.ErrReported) {
				diags.Add(asDiagnostic(f.shown, err))
			}
		})
	}
	wg.Wait()
}
