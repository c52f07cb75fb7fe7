// Package themes embeds the themes that ship inside the alumni binary, so
// that a site with only content/ and site.yaml builds.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Embedded returns the folder of the named embedded theme, or false when
// no theme of that name is embedded.
func Embedded(name string) (fs.FS, bool) {
	if name != "default" {
		return nil, false
	}
	sub, err := fs.Sub(files, name)
	return sub, err == nil
}
