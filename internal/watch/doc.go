// Package watch tells the preview server which files of a site changed.
//
// A Watcher watches a folder and everything below it, and sends the changes
// on Batches in sets, so that one save or one git checkout leads to one
// rebuild:
//
//	w, err := watch.New(watch.Options{Root: root, Ignore: ignore, Logf: log.Printf})
//	if err != nil {
//		return err
//	}
//	defer w.Close()
//	for b := range w.Batches() {
//		// rebuild b.Paths, or everything when b.Rescan is set
//	}
//
// # What is watched
//
// Every folder below Root is watched, except those for which Options.Ignore
// returns true: Ignore receives slash paths relative to Root ("public",
// "content/x.md"), is asked about folders and files alike, and a folder it
// ignores is not descended into. Ignore is called from one goroutine at a
// time. A nil Ignore ignores nothing, so callers pass one that leaves out at
// least the output folder, the cache, the staging folders, .git and
// node_modules.
//
// A folder created while watching is watched as soon as its creation is
// seen. The files already in it by then (mkdir -p x/y && cp files x/y) are
// reported as created, and so are the files in folders below it. Symbolic
// links are reported like files and never followed.
//
// # Batches
//
// Batch.Paths holds the slash paths relative to Root of the files that were
// created, written, removed, renamed (the old and the new name), or whose
// mode or modification time changed, sorted and without duplicates.
// Folders appear only with inotify, when they are removed or renamed away:
// their own path is then reported, with Rescan set, since the files they
// held are not known one by one. (Polling names those files instead.)
//
// Batch.Rescan means that changes may have been lost: the inotify queue
// overflowed (fsnotify.ErrEventOverflow), a folder was removed or renamed,
// the watcher reported an error, or it switched to polling while running.
// The receiver must then treat every file as possibly changed; Paths is
// still filled with what is known.
//
// A batch is sent once no change has been seen for Options.Debounce (50 ms
// by default). A stream of changes that never pauses is still sent at least
// every twenty debounce periods (one second by default). While the receiver
// is busy, later changes are merged into the batch waiting to be sent, so a
// slow rebuild is followed by one batch, never a backlog. A change that
// only touched temporary files sends nothing: a batch is never empty.
//
// # Editor saves
//
// Editors save in several steps: write a temporary file and rename it onto
// the real one, move the old file to a backup name, probe whether the
// folder is writable. The names below are temporary; they are never
// reported, while the file they were renamed onto is:
//
//	.*                  dot files: vim's .x.md.swp, Emacs's .#x.md lock,
//	                    gedit's .goutputstream-*, any hidden file
//	*~                  backups (vim, Emacs, gedit, nano)
//	#*#                 Emacs auto-saves
//	4913, 5036, ...     vim's write probe (4913 + 123k)
//	*.swp *.swo *.swx   vim swap files kept outside the dot-file scheme
//	*.tmp               temporary files (any case)
//	*.vsctmp            VS Code's atomic writes
//	*___jb_tmp___       JetBrains' safe write
//	*___jb_old___
//
// The rules apply to file names only: a file in a folder whose name starts
// with a dot (static/.well-known/security.txt) is reported as usual.
//
// The steps of one save come within milliseconds of each other, so they
// fall into one batch.
//
// # inotify and polling
//
// On Linux the watcher uses inotify through github.com/fsnotify/fsnotify,
// with one watch per folder (fsnotify watches one folder at a time). It
// switches to polling by itself, and says so through Options.Logf, when
// inotify cannot be set up: when the per-user watch limit is reached
// (ENOSPC), when no inotify instance can be created (EMFILE), or when adding
// a watch fails in any other way than a missing or unreadable folder (which
// is skipped, and logged once). This happens at start-up or later, when a
// new folder cannot be watched; in the second case the next batch has
// Rescan set. The message names the setting that would fix it:
//
//	sudo sysctl fs.inotify.max_user_watches=524288
//	sudo sysctl fs.inotify.max_user_instances=1024 (for EMFILE)
//
// fsnotify's events are moved at once into a queue of the watcher's own,
// which holds up to 65,536 of them. When the kernel's queue overflows
// (fsnotify.ErrEventOverflow) or this one does, the next batch has Rescan
// set, and the watcher adds watches again for every folder, so that the
// folders created while events were dropped are watched too.
//
// Options.Poll forces polling, for file systems where inotify sees no
// changes (network shares, some container mounts). Polling walks the tree
// every Options.PollInterval (300 ms by default) and compares the size,
// modification time and mode of every file not ignored with the previous
// walk. When a walk finds changes, the next one follows after the debounce
// period, and the batch is sent once a walk finds nothing new, so a long
// copy still gives one batch. A folder renamed while polling shows up as
// its old and new files, without Rescan. Two writes of the same length
// within the file system's time resolution (a few milliseconds) look like
// one.
//
// # Closing
//
// Close stops the watcher, waits for its goroutines to end and closes the
// Batches channel. It may be called more than once. A Watcher keeps no
// global state: any number may run at the same time.
package watch
