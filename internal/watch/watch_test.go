package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The behaviour tests run once with inotify and once polling; both must
// report the same paths.

func TestWrite(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			if w.Polling() != be.poll {
				t.Fatalf("Polling() = %v, want %v", w.Polling(), be.poll)
			}
			write(t, root, "content/x.md", "one, two\n")
			expectOne(t, w, root, "content/x.md")
			write(t, root, "site.yaml", "title: Alumni stories\n")
			expectOne(t, w, root, "site.yaml")
		})
	}
}

// TestEditorSaves replays the file operations of editors' saves: each
// gives one batch holding only the saved file.
func TestEditorSaves(t *testing.T) {
	saves := []struct {
		name string
		save func(t *testing.T, root string)
	}{
		{"swap file and rename", func(t *testing.T, root string) {
			write(t, root, "content/.x.md.swp", "swap")
			write(t, root, "content/x.md.tmp", "saved by rename\n")
			rename(t, root, "content/x.md.tmp", "content/x.md")
			remove(t, root, "content/.x.md.swp")
		}},
		{"vim", func(t *testing.T, root string) {
			write(t, root, "content/.x.md.swp", "swap")
			write(t, root, "content/.x.md.swx", "")
			remove(t, root, "content/.x.md.swx")
			write(t, root, "content/4913", "")
			remove(t, root, "content/4913")
			rename(t, root, "content/x.md", "content/x.md~")
			write(t, root, "content/x.md", "saved by vim\n")
			remove(t, root, "content/x.md~")
			remove(t, root, "content/.x.md.swp")
		}},
		{"JetBrains", func(t *testing.T, root string) {
			write(t, root, "content/x.md___jb_tmp___", "saved by GoLand\n")
			rename(t, root, "content/x.md", "content/x.md___jb_old___")
			rename(t, root, "content/x.md___jb_tmp___", "content/x.md")
			remove(t, root, "content/x.md___jb_old___")
		}},
		{"VS Code", func(t *testing.T, root string) {
			write(t, root, "content/x.md.vsctmp", "saved by VS Code\n")
			rename(t, root, "content/x.md.vsctmp", "content/x.md")
		}},
		{"Emacs", func(t *testing.T, root string) {
			if err := os.Symlink("user@host.1234", filepath.Join(root, "content/.#x.md")); err != nil {
				t.Fatal(err)
			}
			write(t, root, "content/#x.md#", "auto-saved")
			rename(t, root, "content/x.md", "content/x.md~")
			write(t, root, "content/x.md", "saved by Emacs\n")
			remove(t, root, "content/#x.md#")
			remove(t, root, "content/.#x.md")
		}},
	}
	for _, be := range backends {
		for _, s := range saves {
			t.Run(be.name+"/"+s.name, func(t *testing.T) {
				root := newSite(t)
				w := open(t, root, be.poll, faults{}, nil)
				s.save(t, root)
				expectOne(t, w, root, "content/x.md")
			})
		}
	}
}

// TestTempFilesAlone checks that temporary files give no batch at all.
func TestTempFilesAlone(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			write(t, root, "content/4913", "")
			remove(t, root, "content/4913")
			write(t, root, "content/.draft.md", "hidden\n")
			write(t, root, "content/notes.md~", "backup\n")
			expectSentinel(t, w, root)
		})
	}
}

func TestNewFolder(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			// Created in one go, before the watcher can see the folders.
			if err := os.MkdirAll(filepath.Join(root, "content/new/deep"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, root, "content/new/a.md", "a\n")
			write(t, root, "content/new/deep/b.md", "b\n")
			write(t, root, "content/new/deep/.b.md.swp", "swap")
			want := []string{"content/new/a.md", "content/new/deep/b.md"}
			collect(t, w, want, false)
			// The new folders are watched: a file added later is seen.
			write(t, root, "content/new/deep/c.md", "c\n")
			collect(t, w, []string{"content/new/deep/c.md"}, false, want...)
		})
	}
}

func TestDelete(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			remove(t, root, "content/old.md")
			expectOne(t, w, root, "content/old.md")
		})
	}
}

func TestRenameFile(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			rename(t, root, "content/old.md", "content/renamed.md")
			expectOne(t, w, root, "content/old.md", "content/renamed.md")
		})
	}
}

func TestRenameFolder(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			rename(t, root, "content/dir", "content/moved")
			// Either Rescan, or the old and the new names of every file.
			collect(t, w, []string{
				"content/dir/a.md", "content/dir/sub/b.md",
				"content/moved/a.md", "content/moved/sub/b.md",
			}, true)
			// The moved folders are watched under their new names.
			write(t, root, "content/moved/sub/c.md", "c\n")
			for {
				b := next(t, w)
				for _, p := range b.Paths {
					if strings.HasPrefix(p, "content/dir/") {
						t.Fatalf("stale name %q after the rename", p)
					}
				}
				if slices.Contains(b.Paths, "content/moved/sub/c.md") {
					break
				}
			}
		})
	}
}

// TestBurst creates 1,000 files at once, like a git checkout: they come in
// a handful of batches at most, and every one is reported.
func TestBurst(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			var want []string
			for i := range 1000 {
				name := fmt.Sprintf("content/burst/story-%04d.md", i)
				write(t, root, name, name+"\n")
				want = append(want, name)
			}
			got := collect(t, w, want, false)
			t.Logf("1,000 files in %d batches", len(got))
			if len(got) > 5 {
				t.Errorf("1,000 files came in %d batches, want at most 5", len(got))
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			write(t, root, "public/index.html", "<p>rebuilt</p>\n")
			write(t, root, "public/new/page.html", "<p>new</p>\n")
			write(t, root, "node_modules/m.js", "m2\n")
			write(t, root, ".git/HEAD", "ref: refs/heads/other\n")
			write(t, root, ".alumni-cache/x/y.bin", "cache\n")
			write(t, root, ".alumni-stage-public-0123456789abcdef/index.html", "stage\n")
			remove(t, root, "public")
			expectSentinel(t, w, root)
		})
	}
}

// TestDotFolder checks that the temp-file rules apply to file names only.
func TestDotFolder(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			root := newSite(t)
			w := open(t, root, be.poll, faults{}, nil)
			write(t, root, "static/.well-known/a.t", "contact: alumni@example.org\n")
			expectOne(t, w, root, "static/.well-known/a.t")
		})
	}
}
