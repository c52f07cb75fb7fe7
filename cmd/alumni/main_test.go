package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites the files that cmp compares against in the scripts
// (go test ./cmd/alumni -update). Review the diff: a wrong message must be
// fixed in the code, not in the script.
var update = flag.Bool("update", false, "rewrite the expected files of failing cmp commands in testdata/script")

// TestMain lets the scripts run "alumni" as a command: the test binary,
// started under that name, runs exactly what main runs.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"alumni": func() {
			os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs testdata/script/*.txtar. Each script writes a small site
// and checks alumni's exit status, its exact diagnostics and its output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"unescape": cmdUnescape,
		},
	})
}

// cmdUnescape writes a file whose bytes a txtar archive cannot hold
// readably (a byte order mark, CR line endings, invalid UTF-8):
//
//	unescape src dst
//
// copies src to dst, replacing \r with a carriage return, \xHH with the
// byte HH and \\ with a backslash.
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! unescape")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: unescape src dst")
	}
	out, err := unescape([]byte(ts.ReadFile(args[0])))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o666))
}

func unescape(src []byte) ([]byte, error) {
	var out bytes.Buffer
	for i := 0; i < len(src); i++ {
		if src[i] != '\\' {
			out.WriteByte(src[i])
			continue
		}
		if i+1 == len(src) {
			return nil, fmt.Errorf("trailing backslash")
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
