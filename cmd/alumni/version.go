package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

func runVersion(stdout io.Writer) int {
	v := version
	if v == "" {
		v = "(devel)"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	fmt.Fprintf(stdout, "alumni %s\n", v)
	return exitOK
}
