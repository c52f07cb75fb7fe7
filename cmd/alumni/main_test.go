package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites the files that cmp compares against in the scripts
// (go test ./cmd/alumni -update). Review the diff before keeping it: a
// wrong message is fixed in the code, not enshrined in a script.
var update = flag.Bool("update", false, "rewrite the expected files of failing cmp commands in testdata/script")

// TestMain lets the scripts run "alumni": testscript puts a copy of the test
// binary on the scripts' PATH under that name, and started under that name
// it runs exactly what main runs.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"alumni": func() {
			os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs testdata/script/*.txtar. Each script writes a small site,
// runs alumni on it and checks the exit status, the exact diagnostics and
// the files written.
//
// Besides the standard testscript commands, the scripts may use:
//
//	exits N cmd args...   runs cmd like exec and checks that its exit status is N
//	unescape src dst      copies src to dst, turning \r, \xHH and \\ into bytes
//	grepr regexp dir      succeeds if a file under dir matches regexp
//	                      (! grepr: no file under dir does)
//	cptree src dst        copies the folder src to dst
//	cmptree a b           checks that two folders hold the same files, byte for byte
//	ls dir                writes the names in dir, dot files too, one a line, to stdout
//
// and the condition [casesensitive], true where the file system tells
// About.md from about.md.
func TestScripts(t *testing.T) {
	isCaseSensitive, err := caseSensitive(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cmdExits,
			"unescape": cmdUnescape,
			"grepr":    cmdGrepr,
			"cptree":   cmdCptree,
			"cmptree":  cmdCmptree,
			"ls":       cmdLs,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "casesensitive" {
				return isCaseSensitive, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// cmdExits runs a command and checks its exit status, which "! exec" does
// not: alumni exits with 1 for an error in the site and 2 for a wrong
// command line.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits N cmd args...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdUnescape writes a file whose bytes a txtar archive cannot show
// readably: a byte order mark, CR line endings, invalid UTF-8.
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! unescape")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: unescape src dst")
	}
	out, err := unescape([]byte(ts.ReadFile(args[0])))
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o666))
}

// unescape replaces \r with a carriage return, \xHH with the byte HH and
// \\ with a backslash.
func unescape(src []byte) ([]byte, error) {
	var out bytes.Buffer
	for i := 0; i < len(src); i++ {
		if src[i] != '\\' {
			out.WriteByte(src[i])
			continue
		}
		if i+1 == len(src) {
			return nil, errors.New("trailing backslash")
		}
		switch src[i+1] {
		case 'r':
			out.WriteByte('\r')
			i++
		case '\\':
			out.WriteByte('\\')
			i++
		case 'x':
			if i+3 >= len(src) {
				return nil, fmt.Errorf("short \\x escape at byte %d", i)
			}
			b, err := strconv.ParseUint(string(src[i+2:i+4]), 16, 8)
			if err != nil {
				return nil, fmt.Errorf("bad \\x escape at byte %d: %v", i, err)
			}
			out.WriteByte(byte(b))
			i += 3
		default:
			return nil, fmt.Errorf("unknown escape \\%c at byte %d", src[i+1], i)
		}
	}
	return out.Bytes(), nil
}

// cmdGrepr looks for a regular expression in every file under a folder.
// Negated, it checks that unpublished content left no trace in any output
// file.
func cmdGrepr(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: grepr regexp dir")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	files, err := treeFiles(ts.MkAbs(args[1]))
	ts.Check(err)
	var matched []string
	for name, data := range files {
		if re.Match(data) {
			matched = append(matched, name)
		}
	}
	slices.Sort(matched)
	switch {
	case neg && len(matched) > 0:
		ts.Fatalf("%q found in %s under %s", args[0], matched, args[1])
	case !neg && len(matched) == 0:
		ts.Fatalf("%q not found in any file under %s", args[0], args[1])
	}
}

// cmdCptree copies a folder, to compare it with a later version.
func cmdCptree(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! cptree")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: cptree src dst")
	}
	ts.Check(os.CopyFS(ts.MkAbs(args[1]), os.DirFS(ts.MkAbs(args[0]))))
}

// cmdCmptree checks that two folders hold the same file names with the
// same bytes.
func cmdCmptree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmptree a b")
	}
	a, err := treeFiles(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := treeFiles(ts.MkAbs(args[1]))
	ts.Check(err)
	var diffs []string
	for name, data := range a {
		other, ok := b[name]
		switch {
		case !ok:
			diffs = append(diffs, "only in "+args[0]+": "+name)
		case !bytes.Equal(data, other):
			diffs = append(diffs, "differs: "+name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diffs = append(diffs, "only in "+args[1]+": "+name)
		}
	}
	slices.Sort(diffs)
	switch {
	case neg && len(diffs) == 0:
		ts.Fatalf("%s and %s are the same", args[0], args[1])
	case !neg && len(diffs) > 0:
		for _, d := range diffs {
			ts.Logf("%s", d)
		}
		ts.Fatalf("%s and %s differ", args[0], args[1])
	}
}

// cmdLs lists a folder, to check that a build left nothing beside the
// destination.
func cmdLs(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! ls")
	}
	if len(args) != 1 {
		ts.Fatalf("usage: ls dir")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range entries {
		fmt.Fprintln(ts.Stdout(), e.Name())
	}
}

// treeFiles reads every regular file under dir, by slash path.
func treeFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		files[name] = data
		return err
	})
	return files, err
}

// caseSensitive reports whether the file system holding dir tells names
// that differ only in case apart.
func caseSensitive(dir string) (bool, error) {
	if err := os.WriteFile(filepath.Join(dir, "Case"), nil, 0o666); err != nil {
		return false, err
	}
	_, err := os.Stat(filepath.Join(dir, "case"))
	return errors.Is(err, fs.ErrNotExist), nil
}
