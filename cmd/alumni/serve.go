package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/build"
	"github.com/alumni-site/alumni/internal/devserver"
	"github.com/alumni-site/alumni/internal/diag"
	"github.com/alumni-site/alumni/internal/watch"
)

// stringsFlag is a flag that may be given more than once.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

// runServe runs "alumni serve": it builds the site into memory, serves it,
// and rebuilds on every change of the site's files, telling open pages to
// reload or to show the build's errors.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("alumni serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site root: site.yaml, content/, ...")
	port := fl.Int("port", 1313, "the port; if the default is taken the next free one is used")
	bind := fl.String("bind", "127.0.0.1", "the address to listen on")
	var allow stringsFlag
	fl.Var(&allow, "allow-host", "also accept requests for this host name (repeatable)")
	drafts := fl.Bool("drafts", false, "show drafts")
	future := fl.Bool("future", false, "show pages whose publishDate is in the future")
	poll := fl.Bool("poll", false, "poll for changes instead of using file system events")
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "alumni serve: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	portSet := false
	fl.Visit(func(f *flag.Flag) { portSet = portSet || f.Name == "port" })

	logf := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	sess := build.NewSession(build.Options{Source: *source, Drafts: *drafts, Future: *future, Display: displayFrom(*source)})
	start := time.Now()
	snap, ds := sess.Rebuild(ctx, nil, true)
	report(stderr, ds)
	if snap == nil {
		logf("alumni serve: the site does not build yet; fix the errors above and the preview will follow")
	}
	base := "/"
	if cfg := sess.Config(); cfg != nil {
		base = cfg.BasePath()
	}
	srv, err := devserver.New(devserver.Options{
		Bind: *bind, Port: *port, PortSet: portSet, AllowHosts: allow, BasePath: base, Logf: logf,
	})
	if err != nil {
		fmt.Fprintf(stderr, "alumni serve: %v\n", err)
		return exitError
	}
	var last devserver.Site
	if snap != nil {
		last = snap
	}
	srv.Publish(last, problems(ds))

	w, err := watch.New(watch.Options{Root: *source, Ignore: ignored, Poll: *poll, Logf: logf})
	if err != nil {
		fmt.Fprintf(stderr, "alumni serve: %v\n", err)
		return exitError
	}
	defer w.Close()
	fmt.Fprintf(stdout, "Serving %s at %s (built in %d ms). Press Ctrl+C to stop.\n",
		filepath.ToSlash(*source), srv.URL(), time.Since(start).Milliseconds())

	go func() {
		// pending is the last snapshot while the rest of its Markdown is
		// converted; the problems that conversion finds are printed and
		// shown when it ends.
		pending, printed := snap, ds
		for {
			var converted <-chan struct{}
			if pending != nil {
				converted = pending.Done()
			}
			select {
			case <-converted:
				all := pending.Wait()
				report(stderr, diag.Missing(all, printed))
				srv.Publish(last, problems(all))
				pending = nil
			case batch, ok := <-w.Batches():
				if !ok {
					return
				}
				start := time.Now()
				snap, ds := sess.Rebuild(ctx, batch.Paths, batch.Rescan)
				report(stderr, ds)
				pending, printed = snap, ds
				if snap != nil {
					last = snap
					fmt.Fprintf(stdout, "Rebuilt in %d ms: %s\n", time.Since(start).Milliseconds(), describe(batch))
				}
				srv.Publish(last, problems(ds))
			}
		}
	}()
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "alumni serve: %v\n", err)
		return exitError
	}
	return exitOK
}

// ignored reports whether a path below the site root is no source of the
// site: the output, the caches, version control and tools' folders.
func ignored(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case top == "public", top == "node_modules", top == "test-artifacts",
		strings.HasPrefix(top, "."):
		return true
	}
	return false
}

// report prints diagnostics as the build command does.
func report(w io.Writer, ds []diag.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d)
	}
}

// problems turns diagnostics into the overlay's problems.
func problems(ds []diag.Diagnostic) []devserver.Problem {
	var out []devserver.Problem
	for _, d := range ds {
		out = append(out, devserver.Problem{Path: d.Path, Line: d.Pos.Line, Col: d.Pos.Col, Warning: d.Severity == diag.Warning, Message: d.Message})
	}
	return out
}

// describe names what a batch changed, for the terminal.
func describe(b watch.Batch) string {
	switch {
	case b.Rescan:
		return "everything (rescan)"
	case len(b.Paths) == 1:
		return b.Paths[0]
	}
	return fmt.Sprintf("%d files", len(b.Paths))
}
