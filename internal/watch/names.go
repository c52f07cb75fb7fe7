package watch

import (
	"strconv"
	"strings"
)

// isTemp reports whether a file name belongs to an editor's save rather
// than to the site. The rules are listed in the package documentation.
func isTemp(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case name == "":
		return false
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(lower, ".tmp"),
		strings.HasSuffix(name, ".vsctmp"),
		strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return isVimProbe(name)
}

// isVimProbe reports whether name is one of the files vim creates to test
// whether it may write in a folder: "4913", or 4913 plus a multiple of 123
// when that name is taken.
func isVimProbe(name string) bool {
	if len(name) < 4 || len(name) > 9 || name[0] == '0' {
		return false
	}
	for _, c := range name {
		if c < '0' || c > '9' {
			return false
		}
	}
	n, _ := strconv.Atoi(name)
	return n >= 4913 && (n-4913)%123 == 0
}
